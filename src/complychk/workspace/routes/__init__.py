"""The web routes, one module per resource; each serves its HTML pages and their JSON twins."""
