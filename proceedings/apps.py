from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "proceedings"
    verbose_name = _("Proceedings")

    def ready(self) -> None:
        from proceedings.site import page_cache  # noqa: PLC0415 - needs the app registry

        # The services invalidate the cached pages themselves; these catch a write that goes
        # around them (an admin form, the shell), so no save can leave a stale page behind.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(page_cache.invalidate_on_model_change, dispatch_uid=f"page_cache_{signal}")
        # Every migrate (each upgrade runs one) starts the cache afresh: new code renders pages anew.
        post_migrate.connect(page_cache.invalidate_after_migrate, sender=self)
