"""User settings remembered between runs (the coder's name), in the platform's config folder."""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path


def config_file() -> Path:
    override = os.environ.get("CODEBOOK_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("codebook") / "config.json"


def load() -> dict[str, str]:
    path = config_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save(**values: str) -> None:
    """Write settings atomically, so a crash never leaves a half-written config."""
    path = config_file()
    data = load()
    data.update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def remembered_coder() -> str | None:
    return os.environ.get("CODEBOOK_CODER") or load().get("coder")


def default_coder() -> str:
    """The remembered coder, else the login name, so the CLI never has to ask."""
    found = remembered_coder()
    if found:
        return found
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coder"
