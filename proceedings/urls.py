from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles import views as article_views

urlpatterns = [
    path("", article_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
