"""Where the kit keeps things on disk: served notebooks, the data folder, the template.

The data folder (the results database, later) is never inside the served tree.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

DATA_DIR_VARIABLE = "KIT_DATA_DIR"


def notebooks_dir() -> Path:
    """Return the folder of the kit's notebooks (``notebooks/`` beside the package)."""
    return Path(str(files("kit"))).parent / "notebooks"


def jupyter_dir() -> Path:
    """Return the folder put on ``JUPYTER_PATH`` so Voila finds the kit's template."""
    return Path(str(files("kit").joinpath("jupyter")))


def data_dir() -> Path:
    """Return the data folder: ``KIT_DATA_DIR``, else ``$XDG_DATA_HOME/bvp-kit``."""
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "bvp-kit"


def is_inside(path: Path, folder: Path) -> bool:
    """Return whether ``path`` is ``folder`` or lies below it (after resolving links)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents
