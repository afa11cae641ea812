"""The JSON contract of a dry run: what `import_proceedings --dry-run --format json` prints."""

from __future__ import annotations

from typing import Any

from proceedings.importer.types import ImportPlan


def plan_to_json(plan: ImportPlan) -> dict[str, Any]:
    """One entry per article; keywords are flattened over languages, names given as printed-clean.

    An article read from a PDF also carries its `text` (all its source text, header included):
    the PDF's lines are not those of a text dump of it, so it is graded by its words
    (../shared/eval/README.md). A text file's articles are graded by their line numbers, which
    are exact; a `text` there would switch the grading to words for them too. `set_aside` lists
    the lines kept out of every article (page furniture, front and back matter) with their kind;
    `sections` the volume's sections, each with the first lines of its articles.
    """
    return {
        "articles": [
            {
                "start_line": a.start_line,
                "end_line": a.end_line,
                "title": a.title,
                "authors": [p.name for p in a.authors],
                "supervisors": [p.name for p in a.supervisors],
                "language": a.language,
                "keywords": [term for terms in a.keywords.values() for term in terms],
                "duplicate_of": a.duplicate_of,
                "topics": list(getattr(a, "topics", None) or []),
                "title_display": a.title_display,
                "abstracts": dict(a.abstracts),
                "parallel_titles": dict(a.parallel_titles),
                "first_page": a.first_page,
                "last_page": a.last_page,
                "warnings": list(a.warnings),
                **({"text": a.text} if plan.kind == "pdf" else {}),
            }
            for a in plan.articles
        ],
        "set_aside": [
            {"line": line.line, "text": line.text, "kind": line.kind, "page": line.page}
            for line in plan.set_aside
        ],
        "sections": [
            {
                "title": section.title,
                "title_display": section.title_display,
                "line": section.line,
                "end_line": section.end_line,
                "language": section.language,
                "articles": list(section.articles),
            }
            for section in plan.sections
        ],
    }
