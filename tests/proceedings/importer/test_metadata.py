import datetime

import pytest
from django.db.models import CharField

from proceedings.importer.metadata import FIELD_NAMES, read_sidecar, volume_metadata_from_mapping
from proceedings.importer.types import ImportFileError
from proceedings.models import Proceedings


def test_metadata_from_mapping_parses_dates_and_keeps_titles():
    metadata = volume_metadata_from_mapping(
        {
            "slug": "spring-2025",
            "year": "2025",
            "title_kk": " Көктем ",
            "date_start": "2025-04-17",
            "isbn": "",
        }
    )
    assert (metadata.slug, metadata.year, metadata.title_kk, metadata.date_start) == (
        "spring-2025",
        2025,
        "Көктем",
        datetime.date(2025, 4, 17),
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"slug": "a", "title_en": "T"}, "year"),
        ({"slug": "a", "year": 2025}, "title"),
        ({"slug": "Not A Slug", "year": 2025, "title_en": "T"}, "slug"),
        ({"slug": "a", "year": 2025, "title_en": "T", "isbn": "123"}, "ISBN"),
        ({"slug": "a", "year": 2025, "title_en": "T", "date_start": "17.04.2025"}, "date_start"),
        (
            {
                "slug": "a",
                "year": 2025,
                "title_en": "T",
                "date_start": "2025-04-18",
                "date_end": "2025-04-17",
            },
            "before",
        ),
        ({"slug": "a", "year": 2025, "title_en": "T", "colour": "red"}, "Unknown"),
    ],
)
def test_metadata_from_mapping_refuses_bad_values(mapping, message):
    with pytest.raises(ImportFileError, match=message):
        volume_metadata_from_mapping(mapping)


VALID = {"slug": "spring-2025", "year": 2025, "title_en": "Spring readings"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title_kk", 123, "title_kk must be text, not a number (123)"),
        ("title_en", True, "title_en must be text, not true or false (true)"),
        ("slug", ["x"], 'slug must be text, not a list (["x"])'),
        ("place", {"city": "Алматы"}, 'place must be text, not an object ({"city": "Алматы"})'),
        ("isbn", 9786010000000, "isbn must be text, not a number (9786010000000)"),
        ("year", {"a": 1}, 'year must be a whole number like 2025, not an object ({"a": 1})'),
        ("year", [2025], "year must be a whole number like 2025, not a list ([2025])"),
        ("year", 2025.5, "year must be a whole number like 2025, not 2025.5."),
        ("year", True, "year must be a whole number like 2025, not true or false (true)"),
        ("year", "20 25", 'year must be a whole number like 2025, not "20 25".'),
        ("year", "2" * 5000, 'year must be a whole number like 2025, not "2222'),
        ("date_start", 5, "date_start must be a date like 2025-04-18 (text), not a number (5)"),
        ("date_end", ["2025-04-18"], "date_end must be a date like 2025-04-18 (text), not a list"),
        ("editors", 7, "editors must be text or a list of names, not a number (7)"),
        ("editors", ["Ахметова А.", 7], "editors must be text or a list of names, not a list"),
        ("editors", {"chief": "Ахметова А."}, "editors must be text or a list of names, not an object"),
        ("description", 1, "description must be text, not a number (1)"),
    ],
)
def test_metadata_of_the_wrong_type_is_refused_naming_the_field(field, value, message):
    with pytest.raises(ImportFileError) as error:
        volume_metadata_from_mapping({**VALID, field: value})

    assert message in str(error.value)


def test_metadata_nested_deep_is_refused_with_a_short_message():
    nested: object = "x"
    for _ in range(50):
        nested = {"a": [nested]}

    with pytest.raises(ImportFileError, match="title_ru must be text, not an object") as error:
        volume_metadata_from_mapping({**VALID, "title_ru": nested})

    assert len(str(error.value)) < 200


TEXT_COLUMNS = sorted(
    field.name
    for field in Proceedings._meta.get_fields()
    if field.name in FIELD_NAMES and isinstance(field, CharField) and field.max_length
)


@pytest.mark.parametrize("field", TEXT_COLUMNS)
def test_metadata_longer_than_its_column_is_refused(field):
    limit = Proceedings._meta.get_field(field).max_length
    fits = {**VALID, field: "a" * limit} if field not in ("isbn", "slug") else VALID

    volume_metadata_from_mapping(fits)
    with pytest.raises(ImportFileError) as error:
        volume_metadata_from_mapping({**VALID, field: "a" * (limit + 1)})

    assert str(error.value) == f"{field} is {limit + 1} characters long, more than the {limit} allowed."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Spring\x00readings", "title_en holds a control character (U+0000)"),
        ("Spring \ud800", "title_en is not valid Unicode text"),
    ],
)
def test_metadata_that_the_database_cannot_store_is_refused(value, message):
    with pytest.raises(ImportFileError) as error:
        volume_metadata_from_mapping({**VALID, "title_en": value})

    assert message in str(error.value)


def test_metadata_null_means_not_given_and_a_year_may_be_text():
    metadata = volume_metadata_from_mapping(
        {**VALID, "year": " 2025 ", "title_kk": None, "date_start": None, "editors": None}
    )

    assert (metadata.year, metadata.title_kk, metadata.date_start, metadata.editors) == (2025, "", None, "")


def test_metadata_editors_as_a_list_are_one_per_line():
    metadata = volume_metadata_from_mapping({**VALID, "editors": ["Ахметова А. А.", " Smith J. "]})

    assert metadata.editors == "Ахметова А. А.\nSmith J."


def test_metadata_a_null_year_is_a_missing_year():
    with pytest.raises(ImportFileError, match="needs its year"):
        volume_metadata_from_mapping({**VALID, "year": None})


def sidecar(tmp_path, content: str):
    (tmp_path / "volume.json").write_text(content, encoding="utf-8")
    return tmp_path / "volume.txt"


def test_read_sidecar_checks_types_and_names_the_file(tmp_path):
    source = sidecar(tmp_path, '{"slug": "a-2025", "year": 2025, "title_kk": 123}')

    with pytest.raises(ImportFileError) as error:
        read_sidecar(source)

    assert str(error.value) == "The sidecar volume.json: title_kk must be text, not a number (123)."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", "volume.json must hold one JSON object, not a list"),
        ('"text"', "volume.json must hold one JSON object, not text"),
        ('{"slug": "a"', "volume.json is not valid JSON"),
        ('{"year": NaN}', "year must be a whole number like 2025, not NaN."),
        ('{"year": 1e400}', "year must be a whole number like 2025, not Infinity."),
        ('{"colour": "red"}', "Unknown volume metadata: colour"),
        ("[" * 100_000 + "]" * 100_000, "volume.json is not valid JSON (nested too deep)"),
        ('{"year": ' + "9" * 5000 + "}", "volume.json is not valid JSON"),
    ],
)
def test_read_sidecar_refuses_what_is_not_a_metadata_object(tmp_path, content, message):
    with pytest.raises(ImportFileError) as error:
        read_sidecar(sidecar(tmp_path, content))

    assert message in str(error.value)


def test_read_sidecar_not_utf8_is_refused(tmp_path):
    (tmp_path / "volume.json").write_bytes('{"title_kk": "Жинақ"}'.encode("utf-16"))

    with pytest.raises(ImportFileError, match=r"volume\.json is not valid JSON"):
        read_sidecar(tmp_path / "volume.txt")


def test_read_sidecar_that_is_a_folder_is_refused(tmp_path):
    (tmp_path / "volume.json").mkdir()

    with pytest.raises(ImportFileError, match=r"The sidecar volume\.json cannot be read"):
        read_sidecar(tmp_path / "volume.txt")


def test_read_sidecar_keeps_good_values_checked(tmp_path):
    source = sidecar(tmp_path, '{"slug": "a-2025", "year": "2025", "title_kk": " Жинақ ", "editors": null}')

    assert read_sidecar(source) == {"slug": "a-2025", "year": 2025, "title_kk": "Жинақ", "editors": ""}
