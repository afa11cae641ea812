"""Reading the server's log after a run: how many answers were 5xx and which exceptions raised
them, each traceback chain with a path that caused it. Apart from the bench proper because a
status code alone misses errors Django turned into a 500 page quietly, and because Django's own
400s for suspicious requests are logged with a traceback too and have to be told apart.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TRACEBACK = "Traceback (most recent call last)"
CHAINED = ("The above exception was the direct cause", "During handling of the above exception")
REQUEST_LINE = re.compile(r'^\[[^\]]*\] "')  # runserver: [time] "GET /path HTTP/1.1" 500 145
SERVER_5XX = re.compile(r'" 5\d\d \d+\s*$')
LOGGED_PATH = re.compile(r"^[A-Z][A-Za-z ]+: (/\S*)")  # django.request: Internal Server Error: /path


@dataclass
class LogFindings:
    """Tracebacks come in chains (an exception raised while handling another); a chain ending in
    what Django itself answers 400 — SuspiciousOperation, BadRequest: 1,001 fields, say — is
    logged by django.security with its traceback by design, and is not an error."""

    path: str
    tracebacks: int = 0
    lines_5xx: int = 0
    errors: Counter = field(default_factory=Counter)  # each chain's exceptions (first lines) -> how often
    refused: Counter = field(default_factory=Counter)  # the same, for chains Django answered 400
    examples: dict[tuple[str, ...], str] = field(default_factory=dict)  # a chain -> a path that raised it


def exception_line(lines: list[str], header: int) -> str:
    """The first line of a traceback's exception: the first unindented line after its frames."""
    following = (line for line in lines[header + 1 :] if line.strip() and not line[0].isspace())
    return next(following, "(traceback cut off)")[:200]


def refused_by_django(exception: str) -> bool:
    from django.core.exceptions import BadRequest, SuspiciousOperation  # noqa: PLC0415

    module, _, name = exception.split(":", 1)[0].rpartition(".")
    try:
        raised = getattr(importlib.import_module(module), name)
    except Exception:  # a class we cannot look at is not one of Django's 400s
        return False
    return isinstance(raised, type) and issubclass(raised, (SuspiciousOperation, BadRequest))


def scan_log(path: Path, offset: int) -> LogFindings:
    findings = LogFindings(str(path))
    with path.open("rb") as log:
        log.seek(offset)
        lines = log.read().decode("utf-8", errors="replace").splitlines()
    # django.request writes "Internal Server Error: /path" and then the traceback; django.security
    # writes its message and traceback first and django.request's "Bad Request: /path" after.
    chains: list[list] = []  # [exceptions, path]
    chained = False
    for number, line in enumerate(lines):
        findings.lines_5xx += bool(REQUEST_LINE.match(line) and SERVER_5XX.search(line))
        if (found := LOGGED_PATH.match(line)) and chains and chains[-1][1] is None:
            chains[-1][1] = found[1]
        if line.startswith(CHAINED):
            chained = True
        elif TRACEBACK in line:
            findings.tracebacks += 1
            if chained and chains:
                chains[-1][0].append(exception_line(lines, number))
            else:
                before = LOGGED_PATH.match(lines[number - 1]) if number else None
                chains.append([[exception_line(lines, number)], before and before[1]])
            chained = False
    for exceptions, example in chains:
        chain = tuple(exceptions)
        (findings.refused if refused_by_django(chain[-1]) else findings.errors)[chain] += 1
        findings.examples.setdefault(chain, example or "?")
    return findings
