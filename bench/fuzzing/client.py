"""Sending the requests and timing them: raw bytes where http.client would refuse them, a
connection per request (see `fetch` for why), and a few threads sharing the list. Nothing here
knows about Django; an `Outcome` is what the report counts.
"""

from __future__ import annotations

import http.client
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .inputs import Request


class RawConnection(http.client.HTTPConnection):
    """Sends a request line's non-ASCII characters as UTF-8 and lone surrogates as the bytes they
    stand for (invalid UTF-8), where http.client would refuse anything but ASCII."""

    def _encode_request(self, request: str) -> bytes:
        return request.encode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Outcome:
    request: Request
    status: int  # 0: no answer
    ms: float
    error: str = ""

    @property
    def kind(self) -> str:
        return "failed" if not self.status else "429" if self.status == 429 else f"{self.status // 100}xx"


def fetch(host: str, port: int, request: Request) -> Outcome:
    """One request on a connection of its own. runserver writes an answer's headers and body
    separately, and on a kept-alive connection Nagle's algorithm and the client's delayed ACK then
    hold every body back ~40 ms; a new connection (loopback: ~0.1 ms) measures the page instead."""
    connection = RawConnection(host, port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", request.target, headers={"User-Agent": "jinaq-fuzz", "Connection": "close"})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as failure:
        return Outcome(
            request, 0, (time.perf_counter() - started) * 1000, f"{type(failure).__name__}: {failure}"
        )
    finally:
        connection.close()
    return Outcome(request, response.status, (time.perf_counter() - started) * 1000)


def send(requests: list[Request], *, base: str, concurrency: int, label: str) -> list[Outcome]:
    outcomes: list[Outcome] = []  # appended to by every thread (list.append is atomic)
    stop = threading.Event()
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    def work(share: list[Request]) -> None:
        for request in share:
            if stop.is_set():
                break
            outcomes.append(fetch(host, port, request))

    threads = [
        threading.Thread(target=work, args=(requests[n::concurrency],), daemon=True)
        for n in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)  # a timeout, so that Ctrl-C gets through
                if sys.stderr.isatty():
                    print(f"\r{label}: {len(outcomes)}/{len(requests)}", end="", file=sys.stderr, flush=True)
    finally:
        stop.set()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return outcomes
