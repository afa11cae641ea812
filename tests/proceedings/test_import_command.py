"""`manage.py import_proceedings`: clear errors that change nothing, dry runs, PDFs with pages."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from authors.models import Person
from proceedings.models import Proceedings
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_image_only_pdf, build_pdf

pytestmark = pytest.mark.django_db

VOLUME = ["--title-en", "Student papers", "--year", "2025", "--slug", "student-papers-2025"]


def import_file(path: Path, *args: str) -> str:
    from io import StringIO  # noqa: PLC0415

    out = StringIO()
    call_command("import_proceedings", str(path), *args, stdout=out)
    return out.getvalue()


def archive_rows() -> tuple[int, int, int]:
    return Proceedings.objects.count(), Article.objects.count(), Person.objects.count()


def test_import_pdf_stores_articles_with_page_ranges(tmp_path):
    source = tmp_path / "volume.pdf"
    source.write_bytes(build_pdf([FIRST_ARTICLE, FIRST_ARTICLE[4:], SECOND_ARTICLE, SECOND_ARTICLE[3:]]))

    import_file(source, *VOLUME)

    articles = Article.objects.order_by("position")
    assert [(a.title, a.language, a.first_page, a.last_page) for a in articles] == [
        ("ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ", "kk", None, None),  # it prints no page numbers
        ("МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ", "ru", None, None),
    ]
    supervisor = articles[0].authorships.get(role="supervisor")
    assert (supervisor.person.display_name, supervisor.position) == ("Г. С. Өзбекова", "ф.ғ.к., доцент")
    assert Proceedings.objects.get().source_file.name.endswith(".pdf")


def test_dry_run_prints_the_json_contract_and_writes_nothing(tmp_path):
    source = tmp_path / "volume.pdf"
    source.write_bytes(build_pdf([FIRST_ARTICLE, SECOND_ARTICLE]))

    output = json.loads(import_file(source, "--dry-run", "--format", "json"))

    first = output["articles"][0]
    assert [a["title"] for a in output["articles"]] == [FIRST_ARTICLE[0], SECOND_ARTICLE[0]]
    assert (first["authors"], first["supervisors"], first["language"], first["duplicate_of"]) == (
        ["Сейітов А. Б."],
        ["Г.С. Өзбекова"],
        "kk",
        None,
    )
    assert {"ai-in-media", "sports-journalism"} <= set(first["topics"])
    assert archive_rows() == (0, 0, 0)


def test_import_uses_a_sidecar_json_next_to_the_file(tmp_path):
    source = tmp_path / "spring.txt"
    source.write_text("\n\n".join(SECOND_ARTICLE), encoding="utf-8")
    sidecar = {"slug": "spring-2024", "year": 2024, "title_ru": "Весенние чтения", "place": "Алматы"}
    source.with_suffix(".json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")

    import_file(source, "--publish")

    volume = Proceedings.objects.get()
    assert (volume.slug, volume.year, volume.title_ru, volume.place, volume.status) == (
        "spring-2024",
        2024,
        "Весенние чтения",
        "Алматы",
        "published",
    )


def test_import_into_existing_volume_keeps_articles_already_there(tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("\n\n".join(FIRST_ARTICLE), encoding="utf-8")
    both = tmp_path / "both.txt"
    both.write_text("\n\n".join([*FIRST_ARTICLE, *SECOND_ARTICLE]), encoding="utf-8")
    import_file(first, *VOLUME)
    Article.objects.update(title_display="Edited by an editor")

    report = import_file(both, "--volume", "student-papers-2025")

    assert "1 articles stored, 1 already there" in report
    assert list(Article.objects.order_by("position").values_list("position", "title_display")) == [
        (1, "Edited by an editor"),
        (2, "Медиаграмотность студентов в эпоху социальных сетей"),
    ]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "missing": (lambda tmp: tmp / "nowhere.txt", "does not exist"),
    # A file the system refuses to read (as root no permission is ever denied; this one fails with EIO).
    "unreadable": (lambda tmp: Path("/proc/self/mem"), "cannot be read"),
    "empty": (lambda tmp: write(tmp, "empty.txt", b""), "empty"),
    "binary garbage": (lambda tmp: write(tmp, "noise.txt", bytes(range(256)) * 64), "binary"),
    "pdf without text": (lambda tmp: write(tmp, "scan.pdf", build_image_only_pdf()), "text"),
    "encrypted pdf": (
        lambda tmp: write(tmp, "locked.pdf", build_pdf([FIRST_ARTICLE], encrypt=True)),
        "password",
    ),
    "half a pdf": (
        lambda tmp: write(tmp, "cut.pdf", build_pdf([FIRST_ARTICLE, SECOND_ARTICLE])[:20_000]),
        "the PDF is damaged or incomplete",
    ),
    "most of a pdf": (
        lambda tmp: write(tmp, "cut.pdf", build_pdf([FIRST_ARTICLE, SECOND_ARTICLE])[:-200]),
        "the PDF is damaged or incomplete",
    ),
    "utf-16 cut mid-character": (
        lambda tmp: write(tmp, "cut.txt", "\n\n".join(FIRST_ARTICLE).encode("utf-16-le")[:-1]),
        "stops in the middle of a character",
    ),
    "undecodable": (
        # UTF-8 with a stray byte that is not a letter in CP1251 either.
        lambda tmp: write(tmp, "broken.txt", "Журналистика".encode() * 40 + b"\x81\x98" * 3),
        "encoding could not be recognised",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gives_a_clear_error_and_writes_nothing(tmp_path, media_root, case):
    make_path, expected = BAD_INPUTS[case]
    path = make_path(tmp_path)

    with pytest.raises(CommandError, match=expected) as error:
        import_file(path, *VOLUME)

    assert len(str(error.value)) > 15
    assert archive_rows() == (0, 0, 0)
    assert not media_root.exists() or list(media_root.rglob("*.*")) == []


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    source = write(tmp_path, "big.txt", "\n\n".join(FIRST_ARTICLE).encode())

    with pytest.raises(CommandError, match="over the limit"):
        import_file(source, *VOLUME, "--max-bytes", "100")

    assert archive_rows() == (0, 0, 0)


def test_bad_metadata_gives_a_clear_error(tmp_path):
    source = write(tmp_path, "a.txt", "\n\n".join(FIRST_ARTICLE).encode())

    with pytest.raises(CommandError, match="year"):
        import_file(source, "--title-en", "No year")

    assert archive_rows() == (0, 0, 0)


def test_failure_during_save_rolls_back_everything(tmp_path, media_root):
    """A real PostgreSQL trigger refuses the second article mid-import: nothing may stay behind."""
    source = write(tmp_path, "both.txt", "\n\n".join([*FIRST_ARTICLE, *SECOND_ARTICLE]).encode())
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION refuse_second_article() RETURNS trigger AS $$
            BEGIN
              IF NEW.position >= 2 THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_second BEFORE INSERT ON articles_article
              FOR EACH ROW EXECUTE FUNCTION refuse_second_article();
            """
        )

    with pytest.raises(Exception, match="refused by test trigger"):
        import_file(source, *VOLUME)

    assert archive_rows() == (0, 0, 0)
    assert list(media_root.rglob("*.*")) == []


WRONG_SIDECARS = {
    "title a number": ({"title_kk": 123}, "title_kk must be text, not a number (123)"),
    "slug a list": ({"slug": ["x"]}, 'slug must be text, not a list (["x"])'),
    "year an object": ({"year": {"a": 1}}, 'year must be a whole number like 2025, not an object ({"a": 1})'),
    "date a number": ({"date_start": 5}, "date_start must be a date like 2025-04-18 (text), not a number"),
    "editors an object": ({"editors": {"a": {"b": [1]}}}, "editors must be text or a list of names"),
    "conference a list": ({"conference_name": [{"a": None}]}, "conference_name must be text, not a list"),
    "title too long": ({"title_en": "T" * 501}, "title_en is 501 characters long, more than the 500 allowed"),
    "place with NUL": ({"place": "Алматы\x00"}, "place holds a control character (U+0000)"),
}


@pytest.mark.parametrize("case", WRONG_SIDECARS)
def test_sidecar_of_the_wrong_type_is_refused_naming_the_field(tmp_path, media_root, case):
    wrong, expected = WRONG_SIDECARS[case]
    source = write(tmp_path, "volume.txt", "\n\n".join(FIRST_ARTICLE).encode())
    sidecar = {"year": 2025, "title_ru": "Весенние чтения", **wrong}
    source.with_suffix(".json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_file(source)

    assert str(error.value).startswith("The sidecar volume.json: ")
    assert expected in str(error.value)
    assert archive_rows() == (0, 0, 0)
    assert not media_root.exists() or list(media_root.rglob("*")) == []


def test_sidecar_year_as_text_and_editors_as_a_list_are_read(tmp_path):
    source = write(tmp_path, "volume.txt", "\n\n".join(SECOND_ARTICLE).encode())
    sidecar = {"year": "2024", "title_ru": "Весенние чтения", "editors": ["Петрова Е. В.", "Smith J."]}
    source.with_suffix(".json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")

    import_file(source)

    volume = Proceedings.objects.get()
    assert (volume.slug, volume.year, volume.editors) == (
        "vesennie-chteniya-2024",
        2024,
        "Петрова Е. В.\nSmith J.",
    )
