"""read → normalise → split → parse header → detect language → deduplicate, as one call."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from proceedings.importer.anchors import contents_anchors
from proceedings.importer.dedupe import content_hash, mark_duplicates
from proceedings.importer.display import title_display
from proceedings.importer.furniture import Furniture, find_furniture
from proceedings.importer.header import add_late_title_block, add_trailing_keywords, parse_header
from proceedings.importer.language import detect_language
from proceedings.importer.normalise import normalise_lines, paragraphs, typical_width, vocabulary
from proceedings.importer.read import read_source
from proceedings.importer.sections import sections_attach, volume_sections
from proceedings.importer.split import Candidate, find_candidates
from proceedings.importer.structure import body_structure, units_from_lines
from proceedings.importer.topics import TopicSpec, assign_topics
from proceedings.importer.types import ArticleDraft, Header, ImportPlan, Line, SetAside, TableLayout

Progress = Callable[[int, int], None]
LISTED = "listed in the contents"
SECTION_BREAK = "after a section heading"  # an article opens there, whatever its header above says


def plan_with_topics(
    data: bytes,
    *,
    filename: str,
    max_bytes: int,
    max_pages: int | None = None,
    vocabulary: list[TopicSpec],
    progress: Progress | None = None,
) -> ImportPlan:
    """The whole reading of a file: its drafts (`parse_proceedings`), each with its topics from
    `vocabulary`. One pure call, so an upload's import runs all of it in its bounded child
    process (proceedings/site/bounded.py)."""
    plan = parse_proceedings(
        data, filename=filename, max_bytes=max_bytes, max_pages=max_pages, progress=progress
    )
    for draft in plan.articles:
        draft.topics = assign_topics(
            title=draft.title,
            keywords=[term for terms in draft.keywords.values() for term in terms],
            abstracts=list(draft.abstracts.values()),
            body=draft.body,
            vocabulary=vocabulary,
        )
    return plan


def parse_proceedings(
    data: bytes,
    *,
    filename: str,
    max_bytes: int = 50 * 1024 * 1024,
    max_pages: int | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Turn a proceedings file into article drafts; raises `ImportFileError` for unusable files."""
    raw = read_source(data, filename=filename, max_bytes=max_bytes, max_pages=max_pages)
    lines = normalise_lines(raw)
    if not lines:
        return ImportPlan(kind=raw.kind, line_count=len(raw.lines), articles=[], warnings=["no text"])
    # Page furniture, front and back matter are no article's: the steps below never see them,
    # though an article's range of raw lines may still span a running header in its middle.
    furniture = find_furniture(lines)
    set_aside = set_aside_lines(lines, furniture)
    sections = volume_sections(lines, furniture)
    lines = furniture.kept(lines)
    if not lines:
        return ImportPlan(
            kind=raw.kind, line_count=len(raw.lines), articles=[], warnings=["no text"], set_aside=set_aside
        )
    width = typical_width(lines)
    vocab = vocabulary(lines)
    paras = paragraphs(lines, width=width, vocab=vocab)
    candidates = with_section_breaks(find_candidates(lines, paras, width=width), lines, furniture.breaks)
    candidates = with_contents_anchors(candidates, contents_anchors(lines, furniture.contents))
    segments = resolve_segments(lines, candidates, width=width)
    articles = []
    for done, (start, end, header, reasons) in enumerate(segments, start=1):
        articles.append(
            build_article(
                lines[start:end], header, reasons=reasons, width=width, vocab=vocab, tables=raw.tables
            )
        )
        if progress:
            progress(done, len(segments))
    mark_duplicates(articles)
    sections_attach(sections, articles)
    return ImportPlan(
        kind=raw.kind, line_count=len(raw.lines), articles=articles, set_aside=set_aside, sections=sections
    )


def with_contents_anchors(candidates: list[Candidate], anchors: list[int]) -> list[Candidate]:
    """The candidates, with 'listed in the contents' added where a listed title is printed."""
    by_index = {candidate.index: candidate for candidate in candidates}
    for index in anchors:
        known = by_index.get(index)
        reasons = (*known.reasons, LISTED) if known else (LISTED,)
        by_index[index] = Candidate(index, reasons)
    return [by_index[index] for index in sorted(by_index)]


def set_aside_lines(lines: list[Line], furniture: Furniture) -> list[SetAside]:
    """The lines furniture keeps out of every article, by raw line number, for the review."""
    return [
        SetAside(line=lines[index].raw, text=lines[index].text, kind=kind, page=lines[index].page)
        for index, kind in sorted(furniture.set_aside.items())
    ]


def with_section_breaks(
    candidates: list[Candidate], lines: list[Line], breaks: frozenset[int]
) -> list[Candidate]:
    """The line right after a section heading opens an article, whatever else is said of it."""
    reasons = {candidate.index: candidate.reasons for candidate in candidates}
    for index, line in enumerate(lines):
        if line.raw in breaks:
            reasons[index] = (*reasons.get(index, ()), SECTION_BREAK)
    return [Candidate(index, reasons[index]) for index in sorted(reasons)]


Segment = tuple[int, int, Header, tuple[str, ...]]


def resolve_segments(lines: list[Line], candidates: list[Candidate], *, width: int) -> list[Segment]:
    """Keep candidates that do not fall inside the header of the article above them."""
    kept: list[tuple[int, Header, tuple[str, ...]]] = []
    for candidate in candidates:
        if kept:
            start, header, _ = kept[-1]
            body = start + header.body_start
            # An article all header (a one-page abstract: title, names, abstract, keywords) ends
            # where the next one's own header begins.
            if SECTION_BREAK not in candidate.reasons and (
                candidate.index < body or (candidate.index == body and not _has_own_header(candidate))
            ):
                continue
        header = parse_header(lines[candidate.index :], width=width)
        kept.append((candidate.index, header, candidate.reasons))
    kept = _merge_headless_scraps(lines, kept, width=width)
    out = []
    for n, (start, parsed, reason) in enumerate(kept):
        end = kept[n + 1][0] if n + 1 < len(kept) else len(lines)
        header = parsed
        if parsed.body_start > end - start and SECTION_BREAK in kept[n + 1][2]:
            header = parse_header(lines[start:end], width=width)  # a section heading cut it short
        header.body_start = min(header.body_start, end - start)
        out.append((start, end, header, reason))
    return out


def _has_own_header(candidate: Candidate) -> bool:
    own = ("title and authors", "author or supervisor lines", "abstract label", "classification line", LISTED)
    return any(reason in own for reason in candidate.reasons)


def _merge_headless_scraps(
    lines: list[Line], kept: list[tuple[int, Header, tuple[str, ...]]], *, width: int
) -> list[tuple[int, Header, tuple[str, ...]]]:
    """A 'segment' of only short lines (a lone 'Введение') is the top of the next article."""
    out: list[tuple[int, Header, tuple[str, ...]]] = []
    scrap = False
    for n, (own_start, own_header, own_reasons) in enumerate(kept):
        start, header, reasons = own_start, own_header, own_reasons
        if scrap:
            start, _, earlier = out.pop()
            header, reasons = parse_header(lines[start:], width=width), earlier + own_reasons
        end = kept[n + 1][0] if n + 1 < len(kept) else len(lines)
        body = lines[start + header.body_start : end]
        # (an article that is all header — title, names, abstract, keywords — is no scrap)
        headed = header.title is not None and bool(header.authors)
        scrap = n + 1 < len(kept) and not headed and not any(len(line.text) >= 0.6 * width for line in body)
        out.append((start, header, reasons))
    return out


def build_article(
    lines: list[Line],
    header: Header,
    *,
    reasons: tuple[str, ...],
    width: int,
    vocab: set[str],
    tables: Sequence[TableLayout] = (),
) -> ArticleDraft:
    """Assemble one draft from its lines and parsed header; `tables` are the PDF's rebuilt
    tables, which its body's structure shows in place of their lines."""
    add_trailing_keywords(lines, header, width=width)
    add_late_title_block(lines, header, width=width)
    body_lines = lines[header.body_start :]
    body_paragraphs = paragraphs(body_lines, width=width, vocab=vocab)
    body = "\n\n".join(p.text for p in body_paragraphs)
    structure = body_structure(units_from_lines(body_lines, body_paragraphs, tables), tables)
    warnings = []
    if not (header.title or header.authors or header.supervisors or header.abstracts):
        warnings.append("no header found")
    if set(reasons) == {"layout seam"}:
        warnings.append("boundary decided by the layout alone")
    elif all(r.startswith(("language change", "layout seam")) for r in reasons) and len(reasons) > 0:
        changes = [r for r in reasons if r.startswith("language change")]
        if changes:
            warnings.append(f"boundary decided by a {changes[0]}")
    language_text = body or " ".join(header.abstracts.values()) or (header.title or "")
    pages = [line.printed_page for line in lines if line.printed_page is not None]  # as printed
    sheets = [line.page for line in lines if line.page is not None]  # of the file
    return ArticleDraft(
        start_line=lines[0].raw,
        end_line=lines[-1].raw,
        title=header.title,
        # Sentence case read against the article's own text: its acronyms and names kept.
        title_display=title_display(header.title, context=body) if header.title else header.title_display,
        authors=header.authors,
        supervisors=header.supervisors,
        author_lines=header.author_lines,
        language=detect_language(language_text),
        abstracts=header.abstracts,
        keywords=header.keywords,
        body=body,
        body_start_line=body_lines[0].raw if body_lines else lines[-1].raw,
        first_page=min(pages) if pages else None,
        last_page=max(pages) if pages else None,
        content_hash=content_hash(body),
        duplicate_of=None,
        warnings=warnings,
        text="\n".join(line.text for line in lines),
        parallel_titles=header.parallel_titles,
        parallel_people=header.parallel_people,
        pdf_sheets=(min(sheets), max(sheets)) if sheets else None,
        structure=structure.as_json(body),
    )
