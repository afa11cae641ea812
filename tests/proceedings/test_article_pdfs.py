"""Each article's own PDF (proceedings/article_pdfs.py, articles/files.py): cut at import and on an
editor's split or merge, stored with the volume, served only while the volume is published."""

from __future__ import annotations

import io

import pymupdf
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from articles import usage
from articles.models import Article, ArticleUsage
from articles.oai.views import oai_identifier
from proceedings.article_pdfs import line_sheets
from proceedings.editorial.editing import article_source_lines, article_split, articles_merge
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.pdf_cut import pdf_cut
from proceedings.importer.types import Line
from proceedings.models import Proceedings, ProceedingsStatus
from proceedings.services import proceedings_import
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf
from tests.factories import staff_user
from tests.proceedings.editing_texts import KK_A, KK_B, KK_C

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
# Two articles of two pages each, the pages numbered from 21 at their foot.
PAGES = [FIRST_ARTICLE, FIRST_ARTICLE[4:], SECOND_ARTICLE, SECOND_ARTICLE[3:]]


def import_pdf(
    *, publish: bool = True, slug: str = "pdf-volume", pages=PAGES, first_page_number: int = 21
) -> Proceedings:
    outcome = proceedings_import(
        data=build_pdf(pages, footer_numbers_from=first_page_number),
        filename="volume.pdf",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2025, "title_kk": "PDF жинағы"}),
        publish=publish,
    )
    return outcome.proceedings


def stored_pdf(article: Article) -> pymupdf.Document:
    with article.pdf.open("rb") as handle:
        return pymupdf.open(stream=handle.read(), filetype="pdf")


def page_texts(document: pymupdf.Document) -> list[str]:
    return [page.get_text() for page in document]


def reader() -> Client:
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")


def line(page: int | None) -> Line:
    return Line(text="x", raw=1, indent=0, glued=False, gap=0, page=page)


def test_an_articles_sheets_are_the_pages_its_lines_lie_on():
    assert line_sheets([line(3), line(3), line(5)]) == (3, 5)
    assert line_sheets([line(None), line(None)]) is None  # a text file has no sheets


def test_a_cut_holds_exactly_its_sheets_with_metadata_and_printed_numbers():
    volume = pymupdf.open(stream=build_pdf(PAGES), filetype="pdf")

    cut = pdf_cut(
        volume, (3, 4), metadata={"title": "Медиа", "author": "Петрова Е. В."}, first_printed_page=23
    )

    document = pymupdf.open(stream=cut.data, filetype="pdf")
    assert cut.pages == document.page_count == 2
    assert page_texts(document) == [volume[2].get_text(), volume[3].get_text()]
    assert (document.metadata["title"], document.metadata["author"]) == ("Медиа", "Петрова Е. В.")
    assert [page.get_label() for page in document] == ["23", "24"]
    with pytest.raises(ValueError, match="not in a file of 4 pages"):
        pdf_cut(volume, (4, 5), metadata={})


def test_import_cuts_each_articles_own_pdf_and_measures_the_volume():
    volume = import_pdf()
    first, second = volume.articles.order_by("position")

    assert (volume.source_pages, volume.source_size) == (4, volume.source_file.size)
    for article, title, pages in ((first, FIRST_ARTICLE[0], [21, 22]), (second, SECOND_ARTICLE[0], [23, 24])):
        document = stored_pdf(article)
        assert (article.pdf_pages, article.pdf_size) == (2, article.pdf.size)
        assert title in " ".join(page_texts(document).pop(0).split())
        assert (article.first_page, article.last_page) == (pages[0], pages[-1])
        assert [page.get_label() for page in document] == [str(number) for number in pages]
        assert (document.metadata["title"], document.metadata["subject"]) == (
            article.title_display,
            "PDF жинағы",
        )
    assert SECOND_ARTICLE[0] not in " ".join(" ".join(page_texts(stored_pdf(first))).split())
    assert first.pdf.name.startswith("proceedings/pdf-volume/articles/")


def test_a_volume_imported_from_text_has_no_article_pdfs():
    outcome = proceedings_import(
        data="\n\n".join(SECOND_ARTICLE).encode(),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "text-volume", "year": 2025, "title_kk": "Мәтін"}),
        publish=True,
    )
    article = outcome.proceedings.articles.get()

    assert (article.pdf.name, article.pdf_pages, outcome.proceedings.source_pages) == ("", None, None)
    assert outcome.proceedings.source_size == outcome.proceedings.source_file.size
    assert Client().get(f"/articles/{article.slug}.pdf").status_code == 404
    assert "citation_pdf_url" not in Client().get(f"/en/articles/{article.slug}/").content.decode()


def test_a_failed_import_leaves_no_file_behind(monkeypatch, media_root):
    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("proceedings.services.person_refresh_article_counts", fail)
    with pytest.raises(RuntimeError):
        import_pdf()

    assert [path for path in media_root.rglob("*") if path.is_file()] == []
    assert not Proceedings.objects.exists()


def test_the_pdf_is_served_to_readers_of_a_published_volume_and_counted():
    usage.PENDING.take()
    cache.clear()
    article = import_pdf().articles.order_by("position").first()

    response = reader().get(f"/articles/{article.slug}.pdf")

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{article.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    with article.pdf.open("rb") as handle:
        assert body == handle.read()
    # The same reader again within 30 seconds, and a robot: neither counts.
    reader().get(f"/articles/{article.slug}.pdf")
    Client(HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)").get(
        f"/articles/{article.slug}.pdf"
    )
    usage.usage_flush()
    month = timezone.localdate().replace(day=1)
    assert ArticleUsage.objects.get(article=article, metric="pdf", month=month).count == 1
    # A browser that has it already gets a 304, with nothing counted.
    again = reader().get(f"/articles/{article.slug}.pdf", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_drafts_pdf_is_served_to_editors_only_and_never_cached():
    article = import_pdf(publish=False).articles.first()
    address = f"/articles/{article.slug}.pdf"
    assert Client().get(address).status_code == 404

    editor = Client()
    editor.force_login(staff_user("editor", editor=True))
    response = editor.get(address)
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"no-store", "private"}


def test_an_old_address_leads_to_the_pdf_and_a_missing_one_is_404():
    article = import_pdf().articles.first()
    article.former_slugs = ["old-name"]
    article.save()

    response = Client().get("/articles/old-name.pdf")

    assert (response.status_code, response["Location"]) == (301, f"/articles/{article.slug}.pdf")
    assert Client().get("/articles/no-such-article.pdf").status_code == 404


def test_the_article_page_offers_its_pdf_and_the_volume_page_the_whole_volume():
    volume = import_pdf()
    article = volume.articles.order_by("position").first()

    page = Client().get(f"/en/articles/{article.slug}/").content.decode()
    contents = Client().get(f"/en/proceedings/{volume.slug}/").content.decode()

    size = f"{article.pdf_size / 1024:.1f}\xa0KB"
    assert f'href="/articles/{article.slug}.pdf" type="application/pdf">PDF, 2 pages, {size}</a>' in page
    assert f'name="citation_pdf_url" content="http://testserver/articles/{article.slug}.pdf"' in page
    assert "The whole volume: PDF, 4 pages," in contents
    assert f'href="/media/{volume.source_file.name}"' in contents


def test_split_and_merge_cut_the_pdfs_again_and_drop_the_replaced_files(django_capture_on_commit_callbacks):
    # One article over both pages, printed as pages 7 and 8.
    volume = import_pdf(pages=[KK_A + KK_B[:2], KK_B[2:] + KK_C], first_page_number=7)
    (article,) = volume.articles.all()
    storage, whole = article.pdf.storage, article.pdf.name
    assert article.pdf_pages == 2
    editor = staff_user("editor", editor=True)
    at = next(
        source_line.number for source_line in article_source_lines(article=article) if source_line.page == 2
    )

    with django_capture_on_commit_callbacks(execute=True):
        top, bottom = article_split(article=article, at_line=at, user=editor)

    assert (top.pdf_pages, bottom.pdf_pages) == (1, 1)
    assert [page.get_label() for page in stored_pdf(bottom)] == ["8"]
    assert not storage.exists(whole)  # the two-page cut it replaced

    with django_capture_on_commit_callbacks(execute=True):
        merged = articles_merge(first=top, second=bottom, user=editor)

    assert merged.pdf_pages == 2
    assert not storage.exists(bottom.pdf.name)  # the merged-away article's file
    assert storage.exists(merged.pdf.name)
    merged.refresh_from_db()
    assert merged.pdf_pages == 2


def test_deleting_an_article_deletes_its_pdf_once_committed(django_capture_on_commit_callbacks):
    article = import_pdf().articles.first()
    storage, name = article.pdf.storage, article.pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert not storage.exists(name)


def test_the_command_cuts_older_volumes_again_and_refuses_unknown_ones():
    volume = import_pdf()
    volume.articles.update(pdf="", pdf_pages=None, pdf_size=None)  # as imported before PDFs were cut
    out = io.StringIO()

    call_command("cut_article_pdfs", stdout=out)

    assert out.getvalue() == "pdf-volume: 2 of 2 articles have a PDF\n"
    assert all(article.pdf_pages == 2 for article in volume.articles.all())
    with pytest.raises(CommandError, match="No volume has the slug nowhere"):
        call_command("cut_article_pdfs", "nowhere")


def test_the_oai_record_names_the_pdf():
    article = import_pdf().articles.first()

    xml = (
        Client()
        .get(
            "/oai",
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": oai_identifier(article.pk),
            },
        )
        .content.decode()
    )

    assert f"<dc:identifier>http://testserver/articles/{article.slug}.pdf</dc:identifier>" in xml
    assert "<dc:format>application/pdf</dc:format>" in xml


def test_a_volume_withdrawn_stops_serving_its_pdfs():
    volume = import_pdf()
    article = volume.articles.first()
    Proceedings.objects.filter(pk=volume.pk).update(status=ProceedingsStatus.DRAFT)

    assert Client().get(f"/articles/{article.slug}.pdf").status_code == 404


def test_editors_cut_a_volumes_pdfs_again_from_the_admin():
    volume = import_pdf()
    volume.articles.update(pdf="", pdf_pages=None, pdf_size=None)
    editor = Client()
    editor.force_login(staff_user("editor", editor=True))

    response = editor.post(
        "/admin/proceedings/proceedings/",
        {"action": "cut_article_pdfs", "_selected_action": [volume.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "“PDF жинағы”: 2 of 2 articles have a PDF of their own." in response.content.decode()
    assert [article.pdf_pages for article in volume.articles.order_by("position")] == [2, 2]
