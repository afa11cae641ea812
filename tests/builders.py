"""Small files built inside tests: PDFs with a real text layer (Cyrillic included), broken PDFs."""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from proceedings.importer.dedupe import content_hash
from proceedings.importer.types import ArticleDraft

LINE_HEIGHT = 16

# Two short articles with full headers (title, author, position, supervisor), one Kazakh and
# one Russian: the sample volume of the import, upload, review and editor-journey tests.
FIRST_ARTICLE = [
    "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ",
    "Сейітов А. Б.",
    "Журналистика факультетінің 2-курс магистранты",
    "Ғылыми жетекшісі: ф.ғ.к., доцент Г.С. Өзбекова",
    "Жасанды интеллект спорт журналистикасының жұмысын түбегейлі өзгертіп отыр. Матч",
    "нәтижелері туралы қысқа хабарларды алгоритмдер бірнеше секундта жазып шығарады, ал",
    "журналистер талдау мен сұхбатқа көбірек уақыт бөле алады. Бұл мақалада осы өзгерістің",
    "артықшылықтары мен қауіптері қазақстандық басылымдардың тәжірибесі негізінде қаралады.",
]
SECOND_ARTICLE = [
    "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ",
    "Петрова Е. В.",
    "магистрант 1 курса факультета журналистики",
    "Социальные сети стали главным источником новостей для студентов, и вместе с этим",
    "выросла потребность в умении проверять информацию. В статье рассматриваются навыки",
    "медиаграмотности, которые студенты применяют при чтении новостей в мессенджерах, и",
    "предлагаются упражнения для занятий по проверке фактов на факультете журналистики.",
]


def build_pdf(
    pages: list[list[str]], *, encrypt: bool = False, footer_numbers_from: int | None = None
) -> bytes:
    """A PDF whose page N holds the lines of pages[N - 1], in an embedded font with Cyrillic.

    With `footer_numbers_from`, each page prints its number at the foot, counting up from it.
    """
    document = pymupdf.open()
    font = pymupdf.Font("helv")  # pymupdf's built-in Helvetica clone has Kazakh letters
    for index, lines in enumerate(pages):
        page = document.new_page()
        writer = pymupdf.TextWriter(page.rect)
        for number, line in enumerate(lines):
            writer.append((50, 60 + LINE_HEIGHT * number), line, font=font, fontsize=10)
        if footer_numbers_from is not None:
            writer.append(
                (page.rect.width / 2, page.rect.height - 40), str(footer_numbers_from + index), font=font
            )
        writer.write_text(page)
    options = {}
    if encrypt:
        options = {"encryption": pymupdf.PDF_ENCRYPT_AES_256, "user_pw": "secret", "owner_pw": "owner"}
    data = document.tobytes(**options)
    document.close()
    return data


def build_image_only_pdf() -> bytes:
    """A PDF with a drawing and no text layer, like a scan that was never OCR'd."""
    document = pymupdf.open()
    page = document.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    data = document.tobytes()
    document.close()
    return data


# Pages laid out piece by piece, for the layout tests: each piece is drawn in list order, so
# the order of the PDF's content stream (what mupdf reads first) is the list's, whatever the
# pieces' positions. Text column: x from 50 to 545 on an A4 page (595 x 842 points).
COLUMN_LEFT, COLUMN_RIGHT = 50.0, 545.0


@dataclass(frozen=True)
class Piece:
    """Text drawn with its baseline's left end at (x, y), in Helvetica (Kazakh letters included)."""

    x: float
    y: float
    text: str
    size: float = 10.0
    bold: bool = False
    italic: bool = False


def centred_piece(y: float, text: str, *, size: float = 10.0, bold: bool = False) -> Piece:
    """A piece centred on the text column."""
    width = _font(bold=bold, italic=False).text_length(text, fontsize=size)
    return Piece((COLUMN_LEFT + COLUMN_RIGHT - width) / 2, y, text, size=size, bold=bold)


def build_layout_pdf(pages: list[list[Piece]], *, footer_numbers_from: int | None = None) -> bytes:
    """A PDF of these pieces, page by page; with `footer_numbers_from`, printed page numbers
    counting up from it are centred in each page's footer (drawn first, as many producers do)."""
    document = pymupdf.open()
    for number, own in enumerate(pages):
        page = document.new_page(width=595, height=842)
        footer = (
            [] if footer_numbers_from is None else [centred_piece(800, str(footer_numbers_from + number))]
        )
        for piece in [*footer, *own]:
            writer = pymupdf.TextWriter(page.rect)
            writer.append(
                (piece.x, piece.y), piece.text, font=_font(piece.bold, piece.italic), fontsize=piece.size
            )
            writer.write_text(page)
    data = document.tobytes()
    document.close()
    return data


_FONTS = {(False, False): "helv", (True, False): "hebo", (False, True): "heit"}


def _font(bold: bool, italic: bool) -> pymupdf.Font:
    return pymupdf.Font(_FONTS[(bold, italic)])


def paragraph(
    y: float,
    text: str,
    *,
    left: float = COLUMN_LEFT,
    right: float = COLUMN_RIGHT,
    size: float = 10.0,
    leading: float = 14.0,
) -> list[Piece]:
    """Text wrapped to the column and justified the way some producers write it: word by word,
    each word placed where justification puts it (the last line is left ragged)."""
    font = _font(bold=False, italic=False)
    space = font.text_length(" ", fontsize=size)
    lines: list[list[str]] = [[]]
    for word in text.split():
        trial = " ".join([*lines[-1], word])
        if lines[-1] and font.text_length(trial, fontsize=size) > right - left:
            lines.append([word])
        else:
            lines[-1].append(word)
    pieces = []
    for number, words in enumerate(lines):
        widths = [font.text_length(word, fontsize=size) for word in words]
        last = number == len(lines) - 1
        gap = space if last or len(words) == 1 else (right - left - sum(widths)) / (len(words) - 1)
        x = left
        for word, width in zip(words, widths, strict=True):
            pieces.append(Piece(x, y + leading * number, word, size=size))
            x += width + gap
    return pieces


def draft(start: int, body: list[str], header: list[str] = ()) -> ArticleDraft:
    """An article draft as the importer gives it: `header` lines (the first is the title), then `body`."""
    return ArticleDraft(
        start_line=start,
        end_line=start + len(header) + len(body),
        title=header[0] if header else None,
        title_display=None,
        authors=[],
        supervisors=[],
        author_lines=[],
        language="ru",
        abstracts={},
        keywords={},
        body="\n".join(body),
        body_start_line=start + len(header),
        first_page=None,
        last_page=None,
        content_hash=content_hash("\n".join(body)),
        duplicate_of=None,
        warnings=[],
        text="\n".join([*header, *body]),
    )
