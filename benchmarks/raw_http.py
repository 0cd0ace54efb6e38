"""A lean HTTP/1.1 client for the benchmarks: keep-alive sockets, requests written as bytes,
responses read by Content-Length. httpx costs about a millisecond of the benchmark's own CPU
per request; on two cores shared with the server that is the client measuring itself (as
wrk or ab would not). 127.0.0.1 only, JSON bodies, no redirects, no chunked responses."""

import asyncio
import json
import socket
from urllib.parse import urlparse


def _request_bytes(host: str, path: str, body: dict) -> bytes:
    payload = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + payload


def _status_and_length(head: bytes) -> tuple[int, int]:
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            return status, int(value)
    raise ValueError("response without Content-Length")


def _loopback(url: str) -> tuple[str, int]:
    parts = urlparse(url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"refusing {parts.hostname}: the benchmarks only load 127.0.0.1")
    return parts.hostname, parts.port or 80


class RawClient:
    """One blocking keep-alive connection (the one-client latency benchmark)."""

    def __init__(self, url: str) -> None:
        self.host, port = _loopback(url)
        self._sock = socket.create_connection((self.host, port))
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b""

    def post(self, path: str, body: dict) -> tuple[int, bytes]:
        self._sock.sendall(_request_bytes(self.host, path, body))
        while b"\r\n\r\n" not in self._buffer:
            self._buffer += self._recv()
        head, _, rest = self._buffer.partition(b"\r\n\r\n")
        status, length = _status_and_length(head)
        while len(rest) < length:
            rest += self._recv()
        self._buffer = rest[length:]
        return status, rest[:length]

    def _recv(self) -> bytes:
        chunk = self._sock.recv(262144)
        if not chunk:
            raise ConnectionError("server closed the connection")
        return chunk

    def close(self) -> None:
        self._sock.close()


async def post_async(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str, body: dict
) -> int:
    """POST on an open keep-alive connection; returns the status (the body is read, dropped)."""
    writer.write(_request_bytes(host, path, body))
    head = await reader.readuntil(b"\r\n\r\n")
    status, length = _status_and_length(head[:-4])
    await reader.readexactly(length)
    return status


async def open_connection(url: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, str]:
    host, port = _loopback(url)
    reader, writer = await asyncio.open_connection(host, port, limit=1 << 22)
    return reader, writer, host
