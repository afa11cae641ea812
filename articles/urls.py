from django.urls import path

from articles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("proceedings/", views.volume_list, name="volume_list"),
    path("proceedings/<slug:slug>/", views.volume_detail, name="volume_detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("search/", views.search, name="search"),
]
