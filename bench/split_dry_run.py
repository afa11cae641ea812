"""Dev helper: run the importer pipeline on a file and print the dry-run JSON (no Django)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.report import plan_to_json


def main() -> None:
    path = Path(sys.argv[1])
    plan = parse_proceedings(path.read_bytes(), filename=path.name)
    json.dump(plan_to_json(plan), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
