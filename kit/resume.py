"""Where a trainee's place in a scenario is kept between page reloads.

States are JSON files in the data folder (outside the served tree), one per browser key
(a hash, see :func:`kit.apps.base.browser_key_from_id`), written atomically. The sessions work will move
this into the results database.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from kit.paths import data_dir

_KEY = re.compile(r"^[0-9a-f]{8,64}$")


class ResumeStore:
    """Saved scenario states by browser key and scenario id.

    Parameters
    ----------
    folder:
        Where to keep the files (default: ``<data folder>/resume``).
    """

    def __init__(self, folder: Path | None = None):
        self.folder = folder or data_dir() / "resume"

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("a browser key is a hexadecimal hash")
        return self.folder / f"{key}.json"

    def load(self, key: str, scenario_id: str) -> str | None:
        """Return the saved state of ``scenario_id`` for ``key``, or ``None``."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        state = data.get("scenarios", {}).get(scenario_id)
        return state if isinstance(state, str) else None

    def last_scenario(self, key: str) -> str | None:
        """Return the scenario this browser played last, if any."""
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8")).get("last")
        except (OSError, ValueError):
            return None

    def save(self, key: str, scenario_id: str, state: str | None) -> None:
        """Save (or, with ``None``, forget) the state of ``scenario_id`` for ``key``."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        scenarios = data.setdefault("scenarios", {})
        if state is None:
            scenarios.pop(scenario_id, None)
        else:
            scenarios[scenario_id] = state
        data["last"] = scenario_id
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, path)
