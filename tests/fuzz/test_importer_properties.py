"""Property tests of the importer: whatever file or sidecar arrives, it is read or refused.

Refused means an ImportFileError with a message for the editor, never another exception: the
command line turns only ImportFileError into a clear error, the upload form only it into a
form error, and anything else is a traceback and, in the background import, a failed job.
"""

from __future__ import annotations

import codecs
import datetime
import io
import itertools
import json
import math
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from authors.names import person_match_key
from proceedings.importer.header import parse_header
from proceedings.importer.metadata import (
    FIELD_NAMES,
    VolumeMetadata,
    metadata_checked,
    read_sidecar,
    volume_metadata_from_mapping,
)
from proceedings.importer.normalise import normalise_lines, typical_width
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.read import decode_text, read_source
from proceedings.importer.types import ImportFileError, RawDocument
from proceedings.models import Proceedings
from proceedings.services import proceedings_import
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf

fuzz = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

SEED = Path(django_settings.BASE_DIR) / "fixtures" / "000_b9a1821462d33f30.txt"
SEED_LINES = sorted({line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()})
HEADER_PIECES = [
    *FIRST_ARTICLE[:4],
    *SECOND_ARTICLE[:3],
    "Научный руководитель: д.ф.н., профессор Иванов И.И.",
    "Аннотация.",
    "Аңдатпа:",
    "Abstract.",
    "Түйін сөздер:",
    "Ключевые слова: медиа, журналистика,",
    "Keywords: AI; media.",
    "Кіріспе",
    "1. Introduction",
    "ӘДЕБИЕТТЕР",
    "Список литературы:",
    "[1] Смағұлова Ә. Медиа. – Алматы, 2020. – 120 б.",
    "Ван Лу",
    "Smith J., PhD student, Al-Farabi Kazakh National University",
    "«",
    "»",
    ",",
    ";",
    ":",
    "-",
    "—",
    "•",
    "\t",
    "\u00a0",
    "\u00ad",
    "\u200b",
    "\ufeff",
    "\r",
    "",
    # Past what the database holds for a name (300) or a keyword (300): not names, not keywords.
    "Supervisor: " + "Prof " * 80,
    "С" + "е" * 320 + " А. Б., магистрант",
    "Keywords: " + "media " * 60 + ".",
]
lines_text = st.lists(
    st.one_of(
        st.sampled_from(SEED_LINES),
        st.sampled_from(HEADER_PIECES),
        st.lists(st.sampled_from(HEADER_PIECES), max_size=6).map(" ".join),
        st.text(max_size=120),
    ),
    max_size=60,
).map("\n".join)
TEXT_ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32-le",
    "utf-32-be",
    "cp1251",
]
A_PDF = build_pdf([FIRST_ARTICLE, SECOND_ARTICLE])


@st.composite
def text_files(draw: st.DrawFn) -> bytes:
    """Text in any of the encodings we read, sometimes cut or with a byte changed."""
    data = draw(lines_text).encode(draw(st.sampled_from(TEXT_ENCODINGS)), errors="ignore")
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


@st.composite
def pdf_files(draw: st.DrawFn) -> bytes:
    """A real PDF cut anywhere, with bytes overwritten, or a PDF header before noise."""
    data = A_PDF[: draw(st.integers(0, len(A_PDF)))]
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(A_PDF) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 8 :]
    return draw(st.sampled_from([data, b"%PDF-1.7\n" + draw(st.binary(max_size=2000))]))


any_file = st.one_of(
    st.binary(max_size=3000),
    st.sampled_from(
        [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"%PDF"]
    ).flatmap(lambda start: st.binary(max_size=2000).map(lambda rest: start + rest)),
    text_files(),
    pdf_files(),
)


def assert_refusal_readable(error: ImportFileError) -> None:
    message = str(error)
    assert isinstance(message, str)
    assert message.strip()
    message.encode("utf-8")  # printable on a terminal and in a form: no lone surrogate


@fuzz
@given(data=any_file)
@example(data=b"\x00")
@example(data=" \n ".encode("utf-16-le"))
@example(data=b"%PDF")
@example(data=A_PDF[: len(A_PDF) // 2])
@example(data="Жинақ".encode("utf-16-be")[:-1])
def test_read_source_reads_or_refuses_any_bytes(data):
    try:
        raw = read_source(data, filename="volume.txt", max_bytes=100_000)
    except ImportFileError as error:
        assert_refusal_readable(error)
        return

    assert isinstance(raw, RawDocument)
    assert len(raw.lines) == len(raw.pages)
    assert all("\x00" not in line for line in raw.lines)  # PostgreSQL stores no NUL
    assert "".join(raw.lines).strip()


@fuzz
@given(data=st.one_of(st.binary(max_size=3000), text_files()))
def test_decode_text_decodes_or_refuses_any_bytes(data):
    try:
        text, encoding = decode_text(data, filename="volume.txt")
    except ImportFileError as error:
        assert_refusal_readable(error)
        return

    assert "\r" not in text
    assert "\x00" not in text
    assert encoding


@fuzz
@given(text=lines_text)
@example(text="ЖАСАНДЫ ИНТЕЛЛЕКТ\nСейітов А. Б.\nҒылыми жетекшісі:")
@example(text="Түйін сөздер:")
@example(text="Аннотация.\nТүйін сөздер: ,")
@example(text="ЖАСАНДЫ ИНТЕЛЛЕКТ\nСейітов А. Б.\nSupervisor: 中国")
@example(text="Supervisor: " + "Prof " * 80)
def test_header_parser_reads_any_lines(text):
    lines = normalise_lines(
        RawDocument(kind="text", lines=text.split("\n"), pages=[None] * (text.count("\n") + 1))
    )

    header = parse_header(lines, width=typical_width(lines) if lines else 80)

    assert 0 <= header.body_start <= len(lines)
    assert all(person_match_key(person.name) for person in [*header.authors, *header.supervisors])
    assert all(terms and all(term.strip() for term in terms) for terms in header.keywords.values())


@fuzz
@given(data=st.one_of(text_files(), st.binary(max_size=3000)))
@example(data="\n\n".join([*FIRST_ARTICLE, *SECOND_ARTICLE]).encode("utf-16-le"))
def test_pipeline_parses_or_refuses_any_text(data):
    try:
        plan = parse_proceedings(data, filename="volume.txt", max_bytes=100_000)
    except ImportFileError as error:
        assert_refusal_readable(error)
        return

    ranges = [(article.start_line, article.end_line) for article in plan.articles]
    assert all(1 <= start <= end <= plan.line_count for start, end in ranges)
    assert all(earlier[1] < later[0] for earlier, later in itertools.pairwise(ranges))
    starts = [start for start, _ in ranges]
    assert all(
        article.duplicate_of is None or article.duplicate_of in starts[:n]
        for n, article in enumerate(plan.articles)
    )


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=text_files())
@example(data="ҒылыМИ ЖЕТЕКШІСІ".encode())
@example(data=("Supervisor: " + "Prof " * 80).encode())
def test_import_stores_or_refuses_any_text(media_root, data):
    """Through to PostgreSQL: a draft the database refuses (an empty name, an overlong keyword)
    would be a traceback after the file was accepted."""
    metadata = volume_metadata_from_mapping({"slug": "fuzz-2025", "year": 2025, "title_en": "Fuzz"})
    try:
        with transaction.atomic():
            outcome = proceedings_import(data=data, filename="v.txt", max_bytes=100_000, metadata=metadata)
            transaction.set_rollback(True)
    except ImportFileError as error:
        assert_refusal_readable(error)
        return

    event(f"stored {min(outcome.created, 3)}+ articles")
    assert outcome.created + outcome.already_present + outcome.duplicates_skipped == len(
        outcome.plan.articles
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
good_values = {
    "slug": st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True),
    "year": st.one_of(st.integers(1900, 2100), st.integers(1900, 2100).map(str)),
    "title_kk": st.text(max_size=40),
    "title_ru": st.text(max_size=40),
    "title_en": st.text(max_size=40),
    "conference_name": st.text(max_size=40),
    "date_start": st.dates().map(datetime.date.isoformat),
    "date_end": st.dates().map(datetime.date.isoformat),
    "place": st.text(max_size=40),
    "publisher": st.text(max_size=40),
    "isbn": st.sampled_from(["", "978-601-04-1234-5", "9786010412345", "0-306-40615-2"]),
    "editors": st.one_of(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=3)),
}
sidecars = st.dictionaries(
    st.one_of(st.sampled_from(sorted(FIELD_NAMES | {"description"})), st.text(max_size=12)),
    st.one_of(json_values, *good_values.values()),
    max_size=14,
) | st.fixed_dictionaries({}, optional=good_values)


def assert_checked_types(checked: dict) -> None:
    for name, value in checked.items():
        if name == "year":
            assert value is None or isinstance(value, int)
        elif name in ("date_start", "date_end"):
            assert value is None or isinstance(value, datetime.date)
        else:
            assert isinstance(value, str)


@fuzz
@given(data=sidecars)
@example(data={"title_kk": 123, "year": 2025})
@example(data={"slug": ["x"], "year": {"a": 1}, "date_start": 5, "editors": None})
@example(data={"year": math.nan})
@example(data={"year": 10**4000})
def test_metadata_validator_accepts_or_refuses_any_mapping(data):
    try:
        metadata = volume_metadata_from_mapping(data)
    except ImportFileError as error:
        assert_refusal_readable(error)
        return

    assert isinstance(metadata, VolumeMetadata)
    assert 1900 <= metadata.year <= 2100
    assert_checked_types({k: v for k, v in metadata.as_mapping().items() if k != "year"})


@fuzz
@given(data=st.one_of(sidecars, json_values))
@example(data=[{"year": 2025}])
@example(data={"title_ru": "\ud800"})
def test_sidecar_reader_reads_or_refuses_any_json(tmp_path, data):
    source = tmp_path / "volume.txt"
    source.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")

    try:
        checked = read_sidecar(source)
    except ImportFileError as error:
        assert_refusal_readable(error)
        return

    assert_checked_types(checked)
    assert checked == metadata_checked(checked)  # checking twice changes nothing


# --- the command line, on files that must be refused whole --------------------------------

GOOD_TEXT = "\n\n".join([*FIRST_ARTICLE, *SECOND_ARTICLE])
SIDECAR = {"year": 2025, "title_ru": "Весенние чтения"}
BAD_FILES = {
    "empty": ("v.txt", b"", SIDECAR),
    "blank": ("v.txt", b" \r\n\t\n", SIDECAR),
    "blank utf-16": ("v.txt", " \n\n ".encode("utf-16-le"), SIDECAR),
    "binary": ("v.txt", bytes(range(256)) * 8, SIDECAR),
    "png": ("v.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02", SIDECAR),
    "pdf header and noise": ("v.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4, SIDECAR),
    "half a pdf": ("v.pdf", A_PDF[: len(A_PDF) // 2], SIDECAR),
    "pdf missing its end": ("v.pdf", A_PDF[:-100], SIDECAR),
    "utf-16 cut mid-character": ("v.txt", GOOD_TEXT.encode("utf-16-be")[:-1], SIDECAR),
    "only invisible characters": ("v.txt", "\u200b\u00ad\n\u00a0\u2060\n".encode(), SIDECAR),
    "title a number": ("v.txt", GOOD_TEXT.encode(), {**SIDECAR, "title_kk": 123}),
    "slug a list": ("v.txt", GOOD_TEXT.encode(), {**SIDECAR, "slug": ["x"]}),
    "year an object": ("v.txt", GOOD_TEXT.encode(), {**SIDECAR, "year": {"a": 1}}),
    "date a number": ("v.txt", GOOD_TEXT.encode(), {**SIDECAR, "date_start": 5}),
    "nested": ("v.txt", GOOD_TEXT.encode(), {**SIDECAR, "place": {"a": [{"b": [None, True]}]}}),
    "not an object": ("v.txt", GOOD_TEXT.encode(), [SIDECAR]),
    "unknown field": ("v.txt", GOOD_TEXT.encode(), {**SIDECAR, "colour": "red"}),
    "no year": ("v.txt", GOOD_TEXT.encode(), {"title_ru": "Весенние чтения", "year": None}),
}


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_FILES)
def test_import_command_refuses_bad_files_with_a_command_error_only(tmp_path, media_root, case):
    name, data, sidecar = BAD_FILES[case]
    source = tmp_path / name
    source.write_bytes(data)
    source.with_suffix(".json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CommandError) as error:  # any other exception fails the test
        call_command("import_proceedings", str(source))

    assert str(error.value).strip()
    assert Proceedings.objects.count() == 0
    assert files_under(media_root) == []


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_import_command_reads_wide_text_without_bom(tmp_path, media_root, encoding):
    source = tmp_path / "v.txt"
    source.write_bytes(GOOD_TEXT.encode(encoding))
    source.with_suffix(".json").write_text(json.dumps(SIDECAR, ensure_ascii=False), encoding="utf-8")

    call_command("import_proceedings", str(source), stdout=io.StringIO())

    volume = Proceedings.objects.get()
    assert [article.title for article in volume.articles.order_by("position")] == [
        FIRST_ARTICLE[0],
        SECOND_ARTICLE[0],
    ]
    assert [path.name for path in files_under(media_root)] == ["source.txt"]
