"""A function run in a child process with a memory and a time limit, for work on a file that may
have been built to exhaust either: an uploaded PDF of thousands of pages, a page of millions of
objects, a stream that inflates a thousandfold (proceedings/editorial/jobs.py, uploads.py).

The process that asks — the task worker, a web server's worker — must never be the one that runs
out of memory or hangs, so the work runs in a child: a fresh interpreter, not a fork, that holds
none of the parent's database connections (a forked copy closing them on its way out would end
the parent's sessions), threads or memory, so its limit counts what it uses itself. Before it
reads its work the child limits its address space (RLIMIT_AS: past it an allocation fails inside
the child — Python's MemoryError, mupdf's "malloc failed" — and the child reports it) and its CPU
time (RLIMIT_CPU, a backstop should the parent die and no longer kill it). The parent waits for
the answer until the time allowed is spent, then kills the child.

What crosses the pipe is pickled: the arguments, the result, progress reports and the child's
exception, raised again in the parent (ImportFileError reaches the editor as the importer wrote it).
The child touches no database; the caller writes what it returns.
"""

from __future__ import annotations

import math
import os
import pickle
import resource
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Literal

Limit = Literal["seconds", "memory", "crash"]
CPU_MARGIN_SECONDS = 5  # the child's own CPU limit lies past the parent's deadline: the parent acts first
EXIT_SECONDS = 5  # how long a child that answered may take to exit before it is killed
OPTIONAL_PYMUPDF_MODULES = ("pymupdf.layout", "pymupdf4llm")  # see _child_main


@dataclass
class Bounds:
    """What the calls made under one Bounds may take together: `seconds` of wall-clock time (shared,
    so an import's reading and its cutting do not get the time twice) and `memory_mb` of address
    space each, the libraries' own included."""

    seconds: float
    memory_mb: int
    spent: float = 0.0  # seconds taken so far by the calls under these bounds


class OverLimitError(Exception):
    """The child went past a limit and was stopped: `limit` says which ("crash": it died without
    answering, which under an address-space limit is most often memory that C code could not
    get), `allowed` its figure (seconds, or MB)."""

    def __init__(self, limit: Limit, allowed: float) -> None:
        super().__init__(limit, allowed)
        self.limit, self.allowed = limit, allowed

    def __str__(self) -> str:
        if self.limit == "seconds":
            return f"the work took longer than the {self.allowed:g} seconds allowed and was stopped"
        if self.limit == "memory":
            return f"the work needed more than the {self.allowed:g} MB of memory allowed and was stopped"
        return f"the work stopped abnormally (its memory limit is {self.allowed:g} MB)"


def bounded_call(
    function: Callable[..., Any],
    /,
    *args: Any,
    bounds: Bounds | None,
    progress: Callable[[int, int], None] | None = None,
    **kwargs: Any,
) -> Any:
    """`function(*args, **kwargs)` in a child process within `bounds`, or in this process when
    `bounds` is None (the command line, an editor's small edit). With `progress`, the function is
    called with `progress=` too, and its reports reach `progress` here.

    `function` must be importable by name (a module's top-level function) without Django: the
    child is a bare interpreter.
    """
    if progress is not None:
        kwargs["progress"] = progress
    if bounds is None:
        return function(*args, **kwargs)
    return _run_in_child(function, args, kwargs, bounds=bounds)


def _run_in_child(function: Callable[..., Any], args: tuple, kwargs: dict, *, bounds: Bounds) -> Any:
    progress = kwargs.pop("progress", None)
    left = bounds.seconds - bounds.spent
    started = time.monotonic()
    child, requests, answers = _start_child()
    answered = False
    try:
        requests.send((bounds.memory_mb * 1024 * 1024, math.ceil(max(left, 0)) + CPU_MARGIN_SECONDS))
        requests.send((function, args, kwargs, progress is not None))
        while True:
            remaining = left - (time.monotonic() - started)
            if remaining <= 0 or not answers.poll(remaining):
                raise OverLimitError("seconds", bounds.seconds)
            kind, value = answers.recv()
            if kind == "progress":
                progress(*value)
                continue
            answered = True
            if kind == "result":
                return value
            if kind == "memory":
                raise OverLimitError("memory", bounds.memory_mb)
            raise value
    except (EOFError, BrokenPipeError):  # a pipe closed with no answer: the child died
        raise OverLimitError("crash", bounds.memory_mb) from None
    finally:
        bounds.spent += time.monotonic() - started
        try:
            child.wait(timeout=EXIT_SECONDS if answered else 0)  # one that answered is on its way out
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        requests.close()
        answers.close()


def _start_child() -> tuple[subprocess.Popen, Connection, Connection]:
    """A fresh interpreter (with this one's module path) running `_child_main`, and the two ends
    of the pipes that talk to it. Not multiprocessing's "spawn": it runs the parent's main script
    again in the child (manage.py, gunicorn's, pytest's), which is no business of the child's."""
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD_CODE, str(request_read), str(answer_write)],
            pass_fds=(request_read, answer_write),
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(path for path in sys.path if path),
                "PYMUPDF_SUGGEST_LAYOUT_ANALYZER": "0",  # nor print that it could use its layout model
            },
        )
    except BaseException:
        for end in (request_write, answer_read):
            os.close(end)
        raise
    finally:  # the child's ends held here too would hide the child's death
        os.close(request_read)
        os.close(answer_write)
    return child, Connection(request_write, readable=False), Connection(answer_read, writable=False)


CHILD_CODE = (
    "import sys; from proceedings.site.bounded import _child_main; _child_main(*map(int, sys.argv[1:]))"
)


def _child_main(request_fd: int, answer_fd: int) -> None:
    requests, answers = Connection(request_fd, writable=False), Connection(answer_fd, readable=False)
    memory_bytes, cpu_seconds = requests.recv()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an editor's file is not dumped to disk
    # pymupdf imports, when it can, its layout model and pymupdf4llm, which load onnxruntime and
    # numpy: 1 s, 450 MB of address space and threads that abort the process when they find no
    # memory. Nothing here asks for a layout analysis or Markdown, so the child goes without.
    for optional in OPTIONAL_PYMUPDF_MODULES:
        sys.modules.setdefault(optional, None)
    try:
        # Unpickled under the limits: the arguments (an uploaded file) count in the child's memory.
        function, args, kwargs, reports_progress = requests.recv()
        if reports_progress:
            kwargs["progress"] = lambda done, total: answers.send(("progress", (done, total)))
        answer = ("result", function(*args, **kwargs))
    except MemoryError:
        answer = ("memory", None)
    except BaseException as error:  # every error goes to the parent, which raises it
        answer = ("error", _portable(error))
    try:
        answers.send(answer)
    except MemoryError:  # a result too large to pickle in what is left
        answers.send(("memory", None))


def _portable(error: BaseException) -> BaseException:
    """The child's exception as the parent can unpickle it, its traceback kept as a note (the
    parent's log then says where in the child it happened)."""
    error.add_note("In the bounded child process:\n" + "".join(traceback.format_exception(error)))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # an exception type that does not pickle: its text does
        return RuntimeError(f"{type(error).__name__}: {error}\n{error.__notes__[-1]}")
    return error
