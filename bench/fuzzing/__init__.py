"""The pieces of bench/fuzz_search.py, kept apart so that each stays small enough to read: what
to send (`inputs`), the site under test and what it holds (`server`), sending and timing
(`client`) and reading the server's log afterwards (`logscan`). The script itself keeps the
command line and the report. Imported by that script only, after it has put the project root on
sys.path (the modules import the project's own `articles` and `proceedings`); it finds this
package because a script's own directory, bench/, comes first on sys.path.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project
