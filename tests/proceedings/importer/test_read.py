import codecs

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
