"""Template helpers shared by every app's pages."""

from __future__ import annotations

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def localized(obj) -> str:
    """The name of a topic or the title of a volume in the interface language, falling back to
    the other languages (a volume may have only a Kazakh title)."""
    return obj.localized_name(translation.get_language() or "kk")


@register.filter
def name_language(obj) -> str:
    """The language `localized` gives a section's title in ('' when not known): its lang attribute."""
    return obj.name_language(translation.get_language() or "kk")


@register.filter
def in_language(obj, field: str) -> str:
    """A volume's conference, place or publisher, or a topic's description, in the interface
    language where it is given (Proceedings.localized, Topic.localized), else as printed."""
    return obj.localized(field, translation.get_language() or "kk")
