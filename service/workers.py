"""`serve --workers N`: N processes, each listening on the same port with its own socket
(SO_REUSEPORT), so the kernel spreads connections over them by address hash.

uvicorn's own workers share one listening socket and whichever process wakes first accepts,
often several connections at once: under 16 clients two workers were busy 0.54 and 1.04 of a
core (benchmarks/README.md, issue 16). The parent here only watches: it restarts a worker
that dies and stops them all on SIGINT or SIGTERM.
"""

import logging
import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from types import FrameType

log = logging.getLogger(__name__)

RESTART_PAUSE_SECONDS = 1.0  # a worker that dies at start-up is not restarted in a tight loop
STOP_SECONDS = 15.0  # graceful shutdown time before a worker is killed


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def check_port_free(host: str, port: int) -> None:
    """Fail at once, with the OS's reason, when something else holds the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def _serve_one(host: str, port: int, keep_alive_seconds: int) -> None:
    """One worker process: its own socket, its own app built from the environment."""
    import uvicorn

    sock = _listening_socket(host, port)
    config = uvicorn.Config(
        "service.main:create_app",
        factory=True,
        log_level="info",
        timeout_keep_alive=keep_alive_seconds,
    )
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(workers: int, host: str, port: int, keep_alive_seconds: int) -> None:
    """Start ``workers`` processes on ``host:port`` and keep them running until a signal."""
    check_port_free(host, port)
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads
    stopping = False

    def start() -> BaseProcess:
        process = context.Process(
            target=_serve_one, args=(host, port, keep_alive_seconds), daemon=False
        )
        process.start()
        return process

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    running = [start() for _ in range(workers)]
    log.info("serving on http://%s:%d with %d worker processes", host, port, workers)
    try:
        while not stopping:
            time.sleep(0.2)
            for i, process in enumerate(running):
                if process.exitcode is not None and not stopping:
                    log.warning(
                        "worker %d exited with %s: starting another", process.pid, process.exitcode
                    )
                    time.sleep(RESTART_PAUSE_SECONDS)
                    running[i] = start()
    finally:
        for process in running:
            if process.exitcode is None:
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + STOP_SECONDS
        for process in running:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
