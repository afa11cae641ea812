"""The editors' hold on a volume's sections: an inline on the volume, a choice on the article.

Deleting a section in the inline deletes only the section: its articles stay in the volume, in
no section (Article.section is SET_NULL).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proceedings.models import Section


class SectionInline(admin.StackedInline):
    """Stacked, a few short lines a section: as a table row its nine columns made the volume's
    form half as wide again as a 1,366 px window."""

    model = Section
    fields = [
        ("position", "language"),
        "title",
        ("title_kk", "title_ru", "title_en"),
        ("printed_title", "source_line", "articles"),
    ]
    readonly_fields = ["printed_title", "source_line", "articles"]
    extra = 0
    ordering = ["position", "id"]
    formfield_overrides = {
        models.PositiveIntegerField: {
            "widget": forms.NumberInput(attrs={"class": "vIntegerField", "size": 4})
        }
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "title":  # as wide as the longest headings ('НОМИНАЦИЯ «…»')
            kwargs["widget"] = forms.TextInput(attrs={"class": "vLargeTextField"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request) -> QuerySet[Section]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=gettext_lazy("articles"))
    def articles(self, section: Section) -> int:
        return getattr(section, "article_count", 0)


def article_form_with_sections(
    form: type[forms.ModelForm], *, volume_id: int | None
) -> type[forms.ModelForm]:
    """The article's admin form with its section chosen among its volume's (`volume_id`; none
    when the article is new), and refused when it is another volume's (the article moved)."""

    class ArticleSectionForm(form):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            if "section" in self.fields:
                self.fields["section"].queryset = Section.objects.filter(proceedings_id=volume_id).order_by(
                    "position", "id"
                )

        def clean(self) -> dict:
            cleaned = super().clean()
            section, volume = cleaned.get("section"), cleaned.get("proceedings")
            volume_id = volume.pk if volume else self.instance.proceedings_id
            if section is not None and section.proceedings_id != volume_id:
                self.add_error("section", _("Choose a section of the article’s own volume, or none."))
            return cleaned

    return ArticleSectionForm
