from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from articles.search import views as search_views
from proceedings import sources
from proceedings.site import views

# Every public page lives under its interface language (/kk/, /ru/, /en/); "/" redirects there.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/search", search_views.api_search, name="api_search"),
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
