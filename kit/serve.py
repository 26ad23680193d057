"""Serving the kit with Voila, configured for a classroom on one machine.

:func:`voila_command` is pure: it returns the command line, so tests can read the settings.
What each setting is for (measured in ../shared/VOILA-NOTES.md):

- our own template (``kit``): the lab template minus its CDN stylesheets, with landmarks and
  a page language that follows the app; the served folder's index sends visitors to the
  landing page;
- preheated kernels, so the first visitor of each app does not wait for a cold kernel;
- idle-kernel culling: Voila never shuts a kernel down when its page closes;
- a 60 s IOPub timeout: the 4 s default drops widget output under a class's load;
- tracebacks hidden; only image files served from the notebook folder;
- a Content-Security-Policy that lets the page load nothing from outside this server.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import webbrowser
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kit.paths import data_dir, is_inside, jupyter_dir, notebooks_dir

DEFAULT_PORT = 8866
TEMPLATE = "kit"
LANDING = "voila/render/index.ipynb"

CELL_ERROR = (
    "This page could not start; the server's log says why. "
    "No se pudo iniciar esta página; el registro del servidor indica el motivo."
)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Voila's front end and the widget manager need inline scripts and eval.
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ]
)

SECURITY_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "Referrer-Policy": "no-referrer"}


@dataclass(frozen=True)
class ServeSettings:
    """How to serve the kit.

    Parameters
    ----------
    port:
        TCP port on 127.0.0.1.
    open_browser:
        Open the landing page in the default browser once the server is up.
    notebooks:
        The folder to serve (default: the kit's ``notebooks/``).
    pool_size:
        Preheated kernels kept ready per notebook; 0 turns preheating off.
    cull_idle_seconds:
        Shut down a kernel whose page has been closed this long.
    """

    port: int = DEFAULT_PORT
    open_browser: bool = True
    notebooks: Path | None = None
    pool_size: int = 1
    cull_idle_seconds: int = 300


def voila_command(settings: ServeSettings) -> list[str]:
    """Return the Voila command line for ``settings``."""
    root = settings.notebooks or notebooks_dir()
    command = [
        sys.executable,
        "-m",
        "voila",
        str(root),
        f"--port={settings.port}",
        "--Voila.ip=127.0.0.1",
        "--no-browser",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        # The classic folder page is the one our template turns into a redirect.
        "--VoilaConfiguration.classic_tree=True",
        r"--VoilaConfiguration.file_allowlist=.*\.(png|jpg|jpeg|gif|svg|webp)",
        r"--VoilaConfiguration.file_denylist=.*\.(ipynb|py|yaml|yml|db|sqlite|sqlite3|json|csv)",
        # This labextension logs a console error in every Voila page.
        "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
        "--VoilaExecutor.iopub_timeout=60",
        "--VoilaExecutor.cell_error_instruction=" + CELL_ERROR,
        f"--MappingKernelManager.cull_idle_timeout={settings.cull_idle_seconds}",
        "--MappingKernelManager.cull_interval=30",
        "--MappingKernelManager.cull_connected=False",
        "--Voila.tornado_settings=" + json.dumps({"headers": SECURITY_HEADERS}),
    ]
    if settings.pool_size > 0:
        command += [
            "--preheat_kernel=True",
            "--VoilaKernelManager.kernel_pools_config="
            + json.dumps({"default": {"pool_size": settings.pool_size}}),
            "--VoilaKernelManager.fill_delay=2",
        ]
    return command


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for the Voila process: the kit's template on ``JUPYTER_PATH``."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(jupyter_dir()), env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def check_layout(settings: ServeSettings) -> None:
    """Refuse to serve a folder that holds the data folder, or one without a landing page."""
    root = settings.notebooks or notebooks_dir()
    if not (root / "index.ipynb").is_file():
        raise SystemExit(f"kit serve: no landing page at {root / 'index.ipynb'}; pass --notebooks DIR")
    if is_inside(data_dir(), root):
        raise SystemExit(
            f"kit serve: the data folder {data_dir()} lies inside the served folder {root}; "
            "set KIT_DATA_DIR elsewhere"
        )


def serve(settings: ServeSettings) -> int:
    """Run Voila in the foreground until it is stopped; return its exit code."""
    check_layout(settings)
    data_dir().mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{settings.port}/{LANDING}"
    print(f"Serving the kit at {url}  (Ctrl+C stops it)", flush=True)
    process = subprocess.Popen(voila_command(settings), env=voila_environment())
    if settings.open_browser:
        webbrowser.open(url)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(
    settings: ServeSettings,
    log_path: Path | None = None,
    timeout: float = 90.0,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Run ``kit serve`` in the background for a ``with`` block; yield its base URL.

    The server's output goes to ``log_path`` (or is discarded). On leaving the block the
    server and its kernels are stopped.

    Parameters
    ----------
    settings:
        As for :func:`serve`; ``open_browser`` is ignored.
    log_path:
        File for the server's log.
    timeout:
        Seconds to wait for the server to answer before giving up.
    env:
        Extra environment variables for the server and its kernels.
    """
    check_layout(settings)
    base = f"http://127.0.0.1:{settings.port}/"
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        voila_command(settings), env={**voila_environment(), **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kit serve exited with code {process.returncode}; see {log_path}")
            try:
                with urllib.request.urlopen(base, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"kit serve did not answer at {base} within {timeout:.0f} s")
            time.sleep(0.25)
        yield base
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if log_path:
            log.close()  # type: ignore[union-attr]
