"""Hostile PDFs, made in the test: small files that cost a reader far more than their size."""

from __future__ import annotations

import zlib

import pymupdf

from tests.builders import build_pdf


def pdf_of_pages(count: int) -> bytes:
    """A plain PDF of `count` pages, one line of text on each."""
    return build_pdf(
        [[f"Page {number} of a volume too long to read in one import"] for number in range(count)]
    )


def pdf_of_many_lines(lines: int) -> bytes:
    """One page whose content stream draws `lines` one-letter lines, each where no other is: a few
    hundred kilobytes that the reader turns into a line of the layout each — seconds and hundreds
    of megabytes for 100,000 of them ("a page with millions of objects", smaller)."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "A page of a great many lines")
    font = page.get_fonts()[0][4]  # the resource name insert_text gave its font
    xref = page.get_contents()[0]
    drawing = b"".join(
        b"BT /%s 1 Tf %d %d Td (x) Tj ET\n" % (font.encode(), number % 500, number % 800)
        for number in range(lines)
    )
    document.update_stream(xref, document.xref_stream(xref) + b"\n" + drawing)
    data = document.tobytes(deflate=True, garbage=3)
    document.close()
    return data


def pdf_of_one_endless_line(megabytes: int) -> bytes:
    """One page that shows a single string of `megabytes` MiB of letters, its content stream
    deflated: a 17 KB file for 16 MiB, which the reader expands into 16 million glyphs (a
    decompression bomb aimed at the text layer; some 500 MB to read)."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "A page of one endless line")
    font = page.get_fonts()[0][4]
    xref = page.get_contents()[0]
    compressor = zlib.compressobj()
    stream = [compressor.compress(document.xref_stream(xref) + b"\nBT /%s 1 Tf 10 10 Td (" % font.encode())]
    stream += [compressor.compress(b"x" * (1 << 20)) for _ in range(megabytes)]
    stream += [compressor.compress(b") Tj ET\n"), compressor.flush()]
    document.update_stream(xref, b"".join(stream), compress=False)
    document.xref_set_key(xref, "Filter", "/FlateDecode")
    data = document.tobytes()
    document.close()
    return data
