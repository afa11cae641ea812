from django.urls import path

from articles import citation_views, feeds, views
from articles.models import UsageMetric
from articles.search import views as search_views
from articles.usage import article_page_slug, counted, exported_slugs
from proceedings.site.page_cache import cached_page

# The browse pages are cached whole for anonymous readers (proceedings/site/page_cache.py); search
# is not (a thousand different queries would each be asked once), nor the reader's own list.

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("proceedings/", cached_page(views.volume_list), name="volume_list"),
    path("proceedings/<slug:slug>/", cached_page(views.volume_detail), name="volume_detail"),
    path(
        "articles/<slug:slug>/",
        counted(UsageMetric.VIEW, article_page_slug)(cached_page(views.article_detail)),
        name="article_detail",
    ),
    path("topics/", cached_page(views.topic_list), name="topic_list"),
    path("topics/<slug:slug>/", cached_page(views.topic_detail), name="topic_detail"),
    path("search/", search_views.search, name="search"),
    path(
        "cite/<slug:format_slug>/",
        counted(UsageMetric.EXPORT, exported_slugs)(citation_views.citation_download),
        name="citation_download",
    ),
    path("citations/", citation_views.citation_list_page, name="citation_list"),
    path("citations/add/", citation_views.citation_list_add, name="citation_list_add"),
    path("citations/remove/", citation_views.citation_list_remove, name="citation_list_remove"),
    path("citations/move/", citation_views.citation_list_move, name="citation_list_move"),
    path("citations/move-to/", citation_views.citation_list_move_to, name="citation_list_move_to"),
    path("citations/sort/", citation_views.citation_list_sort, name="citation_list_sort"),
    path("citations/clear/", citation_views.citation_list_clear, name="citation_list_clear"),
    *feeds.feed_paths("feeds/articles", feeds.LatestArticles, "feed_articles"),
    *feeds.feed_paths("feeds/proceedings", feeds.LatestVolumes, "feed_volumes"),
    *feeds.feed_paths("proceedings/<slug:slug>/feed", feeds.VolumeArticles, "feed_volume"),
    *feeds.feed_paths("topics/<slug:slug>/feed", feeds.TopicArticles, "feed_topic"),
]
