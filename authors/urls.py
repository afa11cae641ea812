from django.urls import path

from articles import feeds
from authors import views
from proceedings.site.page_cache import cached_page

urlpatterns = [
    path("", cached_page(views.author_index), name="author_index"),
    path("<slug:slug>/", cached_page(views.author_detail), name="author_detail"),
    *feeds.feed_paths("<slug:slug>/feed", feeds.PersonArticles, "feed_person"),
]
