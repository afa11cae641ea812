"""Turn uploaded bytes into lines, or refuse with a message an editor can act on.

Proceedings arrive as PDF or as text exported from one, in whatever encoding the
exporting tool chose. Encodings are tried from the most to the least self-evident:
a BOM, the NUL bytes of UTF-16 or UTF-32 saved without a BOM, strict UTF-8, then CP1251
only when the result reads as Cyrillic text, because CP1251 decodes any byte string and
would otherwise turn garbage into "text".
"""

from __future__ import annotations

import codecs
import re

from proceedings.importer.limits import check_limit
from proceedings.importer.pdf import read_pdf
from proceedings.importer.types import ImportFileError, RawDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
# Latin, Greek and Cyrillic (Kazakh letters included), then general punctuation, currency,
# letter-like symbols (№) and arrows: what a Kazakh, Russian or English text is made of.
_OUR_SCRIPTS = re.compile(r"[\u0000-\u052f\u2000-\u21ff]")
_WIDE_SAMPLE = 64 * 1024  # a multiple of 4, so the sample keeps the byte positions of the file


def read_source(data: bytes, *, filename: str, max_bytes: int, max_pages: int | None = None) -> RawDocument:
    """Read a PDF or a text file into a `RawDocument`, raising `ImportFileError` when unusable
    (`ImportLimitError` when over `max_bytes`, or a PDF over `max_pages`)."""
    if not data or not data.strip():
        raise ImportFileError(f"{filename}: the file is empty.")
    check_limit(filename=filename, limit="bytes", allowed=max_bytes, found=len(data))
    if data.startswith(b"%PDF"):
        return read_pdf(data, filename=filename, max_pages=max_pages)
    text, encoding = decode_text(data, filename=filename)
    if not text.strip():  # blank in UTF-16 or UTF-32: the bytes alone did not show it
        raise ImportFileError(f"{filename}: the file is empty.")
    lines = text.split("\n")
    while lines and not lines[-1].strip():  # trailing blank lines carry nothing and skew the count
        lines.pop()
    return RawDocument(kind="text", lines=lines, pages=[None] * len(lines), encoding=encoding)


def source_kind(data: bytes, *, filename: str, max_bytes: int, max_pages: int | None = None) -> str:
    """What `read_source` finds the file to be, "pdf" or "text", having read all of it: the upload
    form's check, which runs in a bounded child process that sends back the kind, not the lines."""
    return read_source(data, filename=filename, max_bytes=max_bytes, max_pages=max_pages).kind


def decode_text(data: bytes, *, filename: str) -> tuple[str, str]:
    """Decode text bytes and return (text, encoding name), normalising line ends to \\n."""
    text, encoding = _decode(data, filename=filename)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ImportFileError(f"{filename}: this looks like a binary file, not text or PDF.")
    return text, encoding


def _decode(data: bytes, *, filename: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{filename}: the file claims utf-8-sig but is damaged.") from exc
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            return _decode_wide(data, encoding, label=f"{encoding.upper()} text", filename=filename)
    if b"\x00" in data:
        encoding = _unmarked_wide_encoding(data)
        if encoding is None:
            raise ImportFileError(f"{filename}: this looks like a binary file, not text or PDF.")
        label = f"{encoding.upper()} text without a byte-order mark"
        return _decode_wide(data, encoding, label=label, filename=filename)
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


def _unmarked_wide_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 byte order that the NUL bytes of `data` show, if text it is.

    Every character we print fits two bytes, so in UTF-32 the top two bytes of each four are
    zero (three of four for ASCII). In UTF-16 the high byte is zero for ASCII and 0x04 for
    Cyrillic, so a Kazakh text has few zeros — its spaces, digits and punctuation — but all
    at one parity, none at the other. Binaries have NULs at every position; the few whose
    NULs happen to fit a pattern are caught by `_reads_as_our_text` on the decoded sample.
    """
    sample = data[:_WIDE_SAMPLE]
    columns = [sample[k::4] for k in range(4)]
    zeros = [column.count(0) for column in columns]

    def all_zero(k: int) -> bool:
        return bool(columns[k]) and zeros[k] == len(columns[k])

    def mostly_zero(k: int) -> bool:  # astral characters (emoji) put 0x01–0x10 in the third byte
        return zeros[k] >= 0.95 * len(columns[k])

    if all_zero(3) and mostly_zero(2):
        encoding = "utf-32-le"
    elif all_zero(0) and mostly_zero(1):
        encoding = "utf-32-be"
    elif zeros[1] + zeros[3] and zeros[0] + zeros[2] <= 0.02 * (len(columns[0]) + len(columns[2])):
        encoding = "utf-16-le"
    elif zeros[0] + zeros[2] and zeros[1] + zeros[3] <= 0.02 * (len(columns[1]) + len(columns[3])):
        encoding = "utf-16-be"
    else:
        return None
    width = 4 if encoding.startswith("utf-32") else 2
    decoded = sample[: len(sample) - len(sample) % width].decode(encoding, errors="replace")
    return encoding if _reads_as_our_text(decoded) else None


def _reads_as_our_text(text: str) -> bool:
    """Random bytes read as UTF-16 give CJK, Hangul and private-use characters, not these."""
    return not _looks_binary(text) and len(_OUR_SCRIPTS.findall(text)) >= 0.9 * len(text)


def _decode_wide(data: bytes, encoding: str, *, label: str, filename: str) -> tuple[str, str]:
    """Decode UTF-16 or UTF-32, telling a file cut short (by an upload, a copy) from a damaged one."""
    width = 4 if "32" in encoding else 2
    if len(data) % width:
        raise ImportFileError(
            f"{filename}: this is {label}, but it stops in the middle of a character, so the end "
            "of the file is missing; upload the whole file again (or save it as UTF-8)."
        )
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{filename}: this is {label}, but it is damaged (at byte {exc.start:,}); "
            "save it again as UTF-8 and upload that."
        ) from exc


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
