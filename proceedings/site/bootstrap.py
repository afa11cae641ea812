"""Make `python3 manage.py ...` work on a machine that has only Python and pip.

This module uses the standard library only: it runs before Django is importable. It keeps the
project's virtual environment in `.venv/`, installs what pyproject.toml asks for whenever that
file changes (a stamp file remembers the last install) and re-executes the command with the
environment's interpreter. A second run costs one file read and a hash.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VENV_DIR = PROJECT_ROOT / ".venv"
STAMP_FILE = VENV_DIR / ".jinaq-installed"
PYPROJECT = PROJECT_ROOT / "pyproject.toml"


def venv_python() -> Path:
    return VENV_DIR / "bin" / "python"


def requirements() -> list[str]:
    """Runtime and development dependencies: the two README commands need both."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [*project["dependencies"], *extras.get("dev", [])]


def requirements_fingerprint() -> str:
    return hashlib.sha256(PYPROJECT.read_bytes()).hexdigest()


def running_in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV_DIR.resolve()


def install_requirements() -> None:
    python = str(venv_python())
    print("Jinaq: installing dependencies into .venv/ (first run or pyproject.toml changed)...", flush=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", *requirements()], check=True)
    STAMP_FILE.write_text(requirements_fingerprint(), encoding="utf-8")


def ensure_virtualenv(argv: list[str]) -> None:
    """Create/refresh `.venv/` when needed and re-run `argv` inside it; return if already there."""
    if os.environ.get("JINAQ_NO_BOOTSTRAP") == "1":
        return
    if not venv_python().exists():
        print("Jinaq: creating the virtual environment in .venv/ ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV_DIR)], check=True)
    installed = STAMP_FILE.read_text(encoding="utf-8") if STAMP_FILE.exists() else ""
    if installed != requirements_fingerprint():
        install_requirements()
    if not running_in_project_venv():
        python = str(venv_python())
        os.execv(python, [python, *argv])
