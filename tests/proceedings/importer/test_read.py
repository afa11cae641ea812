import codecs
import io
import random
import zipfile
from collections.abc import Callable

import pymupdf
import pytest

from proceedings.importer.read import read_source
from proceedings.importer.types import ImportFileError
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf

KAZAKH = "Жасанды интеллект журналистиканы өзгертуде.\n\nБұл мақалада медиа қарастырылады.\n"
RUSSIAN = "Искусственный интеллект меняет журналистику.\n\nВ статье рассматриваются СМИ.\n"


def _pdf(pages: list[str], *, encrypt: bool = False) -> bytes:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        if text:
            page.insert_text((72, 72), text, fontname="helv")
    options = {"encryption": pymupdf.PDF_ENCRYPT_AES_256, "user_pw": "secret", "owner_pw": "owner"}
    data = doc.tobytes(**(options if encrypt else {}))
    doc.close()
    return data


def test_read_source_utf8_keeps_lines_and_no_pages():
    raw = read_source(KAZAKH.encode("utf-8"), filename="a.txt", max_bytes=10_000)

    assert raw.kind == "text"
    assert raw.lines == [
        "Жасанды интеллект журналистиканы өзгертуде.",
        "",
        "Бұл мақалада медиа қарастырылады.",
    ]
    assert raw.pages == [None, None, None]


def test_read_source_utf8_with_bom():
    raw = read_source(codecs.BOM_UTF8 + KAZAKH.encode("utf-8"), filename="a.txt", max_bytes=10_000)

    assert raw.lines[0] == "Жасанды интеллект журналистиканы өзгертуде."


def test_read_source_utf16_with_bom():
    raw = read_source(RUSSIAN.replace("\n", "\r\n").encode("utf-16"), filename="a.txt", max_bytes=10_000)

    assert raw.encoding == "utf-16"
    assert raw.lines[2] == "В статье рассматриваются СМИ."


def test_read_source_cp1251_russian():
    raw = read_source(RUSSIAN.encode("cp1251"), filename="a.txt", max_bytes=10_000)

    assert raw.encoding == "cp1251"
    assert raw.lines[0] == "Искусственный интеллект меняет журналистику."


def test_read_source_empty_file_is_refused():
    with pytest.raises(ImportFileError, match="empty"):
        read_source(b"  \n\n", filename="a.txt", max_bytes=10_000)


def test_read_source_too_large_file_is_refused():
    with pytest.raises(ImportFileError, match="more than the 10 bytes allowed"):
        read_source(KAZAKH.encode("utf-8"), filename="a.txt", max_bytes=10)


def test_read_source_binary_garbage_is_refused():
    garbage = bytes(range(256)) * 20

    with pytest.raises(ImportFileError, match="binary"):
        read_source(garbage, filename="a.bin", max_bytes=100_000)


def test_read_source_control_characters_are_refused():
    garbage = b"\x01\x02\x03\x04\x05\x06abc\x07\x08\x0e\x0f" * 100

    with pytest.raises(ImportFileError, match="binary"):
        read_source(garbage, filename="a.txt", max_bytes=100_000)


def test_read_source_undecodable_text_is_refused():
    latin1 = "Ceci n'est pas du cyrillique : évidemment, ça échoue à être décodé, naïvement. " * 3

    with pytest.raises(ImportFileError, match="encoding could not be recognised"):
        read_source(latin1.encode("latin-1"), filename="a.txt", max_bytes=100_000)


def test_read_source_pdf_keeps_page_of_every_line():
    data = _pdf(["First page line\nsecond line", "Third page? no, second page"])

    raw = read_source(data, filename="a.pdf", max_bytes=1_000_000)

    assert raw.kind == "pdf"
    assert raw.lines == ["First page line", "second line", "Third page? no, second page"]
    assert raw.pages == [1, 1, 2]


def test_read_source_pdf_without_text_layer_is_refused():
    with pytest.raises(ImportFileError, match="no text layer"):
        read_source(_pdf(["", ""]), filename="scan.pdf", max_bytes=1_000_000)


def test_read_source_encrypted_pdf_is_refused():
    with pytest.raises(ImportFileError, match="password"):
        read_source(_pdf(["secret text"], encrypt=True), filename="locked.pdf", max_bytes=1_000_000)


def test_read_source_broken_pdf_is_refused():
    with pytest.raises(ImportFileError) as error:
        read_source(b"%PDF-1.7\nthis is not really a pdf", filename="broken.pdf", max_bytes=1_000_000)

    assert str(error.value) == (
        "broken.pdf: the PDF is damaged or incomplete (it cannot be opened: Failed to open stream); "
        "upload the file again, or export it once more from the original."
    )


ENGLISH = "Artificial intelligence is changing journalism.\n\nThis paper looks at the media.\n"
MIXED = "ЖАСАНДЫ ИНТЕЛЛЕКТ\r\nСейітов А. Б., магистрант\r\nKeywords: AI, media — 2025 «жаңа»\r\n"
UNMARKED = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("encoding", UNMARKED)
@pytest.mark.parametrize("text", [KAZAKH, RUSSIAN, ENGLISH, MIXED], ids=["kk", "ru", "en", "mixed"])
def test_read_source_wide_text_without_bom_is_read(encoding, text):
    raw = read_source(text.encode(encoding), filename="a.txt", max_bytes=100_000)

    assert (raw.kind, raw.encoding) == ("text", encoding)
    assert raw.lines == text.replace("\r\n", "\n").rstrip("\n").split("\n")


@pytest.mark.parametrize("encoding", UNMARKED)
def test_read_source_wide_text_cut_mid_character_is_called_incomplete(encoding):
    data = (KAZAKH * 20).encode(encoding)[:-1]

    with pytest.raises(ImportFileError) as error:
        read_source(data, filename="a.txt", max_bytes=100_000)

    assert str(error.value) == (
        f"a.txt: this is {encoding.upper()} text without a byte-order mark, but it stops in the "
        "middle of a character, so the end of the file is missing; upload the whole file again "
        "(or save it as UTF-8)."
    )


def test_read_source_utf16_cut_mid_character_with_bom_is_called_incomplete():
    data = RUSSIAN.encode("utf-16")[:-1]

    with pytest.raises(ImportFileError, match="UTF-16 text, but it stops in the middle of a character"):
        read_source(data, filename="a.txt", max_bytes=100_000)


def test_read_source_utf16_with_a_broken_surrogate_is_called_damaged():
    data = RUSSIAN.encode("utf-16-le") + b"\x00\xd8" + ENGLISH.encode("utf-16-le")

    with pytest.raises(ImportFileError, match=r"UTF-16-LE text without a byte-order mark, but it is damaged"):
        read_source(data, filename="a.txt", max_bytes=100_000)


def test_read_source_wide_whitespace_is_empty():
    with pytest.raises(ImportFileError, match="the file is empty"):
        read_source(" \n \n".encode("utf-16-le"), filename="a.txt", max_bytes=100_000)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("volume.txt", RUSSIAN * 50)
    return buffer.getvalue()


def _noise_with_zeros(zero: Callable[[int], bool]) -> bytes:
    """Random bytes with NULs exactly where UTF-16 or UTF-32 text would have them."""
    rng = random.Random(12)
    return bytes(0 if zero(n) else rng.randrange(1, 256) for n in range(4096))


BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS",
    "exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program",
    "zip": _zip(),
    "random": random.Random(11).randbytes(4096),
    "nul only": b"\x00" * 64,
    "nuls at odd places": _noise_with_zeros(lambda n: n % 2 == 1),
    "nuls like utf-32": _noise_with_zeros(lambda n: n % 4 >= 2),
}


@pytest.mark.parametrize("case", BINARIES)
def test_read_source_binaries_are_still_binary(case):
    with pytest.raises(ImportFileError, match="this looks like a binary file, not text or PDF"):
        read_source(BINARIES[case], filename="a.txt", max_bytes=100_000)


THREE_PAGES = [FIRST_ARTICLE, SECOND_ARTICLE, FIRST_ARTICLE]


def _cut_pdf(fraction: float) -> bytes:
    data = build_pdf(THREE_PAGES)
    return data[: int(len(data) * fraction)]


def _scanned_pdf() -> bytes:
    """An intact PDF whose two pages are only a picture each, as a scanner makes them."""
    picture = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    picture.clear_with(200)
    document = pymupdf.open()
    for _ in range(2):
        document.new_page().insert_image(pymupdf.Rect(50, 50, 350, 450), pixmap=picture)
    data = document.tobytes()
    document.close()
    return data


def _pdf_claiming_to_be_whole(fraction: float) -> bytes:
    """The first part of a PDF with a made-up end: its table and end marker promise a whole file."""
    return (
        _cut_pdf(fraction) + b"\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1>>\nstartxref\n0\n%%EOF\n"
    )


DAMAGED_PDFS = {
    "first half": (lambda: _cut_pdf(0.5), "it stops before its end-of-file marker"),
    "all but the end": (lambda: _cut_pdf(0.95), "it stops before its end-of-file marker"),
    "header and garbage": (
        lambda: b"%PDF-1.7\n" + random.Random(5).randbytes(3000),
        "it cannot be opened: Failed to open stream",
    ),
    "first half with a broken xref": (
        lambda: _pdf_claiming_to_be_whole(0.5),
        "the content of page 1 is missing",
    ),
    "most of it with a broken xref": (
        lambda: _pdf_claiming_to_be_whole(0.7),
        "the content of page 1 is missing",
    ),
    "no pages": (
        lambda: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
        "it has no pages",
    ),
}


@pytest.mark.parametrize("case", DAMAGED_PDFS)
def test_read_source_damaged_pdf_is_called_damaged_not_scanned(case):
    make, reason = DAMAGED_PDFS[case]

    with pytest.raises(ImportFileError) as error:
        read_source(make(), filename="volume.pdf", max_bytes=1_000_000)

    assert str(error.value) == (
        f"volume.pdf: the PDF is damaged or incomplete ({reason}); "
        "upload the file again, or export it once more from the original."
    )


def test_read_source_scanned_pdf_still_has_no_text_layer():
    with pytest.raises(ImportFileError) as error:
        read_source(_scanned_pdf(), filename="scan.pdf", max_bytes=1_000_000)

    assert str(error.value) == (
        "scan.pdf: the PDF has no text layer (it is probably scanned); run OCR on it first."
    )


def test_read_source_pdf_with_a_broken_xref_but_every_page_is_read():
    """mupdf rebuilds a lost cross-reference table from the objects; nothing is missing then."""
    data = build_pdf(THREE_PAGES)
    table = data.rindex(b"startxref")
    broken = data[:table] + b"startxref\n999999\n%%EOF\n"

    raw = read_source(broken, filename="volume.pdf", max_bytes=1_000_000)

    assert raw.lines[0] == FIRST_ARTICLE[0]
    assert sorted(set(raw.pages)) == [1, 2, 3]


def test_read_source_pdf_text_loses_its_nul_characters():
    """PostgreSQL stores no NUL; a PDF's text layer may hold them where a font maps nothing."""
    raw = read_source(_pdf(["Media\x00 and\x00 journalism"]), filename="a.pdf", max_bytes=1_000_000)

    assert raw.lines == ["Media and journalism"]
