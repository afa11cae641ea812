"""The importer's limits on a file: a PDF's pages counted before any page is read, the bytes before
anything; the figures kept on the error (for a message in the editor's language, and to cross
from the bounded child process back to the worker); memory running out is no damaged file."""

from __future__ import annotations

import pickle

import pytest

from proceedings.importer.limits import ImportLimitError
from proceedings.importer.pdf import raise_if_out_of_memory
from proceedings.importer.read import read_source, source_kind
from tests.proceedings.hostile_pdfs import pdf_of_pages


def test_pdf_over_the_page_limit_is_refused_with_its_figures():
    with pytest.raises(ImportLimitError) as refused:
        read_source(pdf_of_pages(21), filename="long.pdf", max_bytes=10**7, max_pages=20)

    assert (refused.value.limit, refused.value.allowed, refused.value.found) == ("pages", 20, 21)
    assert str(refused.value) == (
        "long.pdf: the PDF has 21 pages, more than the 20 pages allowed; split it into parts and import each."
    )


def test_pdf_at_the_page_limit_or_without_one_is_read():
    assert (
        len(set(read_source(pdf_of_pages(20), filename="a.pdf", max_bytes=10**7, max_pages=20).pages)) == 20
    )
    assert source_kind(pdf_of_pages(21), filename="a.pdf", max_bytes=10**7) == "pdf"


def test_file_over_the_byte_limit_says_so_as_before():
    with pytest.raises(ImportLimitError) as refused:
        read_source(b"x" * 1001, filename="a.txt", max_bytes=1000)

    assert str(refused.value) == "a.txt: the file is 1,001 bytes, more than the 1,000 bytes allowed."


def test_limit_error_pickles_back_whole():
    error = pickle.loads(pickle.dumps(ImportLimitError("a.pdf", "pages", 20, 21)))

    assert (type(error), error.filename, error.limit, error.allowed, error.found) == (
        ImportLimitError,
        "a.pdf",
        "pages",
        20,
        21,
    )


def test_mupdf_failing_to_allocate_is_memory_running_out_not_a_damaged_file():
    with pytest.raises(MemoryError):
        raise_if_out_of_memory(RuntimeError("code=2: calloc (4104 x 1 bytes) failed"))
    with pytest.raises(MemoryError):
        raise_if_out_of_memory(MemoryError())
    raise_if_out_of_memory(RuntimeError("code=7: cannot find startxref"))  # damage stays damage
