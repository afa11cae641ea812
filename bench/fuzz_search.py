"""Fuzzing the public pages: generated requests against a running server, 5xx and tracebacks counted.

    .venv/bin/python bench/fuzz_search.py [--requests 10000] [--seed 1] [--concurrency 4] [--json]
    .venv/bin/python bench/fuzz_search.py --url http://127.0.0.1:8000 [--log server.log]

By default it serves the site itself: a scratch database `jinaq_fuzz` on the embedded PostgreSQL
(or on DATABASE_URL's server) is migrated and holds the bundled proceedings, published; static
files are collected into var/fuzz/static and uploads go to var/fuzz/media. The server is
`runserver --noreload` (threaded) with a deployment's settings — DEBUG off, a secret key,
ALLOWED_HOSTS=127.0.0.1, no HTTPS redirect — and the per-client caps off (JINAQ_RATE_LIMITS=0:
the bench measures the pages, not the limiter), on a free port, its output in var/fuzz/server.log
(rewritten each run). It is stopped at the end, on Ctrl-C and on an error too. `--url` targets a
server already running instead; `--log` names its log (only what is written after the start is
read).

The requests (the same set for the same --seed) go to /api/search; the search page in the three
languages, as HTML and JSON, with filters and page numbers; citation exports in every format of a
search, a volume, an author or articles; the author index; volume, topic, article and author
pages; mistyped addresses. Queries mix real words of the bundled text (Kazakh, Russian, English,
Latin transliteration), people's names, years and numbers with the hostile: CJK and emoji, control
characters and NUL, tsquery operators, unbalanced quotes and OR/-, strings up to 2,000 characters,
characters of every Unicode category, SQL-ish text, broken percent-encoding and invalid UTF-8
(3% of the requests send raw bytes in the request line). Filters and slugs get real values, read
from the site's JSON twins, or hostile ones.

Warm-up: `--warmup` requests (300; another stream of the same generator) fill caches first and are
not timed; their answers still count as errors. A request is timed from opening its connection
(one per request, see `fetch` in fuzzing/client.py) to the last byte of the answer; with more
threads than cores the times include waiting for the server. Reported per route and overall:
answers by status class, p50/p95/p99/max; the server log's tracebacks (with each exception's first
line) and 5xx lines; the 10 slowest requests; every 5xx request. Goals on the bundled archive:
0 errors, p99 <= 250 ms. The exit status is 1 when an answer was a 5xx, the log holds a traceback
or a request got no answer at all; times do not gate (they depend on the machine).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fuzzing.client import Outcome, send  # noqa: E402
from fuzzing.inputs import ROUTES, generate, seed_vocabulary  # noqa: E402
from fuzzing.logscan import LogFindings, scan_log  # noqa: E402
from fuzzing.server import SCRATCH, discover, own_server, serve  # noqa: E402

P99_GOAL_MS = 250
CLASSES = ("2xx", "3xx", "4xx", "429", "5xx", "failed")


# ---- the report ------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def figures(outcomes: list[Outcome]) -> dict:
    times = [outcome.ms for outcome in outcomes]
    kinds = Counter(outcome.kind for outcome in outcomes)
    return {
        "count": len(outcomes),
        **{kind: kinds[kind] for kind in CLASSES},
        **{f"p{n}_ms": round(percentile(times, n / 100), 1) for n in (50, 95, 99)},
        "max_ms": round(max(times, default=0.0), 1),
    }


def summary(
    arguments: argparse.Namespace, warmup: list[Outcome], timed: list[Outcome], log: LogFindings | None
) -> dict:
    warm = {id(outcome) for outcome in warmup}
    errors = [outcome for outcome in warmup + timed if outcome.kind in ("5xx", "failed")]
    overall = figures(timed)
    return {
        "requests": len(timed),
        "seed": arguments.seed,
        "concurrency": arguments.concurrency,
        "warmup": figures(warmup),
        "routes": {route: figures([o for o in timed if o.request.route == route]) for route in ROUTES},
        "all": overall,
        "log": log
        and {
            "path": log.path,
            "tracebacks": log.tracebacks,
            "lines_5xx": log.lines_5xx,
            **{
                key: [
                    {"exceptions": list(chain), "count": count, "example_path": log.examples[chain]}
                    for chain, count in counter.most_common()
                ]
                for key, counter in (("errors", log.errors), ("refused_400", log.refused))
            },
        },
        "slowest": [
            {"ms": round(o.ms, 1), "status": o.status, "route": o.request.route, "url": o.request.shown()}
            for o in sorted(timed, key=lambda o: o.ms, reverse=True)[:10]
        ],
        "errors": [
            {
                "status": o.status,
                "route": o.request.route,
                "url": o.request.shown(),
                "error": o.error,
                "warmup": id(o) in warm,
            }
            for o in errors
        ],
        "goals": {"errors": 0, "p99_ms": P99_GOAL_MS},
        "passed": not errors and not (log and (log.errors or log.lines_5xx)),
        "p99_within_goal": overall["p99_ms"] <= P99_GOAL_MS,
    }


def print_report(report: dict) -> None:
    header = f"{'route':12} {'requests':>8} " + " ".join(f"{kind:>6}" for kind in CLASSES)
    print(header + "  " + " ".join(f"{name:>7}" for name in ("p50 ms", "p95 ms", "p99 ms", "max ms")))
    rows = [*report["routes"].items(), ("all", report["all"])]
    for route, row in rows:
        counts = " ".join(f"{row[kind]:>6}" for kind in CLASSES)
        times = " ".join(f"{row[key]:>7.1f}" for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms"))
        print(f"{route:12} {row['count']:>8} {counts}  {times}")
    warm = report["warmup"]
    print(
        f"warm-up (not timed): {warm['count']} requests, "
        + ", ".join(f"{kind} {warm[kind]}" for kind in CLASSES if warm[kind])
    )
    log = report["log"]
    if log:
        errors = sum(item["count"] for item in log["errors"])
        refused = sum(item["count"] for item in log["refused_400"])
        print(
            f"server log {log['path']}: {log['lines_5xx']} lines with a 5xx answer, {log['tracebacks']}"
            f" tracebacks: {errors} errors, {refused} requests Django refused (400, logged with a traceback)"
        )
        for label, key in (("error", "errors"), ("400", "refused_400")):
            for item in log[key]:
                *causes, last = item["exceptions"]
                after = f"  [after: {' / '.join(causes)}]" if causes else ""
                print(f"  {label:5} {item['count']:>5} × {last}  (e.g. {item['example_path']}){after}")
    print("10 slowest:")
    for item in report["slowest"]:
        print(f"  {item['ms']:>8.1f} ms  {item['status']}  {item['route']:11} {item['url']}")
    print(f"5xx and unanswered requests: {len(report['errors'])}")
    for item in report["errors"]:
        note = " (warm-up)" if item["warmup"] else ""
        status = item["status"] or "no answer"
        print(f"  {status} {item['route']:11} {item['url']}{note} {item['error']}".rstrip())
    verdict = "within" if report["p99_within_goal"] else "OVER"
    outcome = "passed" if report["passed"] else "FAILED"
    print(
        f"goals: 0 errors -> {outcome}; p99 {report['all']['p99_ms']:.1f} ms <= {P99_GOAL_MS} ms -> {verdict}"
    )


def run(arguments: argparse.Namespace, base: str) -> tuple[list[Outcome], list[Outcome]]:
    vocabulary = seed_vocabulary()
    try:
        discover(base, vocabulary)
    except OSError as error:  # URLError and HTTPError included
        raise SystemExit(f"cannot read the site's JSON twins at {base}: {error}") from None
    warmup = generate(random.Random(f"warm-up {arguments.seed}"), vocabulary, arguments.warmup)
    timed = generate(random.Random(arguments.seed), vocabulary, arguments.requests)
    return (
        send(warmup, base=base, concurrency=arguments.concurrency, label="warm-up"),
        send(timed, base=base, concurrency=arguments.concurrency, label="requests"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=300, help="untimed requests first")
    parser.add_argument("--url", help="a running server to fuzz instead of one of our own")
    parser.add_argument("--log", type=Path, help="with --url: that server's log, to scan")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # the server process itself
    arguments = parser.parse_args()
    if arguments.log and not (arguments.url and arguments.log.is_file()):
        parser.error("--log names the log file of the server given with --url")
    if arguments.serve:
        serve(arguments.serve)
        return
    log_path = arguments.log if arguments.url else SCRATCH / "server.log"
    offset = log_path.stat().st_size if arguments.url and log_path else 0  # --url: only what comes now
    try:
        if arguments.url:
            warmup, timed = run(arguments, arguments.url.rstrip("/"))
        else:
            with own_server(log_path) as base:
                warmup, timed = run(arguments, base)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    report = summary(arguments, warmup, timed, scan_log(log_path, offset) if log_path else None)
    if arguments.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_report(report)
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
