"""People and their part in articles (author or supervisor)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from authors.names import SORTABLE_NAME_LENGTH


class Role(models.TextChoices):
    AUTHOR = "author", _("Author")
    SUPERVISOR = "supervisor", _("Supervisor")


ORCID_PATTERN = r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"


# A person appears in the author index when they have an article in a published volume.
LISTED = Q(articles_as_author__gt=0) | Q(articles_as_supervisor__gt=0)


class Person(models.Model):
    display_name = models.CharField(_("name"), max_length=300)
    # Every spelling seen in print ('Узбекова Г.С.', 'Г.С. Өзбекова'): pages list them, search finds them.
    name_variants = ArrayField(
        models.CharField(max_length=300), verbose_name=_("name variants"), default=list, blank=True
    )
    match_key = models.CharField(_("matching key"), max_length=300, db_index=True)
    position = models.TextField(_("position and degree"), blank=True)
    affiliation = models.TextField(_("affiliation"), blank=True)
    orcid = models.CharField("ORCID", max_length=19, null=True, blank=True, unique=True)
    # Blank in forms only: the admin fills it from the name when an editor leaves it empty.
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    # Addresses this person's page had before (a merged record's, an old slug): they redirect here.
    former_slugs = ArrayField(
        models.SlugField(max_length=200), verbose_name=_("former slugs"), default=list, blank=True
    )
    # The author index reads these two instead of sorting names in Python: the A–Я bucket
    # ('Ә', 'Q', '#') and `authors.names.sortable_name`, digits in the C collation. The services
    # keep them in step with display_name (person_resolve, person_refresh_match_key).
    index_letter = models.CharField(_("index letter"), max_length=1, default="#", editable=False)
    sort_name = models.CharField(
        _("sortable name"), max_length=SORTABLE_NAME_LENGTH, default="", editable=False, db_collation="C"
    )
    # Articles in published volumes, per role. Counting them live means joining every authorship
    # to its volume (a quarter of a second at 100,000 people); stored, the index reads one partial
    # index. authors.services.person_refresh_article_counts keeps them: the import, the admin and
    # the `author_index_refresh` command call it.
    articles_as_author = models.PositiveIntegerField(
        _("published articles as author"), default=0, editable=False
    )
    articles_as_supervisor = models.PositiveIntegerField(
        _("published articles as supervisor"), default=0, editable=False
    )
    # Positions and affiliations as printed in the person's published articles, newest first,
    # each once: the author page shows them without reading every authorship (authors.aggregates).
    printed_positions = ArrayField(models.TextField(), default=list, editable=False)
    printed_affiliations = ArrayField(models.TextField(), default=list, editable=False)
    # Every spelling and its Latin/Cyrillic skeleton, for the people search
    # (authors.search.person_search_vector). The services that create or rename people keep it.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name"]
        indexes = [
            models.Index(
                fields=["index_letter", "sort_name", "id"], condition=LISTED, name="person_listed_index"
            ),
            # The index's "all" view: everyone in alphabet order, a page a range scan.
            models.Index(fields=["sort_name", "id"], condition=LISTED, name="person_listed_order"),
            GinIndex(fields=["search_vector"], name="person_search_vector"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(display_name=""), name="person_name_not_empty"),
            models.CheckConstraint(condition=~Q(match_key=""), name="person_match_key_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="person_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(orcid__isnull=True) | Q(orcid__regex=ORCID_PATTERN), name="person_orcid_format"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class Authorship(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="authorships", verbose_name=_("article")
    )
    # PROTECT: a person with papers is merged into another, never silently deleted with them.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="authorships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.AUTHOR)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    printed_text = models.TextField(_("as printed"), blank=True)
    # Position and affiliation at the time of this article (a student later becomes a doctor).
    position = models.TextField(_("position and degree"), blank=True)
    affiliation = models.TextField(_("affiliation"), blank=True)

    class Meta:
        verbose_name = _("authorship")
        verbose_name_plural = _("authorships")
        ordering = ["article", "role", "order"]
        # A person's newest articles first, for the related articles (articles.browse.article_related).
        indexes = [models.Index(fields=["person", "-article"], name="authorship_person_article")]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="authorship_role_valid"),
            models.CheckConstraint(condition=Q(order__gte=1), name="authorship_order_positive"),
            models.UniqueConstraint(fields=["article", "role", "order"], name="authorship_unique_order"),
            models.UniqueConstraint(fields=["article", "person", "role"], name="authorship_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class PersonTopic(models.Model):
    """A topic of a person's published articles, with how many of them carry it: the author page
    lists these instead of grouping every article of a prolific supervisor. Kept by
    authors.aggregates with the person's article counts."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="topic_counts")
    topic = models.ForeignKey("articles.Topic", on_delete=models.CASCADE, related_name="person_counts")
    articles = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("topic of a person")
        verbose_name_plural = _("topics of people")
        constraints = [models.UniqueConstraint(fields=["person", "topic"], name="person_topic_unique")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.topic_id} ({self.articles})"


class Coauthorship(models.Model):
    """Two people who share published articles (in any roles), and how many: stored both ways
    round, so the author page reads one person's rows. Kept by authors.aggregates."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="coauthorships")
    coauthor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="coauthored_with")
    articles = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("co-authorship")
        verbose_name_plural = _("co-authorships")
        constraints = [
            models.UniqueConstraint(fields=["person", "coauthor"], name="coauthorship_unique"),
            models.CheckConstraint(condition=~Q(person=F("coauthor")), name="coauthorship_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} + {self.coauthor_id} ({self.articles})"
