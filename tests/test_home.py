import pytest

from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_volumes_only(client):
    published = ProceedingsFactory(title_kk="Жас ғалымдар әлемі 2025")
    ProceedingsFactory(title_kk="Дайындалып жатқан жинақ", status="draft")
    ArticleFactory(proceedings=published)
    stored_counts_refresh()

    response = client.get("/kk/")  # the Kazakh interface shows the Kazakh title

    assert response.status_code == 200
    assert [str(volume) for volume in response.context["volumes"]] == ["Жас ғалымдар әлемі 2025"]
    assert response.context["counts"].articles == 1
    assert "Жас ғалымдар әлемі 2025" in response.content.decode()
    assert "Дайындалып" not in response.content.decode()
