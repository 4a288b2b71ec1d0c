"""Writing conditions and proposals: lint, the step catalogue, generated docs and new-proposal templates."""
