"""Entry point for ``python -m complychk``."""

from __future__ import annotations

from complychk.cli import main

raise SystemExit(main())
