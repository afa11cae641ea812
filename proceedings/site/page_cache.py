"""Whole public pages for anonymous readers, cached, and stale the moment an editor changes anything.

A page is stored once for every reader of the same address, language and host — without what
differs per reader. Those parts (the citation list's badge, each article's add/remove form with
its CSRF token) are rendered as *holes*, `<!--jinaq-hole:name:arg-->` markers that no escaped
content can forge, and filled per request by the functions registered for them (articles/apps.py).

Freshness is one token in the database (proceedings.models.ContentGeneration): every service that
changes what readers see calls `page_cache_invalidate()`, which gives the token a new value once
its transaction commits; every cached page carries the token it was rendered under and is used
only while the token is unchanged. So invalidation is one UPDATE, whatever the number of pages,
and the first request after an editor's change renders afresh. The token is read before the page,
so a page rendered while a change commits is stored under the old token and never served again.

Never cached: signed-in users (editors see everything fresh, and their pages are theirs), any
method but GET/HEAD, answers other than 200, answers that set cookies, a page whose rendering read
the session (something per reader got in) or carries a CSRF token, and anything rendered on a
connection holding uncommitted changes to the content (they may yet roll back).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from proceedings.models import ContentGeneration

PAGE_CACHE = "pages"
GENERATION_ROW = 1
HOLE = re.compile(r"<!--jinaq-hole:([a-z-]+):([-\w]*)-->")
CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
# Headers the view sets that a stored page keeps; the rest (length, cookies, Vary from the
# middleware) is worked out again for every answer.
DROPPED_HEADERS = frozenset({"content-length", "set-cookie"})
CSRF_FIELD = b"csrfmiddlewaretoken"
PUNCHING = "_jinaq_punching_holes"

View = Callable[..., HttpResponse]
# A hole's filler: the request and every argument its markers on the page carry -> HTML per argument.
Filler = Callable[[HttpRequest, list[str]], dict[str, str]]
_fillers: dict[str, Filler] = {}


@dataclass(frozen=True)
class StoredPage:
    generation: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


def hole_register(name: str, filler: Filler) -> None:
    _fillers[name] = filler


def punching_holes(request: HttpRequest | None) -> bool:
    """Whether the page being rendered is for the cache: per-reader parts must be holes."""
    return bool(getattr(request, PUNCHING, False))


def hole_marker(name: str, arg: str = "") -> SafeString:
    return mark_safe(f"<!--jinaq-hole:{name}:{arg}-->")


def hole(request: HttpRequest | None, name: str, arg: str = "") -> SafeString:
    """What a template tag puts where hole `name` goes: its marker on a page rendered for the cache,
    else its content for this reader (nothing without a request)."""
    if request is None:
        return mark_safe("")
    if punching_holes(request):
        return hole_marker(name, arg)
    return mark_safe(_fillers[name](request, [arg])[arg])


def holes_fill(request: HttpRequest, content: bytes) -> bytes:
    """The HTML `content` with every hole filled for this request's reader. A marker-like string
    with no filler is left as it is: in HTML it cannot come from content (escaped), and a JSON
    twin, where a title could spell one out verbatim, is never filled."""
    text = content.decode()
    wanted: dict[str, list[str]] = {}
    for match in HOLE.finditer(text):
        if match.group(1) in _fillers:
            wanted.setdefault(match.group(1), []).append(match.group(2))
    if not wanted:
        return content
    filled = {name: _fillers[name](request, list(dict.fromkeys(args))) for name, args in wanted.items()}
    return HOLE.sub(
        lambda match: filled.get(match.group(1), {}).get(match.group(2), match.group(0)), text
    ).encode()


def _has_holes(response: HttpResponse) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def _bump_generation() -> None:
    ContentGeneration.objects.bulk_create(
        [ContentGeneration(pk=GENERATION_ROW, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )


def _bump_pending(alias: str) -> bool:
    """Whether a change to the content waits for its transaction to commit on this connection.
    Django's own list of on-commit callbacks tells: rolling back a savepoint drops the callbacks
    registered inside it, rolling back the transaction drops them all."""
    connection = connections[alias]
    return connection.in_atomic_block and any(
        callback is _bump_generation for _savepoints, callback, _robust in connection.run_on_commit
    )


def page_cache_invalidate(*, using: str | None = None) -> None:
    """Every cached public page is stale once the current transaction commits (at once outside
    one). Call it from each service that changes what readers see; cheap to call twice."""
    alias = using or router.db_for_write(ContentGeneration)
    if not _bump_pending(alias):
        transaction.on_commit(_bump_generation, using=alias)


def content_generation() -> str | None:
    """The current token; None when there is no row yet (nothing is cached then). Read from where
    the request reads its data, so a replica's token always matches its data. A plain statement:
    every page that misses the cache asks, and building the queryset cost more than the row."""
    table = ContentGeneration._meta.db_table
    with connections[router.db_for_read(ContentGeneration)].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [GENERATION_ROW])
        row = cursor.fetchone()
    return row and row[0]


def page_key(request: HttpRequest) -> str:
    """The page's identity for every anonymous reader: scheme and host (absolute links in the page),
    interface language, path and the query string as sent (it is echoed into forms' `next`)."""
    identity = "\n".join(
        [
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            request.path,
            request.META.get("QUERY_STRING", ""),
        ]
    )
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def _cache_applies(request: HttpRequest) -> bool:
    return (
        settings.JINAQ_PAGE_CACHE
        and request.method in CACHEABLE_METHODS
        and not request.user.is_authenticated
        and not _bump_pending(DEFAULT_DB_ALIAS)
    )


def _storable(response: HttpResponse, *, read_session: bool) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not read_session
        and CSRF_FIELD not in response.content
    )


def _render_with_holes(request: HttpRequest, view: View, *args, **kwargs) -> tuple[HttpResponse, bool]:
    """The view's answer with per-reader parts left as holes, and whether rendering read the session."""
    session = request.session
    accessed_before, session.accessed = session.accessed, False
    setattr(request, PUNCHING, True)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):  # a TemplateResponse (the sitemap's) renders lazily
            response.render()
    finally:
        setattr(request, PUNCHING, False)
        read_session, session.accessed = session.accessed, session.accessed or accessed_before
    return response, read_session


def _answer(request: HttpRequest, page: StoredPage) -> HttpResponse:
    response = HttpResponse(page.content, status=page.status)
    for name, value in page.headers:
        response.headers[name] = value
    if _has_holes(response):
        response.content = holes_fill(request, page.content)
    return response


def cached_page(view: View) -> View:
    """Serve `view`'s page from the page cache for anonymous readers (see the module's docstring)."""

    @wraps(view)
    def serve(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cache_applies(request):
            return view(request, *args, **kwargs)
        generation = content_generation()  # before the page's data: see the module's docstring
        if generation is None:
            return view(request, *args, **kwargs)
        cache = caches[PAGE_CACHE]
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None and stored.generation == generation:
            return _answer(request, stored)
        response, read_session = _render_with_holes(request, view, *args, **kwargs)
        if not _storable(response, read_session=read_session):
            if _has_holes(response):
                response.content = holes_fill(request, response.content)
            return response
        page = StoredPage(
            generation=generation,
            status=response.status_code,
            headers=tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in DROPPED_HEADERS
            ),
            content=response.content,
        )
        cache.set(key, page)
        return _answer(request, page)

    return serve


# What readers see is kept in these apps; of their models, these never show on a public page.
PUBLIC_APPS = frozenset({"proceedings", "articles", "authors"})
UNSEEN_MODELS = frozenset({"proceedings.importjob", "proceedings.contentgeneration"})


def invalidate_on_model_change(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_save, post_delete and m2m_changed: the safety net under the services' own calls."""
    meta = sender._meta
    if meta.app_label in PUBLIC_APPS and meta.label_lower not in UNSEEN_MODELS:
        page_cache_invalidate(using=using)


def invalidate_after_migrate(*, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    page_cache_invalidate(using=using)
