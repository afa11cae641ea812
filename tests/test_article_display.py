from articles.models import Article


def test_untitled_article_shows_first_words_of_text():
    words = [f"сөз{n}" for n in range(20)]
    article = Article(title=None, body=" ".join(words))
    assert article.display_title == " ".join(words[:12]) + "…"
    assert article.has_title is False


def test_titled_article_prefers_display_form_of_caps_title():
    article = Article(title="ЖАСАНДЫ ИНТЕЛЛЕКТ", title_display="Жасанды интеллект", body="...")
    assert article.display_title == "Жасанды интеллект"
