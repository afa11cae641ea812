"""Who changed what, and when, in the admin's "History" of an article, a person or a volume.

Services record their own changes, so an edit reads the same in the history whether it came
from an admin form, the review page or the command line. The records are the admin's own
`LogEntry` rows: the history pages, "Recent actions" and permissions work unchanged.
"""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import Model

__all__ = ["ADDITION", "CHANGE", "DELETION", "change_record"]


def change_record(*, user, obj: Model, message: str, action: int = CHANGE) -> LogEntry:
    """One history row on `obj` by `user`; for DELETION call it before the object is deleted."""
    return LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=action,
        change_message=str(message),
        single_object=True,
    )
