from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles import files, sitemaps
from articles.models import UsageMetric
from articles.oai import views as oai_views
from articles.search import views as search_views
from articles.usage import counted
from proceedings import sources
from proceedings.site import health, views
from proceedings.site.page_cache import cached_page

# Every public page lives under its interface language (/kk/, /ru/, /en/); "/" redirects there.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/search", search_views.api_search, name="api_search"),
    path("oai", oai_views.oai, name="oai"),  # OAI-PMH 2.0 for harvesters (articles/oai)
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),  # for the proxy and monitoring
    # An article's own PDF, one address in every interface language (articles/files.py).
    path(
        "articles/<slug:slug>.pdf",
        counted(UsageMetric.PDF, files.article_pdf_slug)(files.article_pdf),
        name="article_pdf",
    ),
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    # Uploaded files are not served as a folder: only a volume's source, by proceedings/sources.py.
    path(
        f"{settings.MEDIA_URL.lstrip('/')}proceedings/<slug:folder>/<str:filename>",
        sources.volume_source,
        name="volume_source",
    ),
]
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("authors/", include("authors.urls")),
    prefix_default_language=True,
)

handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error
