"""In a PDF a title is set apart by its type — larger, or bold and centred — whatever its letters:
a title in title case straight after the previous paper's last line, with no full stop between."""

from proceedings.importer.pipeline import parse_proceedings
from tests.builders import COLUMN_LEFT, Piece, build_layout_pdf, centred_piece, paragraph

FIRST_BODY = (
    "Word frequency in child speech corpora predicts the age at which words are acquired, and the "
    "size of the corpus matters more than its age range. The results are discussed with reference to "
    "norm-referenced tests used in preschool assessment and the corpora described in the appendix"
)
SECOND_BODY = (
    "Right dislocation moves a constituent to the end of the clause after the main predicate. In the "
    "Shandong dialect it is frequent in colloquial speech, and native speakers judge most of its types "
    "acceptable, although several of them are ungrammatical in the standard language."
)


def volume() -> bytes:
    first = paragraph(60, FIRST_BODY)
    y = first[-1].y + 40
    title = [
        centred_piece(y, "The Acceptability of Right Dislocation in Shandong", size=15, bold=True),
        centred_piece(y + 18, "Mandarin Speech", size=15, bold=True),
    ]
    people = [
        centred_piece(y + 40, "Cui Yixin", size=12, bold=True),
        centred_piece(y + 56, "Department of Chinese and Bilingual Studies, Polytechnic University"),
    ]
    second = [Piece(COLUMN_LEFT, y + 80, "Abstract", bold=True), *paragraph(y + 96, SECOND_BODY)]
    return build_layout_pdf([[*first, *title, *people, *second]])


def test_a_title_set_apart_by_its_type_opens_its_article_with_its_authors():
    articles = parse_proceedings(volume(), filename="volume.pdf").articles

    assert [(a.title, [p.name for p in a.authors]) for a in articles] == [
        (None, []),
        ("The Acceptability of Right Dislocation in Shandong Mandarin Speech", ["Cui Yixin"]),
    ]
    assert (
        articles[1].authors[0].affiliation
        == "Department of Chinese and Bilingual Studies, Polytechnic University"
    )
