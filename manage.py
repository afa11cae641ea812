#!/usr/bin/env python3
"""Django's command-line utility for Jinaq.

Run with any Python 3.11+: the first call creates `.venv/`, installs the dependencies from
pyproject.toml and re-runs itself inside that environment (see proceedings/site/bootstrap.py).
"""

import os
import sys


def main() -> None:
    # Imports wait until the bootstrap has put us inside .venv/, where Django is installed.
    from proceedings.site.bootstrap import ensure_virtualenv  # noqa: PLC0415

    ensure_virtualenv(sys.argv)
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    # `test` hands over to pytest, which uses the test settings (they need no secret key).
    default_settings = "tests.settings" if command == "test" else "proceedings.site.settings"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
