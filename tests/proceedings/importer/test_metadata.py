import datetime

import pytest

from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.types import ImportFileError


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
