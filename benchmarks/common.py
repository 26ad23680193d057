"""What the benchmarks share: a served copy of the kit's notebooks plus a baseline notebook."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat

from kit.browser import find_chromium
from kit.paths import notebooks_dir
from kit.serve import ServeSettings, free_port, running_server


def write_notebook(folder: Path, name: str, source: str) -> None:
    """Write a one-cell notebook ``name`` with ``source`` into ``folder``."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / name)


@contextlib.contextmanager
def served_kit(baseline_name: str, baseline_source: str, pool_size: int = 0) -> Iterator[tuple[str, int, str]]:
    """Serve the kit's notebooks plus one baseline notebook; yield (base URL, port, Chromium)."""
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("benchmark: no Chromium found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "notebooks"
        shutil.copytree(notebooks_dir(), root)
        write_notebook(root, baseline_name, baseline_source)
        settings = ServeSettings(port=free_port(), open_browser=False, notebooks=root, pool_size=pool_size)
        env = {"KIT_DATA_DIR": str(Path(tmp) / "data")}
        with running_server(settings, log_path=Path(tmp) / "voila.log", env=env) as base:
            yield base, settings.port, chromium
