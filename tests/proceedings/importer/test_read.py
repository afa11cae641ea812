import codecs
import io
import random
import zipfile
from collections.abc import Callable

import pymupdf
import pytest

from proceedings.importer.read import read_source
from proceedings.importer.types import ImportFileError

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
    with pytest.raises(ImportFileError, match="could not be opened"):
        read_source(b"%PDF-1.7\nthis is not really a pdf", filename="broken.pdf", max_bytes=1_000_000)


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
