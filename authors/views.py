"""The author index and an author's page. Reads come from authors.selectors; each page has a
JSON twin (`?format=json`) built by authors.twins from the same objects."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from authors import selectors, twins
from authors.models import Role
from proceedings.site.http import moved_permanently, paginate, render_page

PEOPLE_PER_PAGE = 50
ALL = "all"  # `?letter=all`: the whole index in alphabet order
ARTICLES_PER_PAGE = 10
COAUTHORS_PER_PAGE = 24


def author_index(request: HttpRequest) -> HttpResponse:
    """One letter of the index, or everyone (`?letter=all`); without `?letter=` the first
    letter that has people."""
    letters = selectors.author_index_letters()
    counts = {item.letter: item.count for item in letters}
    counts[ALL] = sum(counts.values())
    if request.GET.get("letter") == ALL:
        letter = ALL
    elif "letter" in request.GET:
        letter = selectors.index_letter_parse(request.GET["letter"])
        if letter is None:
            raise Http404(_("There is no such letter in the index."))
    else:
        letter = next((item.letter for item in letters if item.count), None)
    listed = selectors.author_index_people(letter=None if letter == ALL else letter or "")
    people = selectors.CountedQuerySet(listed, counts.get(letter or "", 0))
    page = paginate(request, people, per_page=PEOPLE_PER_PAGE)
    context = {
        "letters": letters,
        "letter_groups": selectors.index_letter_groups(letters),
        "letter": letter,
        "all_letters": ALL,
        "total": counts[ALL],
        "page": page,
        "nav": "authors",
    }
    return render_page(
        request,
        "authors/index.html",
        context,
        json=lambda: twins.author_index_json(letters=letters, letter=letter, page=page),
    )


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = selectors.person_for_page(slug=slug)
    if person is None:
        # The page of a record merged into this one, or an address before a new slug.
        if moved := selectors.person_moved_to(slug=slug):
            return moved_permanently(request, "author_detail", moved)
        raise Http404(_("No published author has this address."))
    articles = paginate(
        request, selectors.person_article_list(person=person, role=Role.AUTHOR), per_page=ARTICLES_PER_PAGE
    )
    supervised = paginate(
        request,
        selectors.person_article_list(person=person, role=Role.SUPERVISOR),
        per_page=ARTICLES_PER_PAGE,
        param="supervised_page",
    )
    coauthors = paginate(
        request,
        selectors.person_coauthors(person=person),
        per_page=COAUTHORS_PER_PAGE,
        param="coauthors_page",
    )
    details = selectors.person_details(person=person)
    topics = list(selectors.person_topics(person=person))
    context = {
        "person": person,
        "variants": selectors.person_name_variants(person),
        "details": details,
        "articles": articles,
        "supervised": supervised,
        "coauthors": coauthors,
        "topics": topics,
        "nav": "authors",
    }
    return render_page(
        request,
        "authors/detail.html",
        context,
        json=lambda: twins.author_detail_json(
            person=person,
            details=details,
            articles=articles,
            supervised=supervised,
            coauthors=coauthors,
            topics=topics,
        ),
    )
