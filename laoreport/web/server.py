"""`laoreport serve`: the web app on waitress, bound to loopback unless told otherwise, stopped by Ctrl-C.

waitress is pure Python, small and runs on Windows too; its threads answer requests
while an import writes, since every search reads the index as last committed.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import socket
import threading
import webbrowser
from collections.abc import Callable

from laoreport.errors import ServeError

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
THREADS = 8
STOP_WAIT = 0.5  # seconds Ctrl-C waits for requests in flight before the process ends


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost reach this machine only; anything else may reach a network."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def network_url(host: str, port: int) -> str | None:
    """For a wildcard host (0.0.0.0, ::), the address colleagues type to reach this machine: its
    address on the route out, found by connecting a UDP socket (which sends nothing); None where
    the host is not a wildcard or the machine has no route out."""
    if host not in ("0.0.0.0", "::", ""):
        return None
    family, probe = (socket.AF_INET6, "2001:db8::1") if host == "::" else (socket.AF_INET, "192.0.2.1")
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            address = udp.getsockname()[0]
    except OSError:
        return None
    if is_loopback(address):
        return None
    return f"http://[{address}]:{port}/" if ":" in address else f"http://{address}:{port}/"


def serve(index_dir: str | None, host: str = "127.0.0.1", port: int = 8080, open_browser: bool = False,
          echo: Callable[..., None] = print, warn: Callable[[str], None] = print) -> None:
    """Serve the index at `index_dir` until Ctrl-C; the first line echoed is the address served."""
    from waitress.server import create_server

    from laoreport.archive.store import Store
    from laoreport.web.app import create_app

    Store.open(index_dir)  # a missing index is the command line's one-line error, before any port is taken
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth is 1": busy, not wrong
    loopback = is_loopback(host)
    app = create_app(index_dir, allowed_hosts=None if not loopback else LOOPBACK_NAMES + (host.lower(),))
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, ident="laoreport",
                               clear_untrusted_proxy_headers=True)
    except (OSError, ValueError) as error:
        raise ServeError(f"cannot listen on {host}:{port}: {getattr(error, 'strerror', None) or error}; "
                         "choose another --port or --host") from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.effective_port}/"
    echo(f"serving {url} (Ctrl-C to stop)")
    if not loopback:
        reachable = network_url(host, server.effective_port)
        warn(f"warning: listening on {host}: everyone who can reach this machine on that network can read the archive"
             + (f" (at {reachable})" if reachable else ""))
    if open_browser:
        local = url if loopback else f"http://127.0.0.1:{server.effective_port}/"
        threading.Thread(target=webbrowser.open, args=(local,), daemon=True).start()
    # waitress stops on Ctrl-C and waits for requests in flight: up to STOP_WAIT, not its default 5 s
    server.task_dispatcher.shutdown = functools.partial(server.task_dispatcher.shutdown, timeout=STOP_WAIT)
    server.run()
    echo("stopped")
