from django.urls import path

from articles import views
from articles.search import views as search_views

urlpatterns = [
    path("", views.home, name="home"),
    path("proceedings/", views.volume_list, name="volume_list"),
    path("proceedings/<slug:slug>/", views.volume_detail, name="volume_detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("search/", search_views.search, name="search"),
]
