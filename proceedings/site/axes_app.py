"""django-axes under a name editors read in the admin's list of sections (it has none of its own)."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignInAttemptsConfig(AppConfig):
    verbose_name = _("Sign-in attempts")
