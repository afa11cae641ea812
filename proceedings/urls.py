from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from articles.search import views as search_views
from proceedings import views

# Every public page lives under its interface language (/kk/, /ru/, /en/); "/" redirects there.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/search", search_views.api_search, name="api_search"),
]
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("authors/", include("authors.urls")),
    prefix_default_language=True,
)

handler404 = views.page_not_found
handler500 = views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
