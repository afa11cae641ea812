"""Turn uploaded bytes into lines, or refuse with a message an editor can act on.

Proceedings arrive as PDF or as text exported from one, in whatever encoding the
exporting tool chose. Encodings are tried from the most to the least self-evident:
a BOM, strict UTF-8, then CP1251 only when the result reads as Cyrillic text, because
CP1251 decodes any byte string and would otherwise turn garbage into "text".
"""

from __future__ import annotations

import codecs
import re

from proceedings.importer.types import ImportFileError, RawDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def read_source(data: bytes, *, filename: str, max_bytes: int) -> RawDocument:
    """Read a PDF or a text file into a `RawDocument`, raising `ImportFileError` when unusable."""
    if not data or not data.strip():
        raise ImportFileError(f"{filename}: the file is empty.")
    if len(data) > max_bytes:
        raise ImportFileError(
            f"{filename}: the file is {len(data):,} bytes, more than the {max_bytes:,} bytes allowed."
        )
    if data.startswith(b"%PDF"):
        return _read_pdf(data, filename=filename)
    text, encoding = decode_text(data, filename=filename)
    lines = text.split("\n")
    while lines and not lines[-1].strip():  # trailing blank lines carry nothing and skew the count
        lines.pop()
    return RawDocument(kind="text", lines=lines, pages=[None] * len(lines), encoding=encoding)


def decode_text(data: bytes, *, filename: str) -> tuple[str, str]:
    """Decode text bytes and return (text, encoding name), normalising line ends to \\n."""
    text, encoding = _decode(data, filename=filename)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ImportFileError(f"{filename}: this looks like a binary file, not text or PDF.")
    return text, encoding


def _decode(data: bytes, *, filename: str) -> tuple[str, str]:
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportFileError(f"{filename}: the file claims {encoding} but is damaged.") from exc
    if b"\x00" in data:
        raise ImportFileError(f"{filename}: this looks like a binary file, not text or PDF.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    if _plausibly_cyrillic(text):
        return text, "cp1251"
    raise ImportFileError(
        f"{filename}: the text encoding could not be recognised; save it as UTF-8 and try again."
    )


def _plausibly_cyrillic(text: str) -> bool:
    """CP1251 maps every byte to something; accept it only if most letters are Cyrillic words."""
    letters = _LETTER.findall(text)
    if len(letters) < 20 or "\ufffd" in text:
        return False
    cyrillic = len(_CYRILLIC.findall(text))
    return cyrillic / len(letters) >= 0.5 and not _looks_binary(text)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 50)


def _read_pdf(data: bytes, *, filename: str) -> RawDocument:
    """Extract the text layer page by page, remembering the page of every line."""
    import pymupdf  # noqa: PLC0415 - heavy import, only needed for PDFs

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several unrelated types for broken files
        raise ImportFileError(f"{filename}: the PDF could not be opened ({exc}).") from exc
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            raise ImportFileError(f"{filename}: the PDF is password-protected; upload an unlocked copy.")
        lines: list[str] = []
        pages: list[int | None] = []
        for number, page in enumerate(doc, start=1):
            page_lines = page.get_text("text").split("\n")
            if page_lines and page_lines[-1] == "":
                page_lines.pop()
            lines.extend(page_lines)
            pages.extend([number] * len(page_lines))
    if not any(line.strip() for line in lines):
        raise ImportFileError(
            f"{filename}: the PDF has no text layer (it is probably scanned); run OCR on it first."
        )
    return RawDocument(kind="pdf", lines=lines, pages=pages, encoding="pdf")
