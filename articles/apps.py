from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # A cached page's citation badge and add/remove forms are filled per reader; a worker may
        # serve a cached page before it has loaded any template, so the fillers are known from start.
        from articles.templatetags import citation_tags  # noqa: PLC0415 - needs the app registry
        from proceedings.site.page_cache import hole_register  # noqa: PLC0415

        hole_register(citation_tags.BADGE_HOLE, citation_tags.citation_badges_html)
        hole_register(citation_tags.TOGGLE_HOLE, citation_tags.citation_toggles_html)
        from articles import usage_shown  # noqa: PLC0415

        hole_register(usage_shown.USAGE_HOLE, usage_shown.article_usage_html)
