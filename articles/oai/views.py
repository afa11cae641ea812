"""The OAI-PMH 2.0 endpoint: one address, six verbs, every error the protocol names.

The view checks the arguments of each verb and answers with articles.oai.xml; records come from
articles.oai.selectors (headers) and articles.oai.metadata (Dublin Core). `noMetadataFormats`
never applies (every record has oai_dc) and `noSetHierarchy` neither (the archive has sets).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.oai import selectors, xml
from articles.oai.metadata import published_records
from articles.oai.tokens import ListArguments, Resumption, TokenError, token_decode, token_encode

PREFIX = "oai_dc"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# Arguments each verb takes: required, optional, and the one that excludes all others.
VERBS: dict[str, tuple[set[str], set[str], str]] = {
    "Identify": (set(), set(), ""),
    "ListMetadataFormats": (set(), {"identifier"}, ""),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), ""),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def repository_identifier() -> str:
    return settings.JINAQ_OAI_REPOSITORY_IDENTIFIER


def oai_identifier(article_id: int) -> str:
    """Stable whatever happens to the article's title or slug: its id never changes."""
    return f"oai:{repository_identifier()}:article/{article_id}"


def article_id_of(identifier: str) -> int:
    match = re.fullmatch(rf"oai:{re.escape(repository_identifier())}:article/([1-9]\d{{0,17}})", identifier)
    if match is None:
        raise OaiError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
    return int(match.group(1))


def site_url(request: HttpRequest) -> str:
    return settings.JINAQ_BASE_URL.rstrip("/") or request.build_absolute_uri("/").rstrip("/")


def parse_date(text: str, *, end: bool) -> tuple[datetime, str]:
    """A `from` (start of its day or second) or an `until` (end of its day) in UTC, and its granularity."""
    try:
        if SECOND.match(text):
            return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), "second"
        if DAY.match(text):
            day = datetime.strptime(text, "%Y-%m-%d").date()
            moment = datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
            return moment.replace(microsecond=0), "day"
    except ValueError:
        pass
    raise OaiError("badArgument", f"{text!r} is not a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def list_arguments(verb: str, arguments: dict[str, str]) -> ListArguments:
    since = until = None
    if "from" in arguments:
        since, since_granularity = parse_date(arguments["from"], end=False)
    if "until" in arguments:
        until, until_granularity = parse_date(arguments["until"], end=True)
    if since and until:
        if since_granularity != until_granularity:
            raise OaiError("badArgument", "`from` and `until` must have the same granularity.")
        if since > until:
            raise OaiError("badArgument", "`from` comes after `until`.")
    if arguments["metadataPrefix"] != PREFIX:
        raise OaiError("cannotDisseminateFormat", f"Only {PREFIX} is offered.")
    return ListArguments(verb, PREFIX, arguments.get("set", ""), since, until)


def record_write(parent, record, data, *, site: str, with_metadata: bool) -> None:
    """A header, and for a live record its metadata. A record whose article went since it was
    read (`data` missing) is written as deleted: the refresh will say so too."""
    deleted = record.deleted or (with_metadata and data is None)
    xml.header(
        parent,
        identifier=oai_identifier(record.article_id),
        datestamp=record.datestamp,
        set_specs=selectors.record_set_specs(record),
        deleted=deleted,
    )
    if with_metadata and not deleted:
        xml.dublin_core(parent, data, site_url=site)


def records_list(request: HttpRequest, verb: str, arguments: dict[str, str]):
    """ListIdentifiers and ListRecords: one page, and a token when more follow."""
    position: Resumption | None = None
    if "resumptionToken" in arguments:
        try:
            position = token_decode(arguments["resumptionToken"], verb=verb)
        except TokenError as error:
            raise OaiError("badResumptionToken", "The resumption token is not valid.") from error
        query = position.arguments
    else:
        query = selectors.arguments_resolved(list_arguments(verb, arguments))
    records = selectors.records_matching(query)
    after = None if position is None else (position.datestamp, position.article_id)
    size = settings.JINAQ_OAI_PAGE_SIZE
    page = [] if records is None else selectors.records_page(records, after=after, size=size)
    if not page:
        raise OaiError("noRecordsMatch", "No record matches these arguments.")
    more, page = len(page) > size, page[:size]
    with_metadata = verb == "ListRecords"
    live = published_records(r.article_id for r in page if not r.deleted) if with_metadata else {}
    answer = xml.verb_element(verb)
    site = site_url(request)
    for record in page:
        parent = xml.record_element(answer) if with_metadata else answer
        data = live.get(record.article_id)
        record_write(parent, record, data, site=site, with_metadata=with_metadata)
    if position is None and not more:
        return answer  # the whole list in one response: no token
    cursor = 0 if position is None else position.cursor
    sent = cursor + len(page)
    # Counted once, on the first page; records changed during the harvest come again at the end.
    total = max(records.count() if position is None else position.total, sent + int(more))
    token = ""
    if more:
        last = page[-1]
        token = token_encode(Resumption(query, last.datestamp, last.article_id, sent, total))
    xml.resumption_token(answer, token, total=total, cursor=cursor)
    return answer


def get_record(request: HttpRequest, verb: str, arguments: dict[str, str]):
    article_id = article_id_of(arguments["identifier"])
    if arguments["metadataPrefix"] != PREFIX:
        raise OaiError("cannotDisseminateFormat", f"Only {PREFIX} is offered.")
    record = selectors.record_get(article_id)
    if record is None:
        raise OaiError("idDoesNotExist", f"No item has the identifier {arguments['identifier']!r}.")
    answer = xml.verb_element(verb)
    data = None if record.deleted else published_records([article_id]).get(article_id)
    record_write(xml.record_element(answer), record, data, site=site_url(request), with_metadata=True)
    return answer


def identify(request: HttpRequest, verb: str, arguments: dict[str, str]):
    answer = xml.verb_element(verb)
    xml.identify(
        answer,
        name=settings.JINAQ_OAI_REPOSITORY_NAME,
        base_url=site_url(request) + request.path,
        admin_email=settings.JINAQ_OAI_ADMIN_EMAIL,
        earliest=selectors.earliest_datestamp() or timezone.now(),
    )
    return answer


def list_metadata_formats(request: HttpRequest, verb: str, arguments: dict[str, str]):
    if "identifier" in arguments and selectors.record_get(article_id_of(arguments["identifier"])) is None:
        raise OaiError("idDoesNotExist", f"No item has the identifier {arguments['identifier']!r}.")
    answer = xml.verb_element(verb)
    xml.metadata_format(answer)
    return answer


def list_sets(request: HttpRequest, verb: str, arguments: dict[str, str]):
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "The list of sets comes whole: it has no resumption tokens.")
    answer = xml.verb_element(verb)
    for item in selectors.sets_list():
        xml.set_element(answer, spec=item.spec, name=item.name)
    return answer


HANDLERS: dict[str, Callable] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": records_list,
    "ListRecords": records_list,
}
# Values the schema's request element accepts: anything else is a bad argument, not an echo.
PATTERNS = {
    "metadataPrefix": re.compile(r"^[A-Za-z0-9\-_\.!~\*'\(\)]+$"),
    "set": re.compile(r"^[A-Za-z0-9\-_\.!~\*'\(\)]+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*$"),
}


def checked_arguments(query) -> tuple[str, dict[str, str]]:
    """The verb and its arguments, each given once, none missing or foreign to the verb."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "Give one verb of OAI-PMH 2.0 (Identify, ListRecords, …).")
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    arguments = {}
    for name in query:
        values = query.getlist(name)
        if name == "verb":
            continue
        if len(values) != 1:
            raise OaiError("badArgument", f"The argument {name!r} is repeated.")
        if name not in required | optional | ({exclusive} - {""}):
            raise OaiError("badArgument", f"{verb} takes no argument {name!r}.")
        if xml.NOT_XML.search(values[0]) or (name in PATTERNS and not PATTERNS[name].match(values[0])):
            raise OaiError("badArgument", f"{values[0]!r} is not a valid {name}.")
        arguments[name] = values[0]
    if exclusive in arguments and len(arguments) > 1:
        raise OaiError("badArgument", f"{exclusive} is an exclusive argument: give it alone.")
    missing = required - set(arguments) if exclusive not in arguments else set()
    if missing:
        raise OaiError("badArgument", f"{verb} needs {', '.join(sorted(missing))}.")
    return verb, arguments


@csrf_exempt  # harvesters may POST their arguments (the protocol allows it); nothing is changed
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request: HttpRequest) -> HttpResponse:
    query = request.POST if request.method == "POST" else request.GET
    now = timezone.now()
    base_url = site_url(request) + request.path
    try:
        verb, arguments = checked_arguments(query)
        root = xml.envelope(now=now, base_url=base_url, arguments={"verb": verb, **arguments})
        try:
            root.append(HANDLERS[verb](request, verb, arguments))
        except OaiError as error:
            # badArgument from a date or a prefix: the request is then echoed without arguments.
            if error.code == "badArgument":
                raise
            xml.error(root, error.code, error.message)
    except OaiError as error:
        root = xml.envelope(now=now, base_url=base_url, arguments={})
        xml.error(root, error.code, error.message)
    return HttpResponse(xml.serialise(root), content_type="text/xml; charset=utf-8")
