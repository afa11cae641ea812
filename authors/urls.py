from django.urls import path

from authors import views

urlpatterns = [
    path("", views.author_index, name="author_index"),
    path("<slug:slug>/", views.author_detail, name="author_detail"),
]
