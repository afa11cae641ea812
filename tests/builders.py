"""Small files built inside tests: PDFs with a real text layer (Cyrillic included), broken PDFs."""

from __future__ import annotations

import pymupdf

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


def build_pdf(pages: list[list[str]], *, encrypt: bool = False) -> bytes:
    """A PDF whose page N holds the lines of pages[N - 1], in an embedded font with Cyrillic."""
    document = pymupdf.open()
    font = pymupdf.Font("helv")  # pymupdf's built-in Helvetica clone has Kazakh letters
    for lines in pages:
        page = document.new_page()
        writer = pymupdf.TextWriter(page.rect)
        for number, line in enumerate(lines):
            writer.append((50, 60 + LINE_HEIGHT * number), line, font=font, fontsize=10)
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
