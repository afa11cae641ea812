"""Articles and the topics that group them."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


UNTITLED_FALLBACK_WORDS = 12
# The content hash of an article with no text, all header (a one-page abstract: title, names,
# abstract, keywords): several such articles of a volume share it, and none repeats another.
NO_TEXT_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256 of ""


def keyword_array(verbose_name: str) -> ArrayField:
    return ArrayField(models.CharField(max_length=300), verbose_name=verbose_name, default=list, blank=True)


class Topic(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    # The description in each language where given; `description` is shown where it is not.
    description = models.TextField(_("description"), blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Lower-case word beginnings that signal the topic in text of each language; the importer
    # assigns topics from them, editors extend them in the admin.
    stems_kk = keyword_array(_("stems (Kazakh)"))
    stems_ru = keyword_array(_("stems (Russian)"))
    stems_en = keyword_array(_("stems (English)"))
    # How many articles of published volumes carry the topic: the home page and the topic list
    # read it instead of counting the archive per request. Kept by articles.counts.
    published_articles = models.PositiveIntegerField(_("published articles"), default=0, editable=False)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_kk="") | ~Q(name_ru="") | ~Q(name_en=""), name="topic_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        """In the active language: the admin's lists, filters and pickers follow the editor's."""
        return self.name(get_language() or "kk") or self.slug

    def localized_name(self, language: str) -> str:
        return self.name(language)

    def localized(self, field: str, language: str) -> str:
        """The description in `language` where given, else the one without a language; as
        Proceedings.localized does for a volume's facts (templates' `in_language`)."""
        if field != "description":
            raise ValueError(f"{field!r} is not kept per language: only 'description' is")
        return getattr(self, f"description_{language}", "") or self.description

    def name(self, language: str = "kk") -> str:
        order = [language, *[code for code in ("kk", "ru", "en") if code != language]]
        return next(
            (getattr(self, f"name_{code}") for code in order if getattr(self, f"name_{code}", "")), ""
        )


class Article(models.Model):
    proceedings = models.ForeignKey(
        "proceedings.Proceedings",
        on_delete=models.CASCADE,
        related_name="articles",
        verbose_name=_("proceedings"),
    )
    position = models.PositiveIntegerField(_("position in the volume"))
    # Most articles in real proceedings lost their title in the PDF dump: null means "none printed",
    # and pages show a marked fallback instead of an invented title.
    title = models.TextField(_("title as printed"), null=True, blank=True)  # noqa: DJ001 - null is "none printed"
    title_display = models.TextField(_("title for display"), blank=True)
    # The title printed again in other languages (a Russian paper's English block), by language
    # code: shown under the title and searched like it, never the title itself.
    parallel_titles = models.JSONField(_("parallel titles"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    abstract_kk = models.TextField(_("abstract (Kazakh)"), blank=True)
    abstract_ru = models.TextField(_("abstract (Russian)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    keywords_kk = keyword_array(_("keywords (Kazakh)"))
    keywords_ru = keyword_array(_("keywords (Russian)"))
    keywords_en = keyword_array(_("keywords (English)"))
    body = models.TextField(_("body text"), blank=True)
    # Which paragraphs of the body are headings, tables and preformatted runs, with the
    # fingerprint of the body they were found in (proceedings.importer.structure): found at
    # import, read again from the text when shown if the body was edited since.
    body_structure = models.JSONField(
        _("structure of the body text"), default=dict, blank=True, editable=False
    )
    first_page = models.PositiveIntegerField(_("first page"), null=True, blank=True)
    last_page = models.PositiveIntegerField(_("last page"), null=True, blank=True)
    source_start_line = models.PositiveIntegerField(_("first line in the source file"))
    source_end_line = models.PositiveIntegerField(_("last line in the source file"))
    # Lines from source_start_line up to (not including) this one are the header; equal to the
    # start means "no header", source_end_line + 1 means "no body". Null for articles stored
    # before the importer recorded it.
    body_start_line = models.PositiveIntegerField(
        _("first body line in the source file"), null=True, blank=True
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    # Its own printed pages cut from the volume's PDF (proceedings.article_pdfs); empty when the
    # volume came as text. Stored under the volume's folder, served only by articles.files.
    pdf = models.FileField(_("PDF of the article"), max_length=300, blank=True, editable=False)
    pdf_pages = models.PositiveSmallIntegerField(_("pages of its PDF"), null=True, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField(
        _("size of its PDF in bytes"), null=True, blank=True, editable=False
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    # Addresses the article had before (a merged article's, an old slug): they redirect here.
    former_slugs = ArrayField(
        models.SlugField(max_length=200), verbose_name=_("former slugs"), default=list, blank=True
    )
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True, verbose_name=_("topics"))
    import_warnings = ArrayField(
        models.TextField(), verbose_name=_("importer warnings"), default=list, blank=True
    )
    # The earlier article of the volume whose text this one seems to repeat (the import found it;
    # proceedings.importer.dedupe). The copy stays an article like any other until an editor
    # removes it or says it is not a repeat (proceedings.editorial.repeats); null: not a suspected repeat.
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suspected_repeats",
        verbose_name=_("seems to repeat"),
    )
    # What an editor changed by hand in the admin (articles.hand_edits names the fields), and the
    # hand edits of articles merged into this one by the source line each began at: merge, split
    # and re-cut keep them instead of reading the source again (proceedings.editorial.hand_edits).
    hand_edited = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("edited by hand"),
        default=list,
        blank=True,
        editable=False,
    )
    merged_hand_edits = models.JSONField(
        _("hand edits of merged articles"), default=dict, blank=True, editable=False
    )
    # The volume's section it is printed under (proceedings.Section); none before the first.
    section = models.ForeignKey(
        "proceedings.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("section"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["proceedings", "position"]
        # A volume's articles in printed order, ids included: a topic's or person's page walks
        # volumes through this index alone (articles.listing), never the wide article rows.
        indexes = [
            models.Index(fields=["proceedings", "position"], include=["id"], name="article_volume_order")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(language__in=Language.values), name="article_language_valid"),
            models.CheckConstraint(condition=Q(position__gte=1), name="article_position_positive"),
            models.CheckConstraint(
                condition=Q(title__isnull=True) | ~Q(title=""), name="article_title_null_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(source_end_line__gte=F("source_start_line")) & Q(source_start_line__gte=1),
                name="article_source_lines_ordered",
            ),
            models.CheckConstraint(
                condition=Q(body_start_line__isnull=True)
                | (
                    Q(body_start_line__gte=F("source_start_line"))
                    & Q(body_start_line__lte=F("source_end_line") + 1)
                ),
                name="article_body_start_in_range",
            ),
            models.CheckConstraint(
                condition=Q(first_page__isnull=True)
                | Q(last_page__isnull=True)
                | Q(last_page__gte=F("first_page")),
                name="article_pages_ordered",
            ),
            models.CheckConstraint(
                condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"), name="article_content_hash_sha256"
            ),
            models.UniqueConstraint(fields=["proceedings", "position"], name="article_unique_position"),
            # A suspected repeat may be a word-for-word copy: it is kept until an editor decides. An
            # article with no text has nothing to repeat (NO_TEXT_HASH).
            models.UniqueConstraint(
                fields=["proceedings", "content_hash"],
                condition=Q(repeat_of__isnull=True) & ~Q(content_hash=NO_TEXT_HASH),
                name="article_unique_content",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def has_title(self) -> bool:
        return self.title is not None

    @property
    def untitled_fallback(self) -> str:
        """The first words of the text, for lists and pages of an article printed without a title.
        The text is split only as far as the word after them (a page asks for the title several
        times, and splitting a whole 10,000-character text took ~0.1 ms each time)."""
        words = self.body.split(maxsplit=UNTITLED_FALLBACK_WORDS)
        text = " ".join(words[:UNTITLED_FALLBACK_WORDS])
        if len(words) <= UNTITLED_FALLBACK_WORDS:
            return text
        return text.rstrip(".,;:!?–—- ") + "…"

    @property
    def display_title(self) -> str:
        if self.title is None:
            return self.untitled_fallback
        return self.title_display or self.title

    def people(self, role: str) -> list:
        """Authors or supervisors in printed order; uses prefetched authorships when present."""
        return [a for a in self.authorships.all() if a.role == role]

    @property
    def authors(self) -> list:
        return self.people("author")

    @property
    def supervisors(self) -> list:
        return self.people("supervisor")

    def abstracts(self) -> dict[str, str]:
        return {code: text for code in Language.values if (text := getattr(self, f"abstract_{code}"))}

    def parallel_title_list(self) -> list[tuple[str, str]]:
        """(language code, title) in the archive's language order, the article's own left out."""
        titles = self.parallel_titles or {}
        return [
            (code, text)
            for code in Language.values
            if code != self.language and isinstance(text := titles.get(code), str) and text
        ]

    def keywords(self) -> dict[str, list[str]]:
        return {code: terms for code in Language.values if (terms := getattr(self, f"keywords_{code}"))}

    def keyword_terms(self) -> list[str]:
        """Every keyword, the languages in the archive's order (kk, ru, en)."""
        return [term for terms in self.keywords().values() for term in terms]


class VolumeCounts(models.Model):
    """How many articles a volume holds, per article language, whatever its status: the volume
    list and the home page read these instead of counting every article per request (published
    totals are the sums over published volumes). Kept by articles.counts."""

    proceedings = models.OneToOneField(
        "proceedings.Proceedings", on_delete=models.CASCADE, primary_key=True, related_name="article_counts"
    )
    articles_kk = models.PositiveIntegerField(default=0)
    articles_ru = models.PositiveIntegerField(default=0)
    articles_en = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("article counts of a volume")
        verbose_name_plural = _("article counts of volumes")

    def __str__(self) -> str:
        return str(self.proceedings_id)


def weighted_part(weights: str) -> models.GeneratedField:
    """The lexemes of `document` carrying these weights, kept by PostgreSQL itself."""
    return models.GeneratedField(
        expression=models.Func(
            F("document"),
            function="ts_filter",
            template=f"%(function)s(%(expressions)s, '{{{weights}}}'::\"char\"[])",
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )


def document_word_pairs() -> Func:
    """A document's adjacent-word pairs ('~жасанды интеллект', no positions), computed by
    jinaq_word_pairs (articles migration 0014). Searches filter on this same expression, or
    PostgreSQL would not use its index."""
    return Func(F("document"), function="jinaq_word_pairs", output_field=SearchVectorField())


class SearchEntry(models.Model):
    """An article as the search sees it, in a narrow table of its own.

    The article rows are wide (the body lives inline), so ranking thousands of hits there means
    reading thousands of wide rows; these rows hold only what matching, ranking, the filters and
    the facets need. `document` holds title, keywords and people (weight A), abstracts (B) and
    body (C), each in its language's configuration, plus Latin/Cyrillic skeletons of people's
    names (other words meet the other script through SearchWord); `lead` is its A part and
    `head` its A and B part, derived by PostgreSQL so they can never disagree. The
    document's adjacent-word pairs, which find quoted phrases, live only in an index of their own.
    Written only by articles.search.index, which copies the volume, language and topics beside
    the vectors.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    proceedings = models.ForeignKey(
        "proceedings.Proceedings", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    language = models.CharField(max_length=2, choices=Language.choices)
    topics = ArrayField(models.IntegerField(), default=list)  # Topic ids, for the topic filter and facet
    document = SearchVectorField()
    lead = weighted_part("a")
    head = weighted_part("a,b")
    # The displayed title as a key that sorts in the Kazakh alphabet byte by byte (the "C"
    # collation: PostgreSQL without ICU has no Kazakh one); articles.search.ordering.
    title_key = models.CharField(max_length=100, db_collation="C", default="", editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            GinIndex(fields=["document"], name="searchentry_document_gin"),
            # The adjacent-word pairs of the document, held by this index only (articles.search.matching).
            GinIndex(document_word_pairs(), name="searchentry_pairs_gin"),
            GinIndex(fields=["head"], name="searchentry_head_gin"),
            GinIndex(fields=["lead"], name="searchentry_lead_gin"),
            # A search within some volumes (volume=, year=, a date-sorted page's window) reads
            # only their rows: the planner ANDs this with the words' GIN bitmap.
            models.Index(fields=["proceedings"], name="searchentry_volume"),
        ]

    def __str__(self) -> str:
        return str(self.article_id)


class SearchTerm(models.Model):
    """A word of the people's names and keywords in the archive, for "did you mean" suggestions.

    Kept by articles.search.index with the search vectors. Words only ever get added: a word
    an editor removed may linger, so a suggestion is checked against the index before it is
    offered.
    """

    word = models.CharField(_("word"), max_length=100, unique=True)
    skeleton = models.CharField(_("skeleton"), max_length=100)
    length = models.PositiveSmallIntegerField(_("skeleton length"))

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [models.Index(fields=["length", "skeleton"], name="searchterm_length_skeleton")]

    def __str__(self) -> str:
        return self.word


class SearchWord(models.Model):
    """A word of the archive's texts by its Latin/Cyrillic skeleton: the skeleton and a lexeme the
    documents hold for the word ('zhurnalistikanin' -> 'журналистиканың', 'produsirovana' ->
    'продюсирован', a Russian stem), for queries typed in the other script.

    Documents carry skeletons for people's names only (articles.search.document): a word typed
    in the other script is expanded through this table into the documents' own lexemes, with
    their weights (articles.search.vocabulary) — one shared vocabulary instead of a skeleton per
    distinct word in every document. Kept by articles.search.index; rows only ever get added (a
    lexeme no document holds any more matches nothing).
    """

    pk = models.CompositePrimaryKey("skeleton", "lexeme")
    # C collation: a prefix of a skeleton is a range of this index.
    skeleton = models.TextField(_("skeleton"), db_collation="C")
    lexeme = models.TextField(_("lexeme"))

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return f"{self.skeleton} {self.lexeme}"


class UsageMetric(models.TextChoices):
    VIEW = "view", _("page views")
    EXPORT = "export", _("citation exports")
    PDF = "pdf", _("PDF downloads")


class ArticleUsage(models.Model):
    """How often an article was used in one month, COUNTER-style: page views and citation exports
    by people, robots left out and a double click counted once. No address or other trace of the
    reader is stored. Written only by articles.usage, in batches."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="usage", verbose_name=_("article")
    )
    month = models.DateField(_("month"))  # its first day
    metric = models.CharField(_("metric"), max_length=10, choices=UsageMetric.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("article usage")
        verbose_name_plural = _("article usage")
        constraints = [
            models.UniqueConstraint(fields=["article", "month", "metric"], name="article_usage_once_a_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="article_usage_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.month:%Y-%m} {self.metric} {self.count}"
