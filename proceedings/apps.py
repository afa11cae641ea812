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
        oai_records_signals_connect()
        from proceedings.article_pdfs import on_file_owner_deleted  # noqa: PLC0415

        # Stored files go with what owns them: an article's PDF, a volume's source.
        for sender in ("articles.Article", "proceedings.Proceedings"):
            post_delete.connect(on_file_owner_deleted, sender=sender, dispatch_uid=f"stored_files_{sender}")
        # Every migrate (each upgrade runs one) starts the cache afresh: new code renders pages anew.
        post_migrate.connect(page_cache.invalidate_after_migrate, sender=self)


def oai_records_signals_connect() -> None:
    """The OAI-PMH records' safety net (proceedings/oai_records.py): an admin form or the shell that
    edits, deletes or renames around the services still moves the records' datestamps."""
    from proceedings import oai_records  # noqa: PLC0415 - needs the app registry

    connections = [
        (post_save, "articles.Article", oai_records.on_article_saved),
        (post_delete, "articles.Article", oai_records.on_article_deleted),
        (post_save, "authors.Authorship", oai_records.on_authorship_changed),
        (post_delete, "authors.Authorship", oai_records.on_authorship_changed),
        (post_save, "authors.Person", oai_records.on_person_saved),
        (post_save, "proceedings.Proceedings", oai_records.on_volume_saved),
        (post_delete, "proceedings.Proceedings", oai_records.on_volume_deleted),
    ]
    for signal, sender, receiver in connections:
        signal.connect(receiver, sender=sender, dispatch_uid=f"oai_records_{sender}_{receiver.__name__}")
