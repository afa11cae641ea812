"""What the admin's change form of an article posts back: its own initial values, with changes.

Tests that save an article "as an editor would" post this, so the form's validation and the
admin's save path (signals, services, history) run as in the browser."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Article

# Keyword lists are shown as comma-separated text; posted back as a list they would be misread.
_NO_KEYWORDS = {"keywords_kk": "", "keywords_ru": "", "keywords_en": ""}


def article_change_data(client, article: Article, **changes) -> dict:
    """The change form's data for `article` (as `client` sees it), with `changes` applied."""
    form = client.get(reverse("admin:articles_article_change", args=[article.pk])).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data |= {"topics": [], **_NO_KEYWORDS, "proceedings": article.proceedings.pk, **changes}
    return data | {"authorships-TOTAL_FORMS": "0", "authorships-INITIAL_FORMS": "0"}
