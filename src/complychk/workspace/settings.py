"""The workspace's settings in one object: where the data lives, what it listens on, its limits."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, ValidationError

from complychk.errors import ConfigError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
"""Without sign-in the workspace listens on the local machine only."""

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""The largest proposal file accepted, as the loader accepts from disk."""

ENVIRONMENT_VARIABLE = "COMPLYCHK_WORKSPACE_SETTINGS"
"""How ``complychk serve`` hands its settings to each worker process it starts (as JSON): a
worker is a new Python process, and the environment is the one way in that neither the
process list (which shows command lines) nor a log shows."""


def default_db_url() -> str:
    """A SQLite file in the user's data folder (``~/.local/share/complychk`` on Linux)."""
    folder = platformdirs.user_data_path("complychk", appauthor=False)
    return f"sqlite:///{folder / 'workspace.sqlite3'}"


class Settings(BaseModel):
    """Everything the app factory needs; the CLI fills it from its options."""

    model_config = ConfigDict(frozen=True)

    db_url: str
    as_of: dt.date | None = None
    """Assessment date for new submissions; None means the day each is checked."""
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    pack_root: Path | None = None
    sign_in: bool = True
    """Whether every page and API call needs a signed-in user (off only on loopback)."""

    @classmethod
    def from_environment(cls) -> Settings:
        """The settings ``complychk serve`` put in :data:`ENVIRONMENT_VARIABLE`.

        Raises:
            ConfigError: the variable is missing or not settings.
        """
        text = os.environ.get(ENVIRONMENT_VARIABLE)
        if text is None:
            raise ConfigError(
                f"{ENVIRONMENT_VARIABLE} is not set: start the workspace with complychk serve"
            )
        try:
            return cls.model_validate_json(text)
        except ValidationError:
            raise ConfigError(
                f"{ENVIRONMENT_VARIABLE} does not hold the workspace's settings: start the "
                "workspace with complychk serve"
            ) from None

    def assessment_date(self) -> dt.date:
        return self.as_of or dt.date.today()
