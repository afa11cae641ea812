"""Resumption tokens: where a list stopped, in the token itself, so no session is kept.

A token holds the list's arguments and the (datestamp, article id) of the last record sent; the
next page starts after that key. A record that changes during a harvest gets a later datestamp
and so comes again at the end, never falls into a page already sent: no record is missed,
whatever editors do meanwhile, and a token never expires. Anything that does not decode to
exactly this is a badResumptionToken.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

VERSION = "1"
FIELDS = 11


class TokenError(ValueError):
    pass


@dataclass(frozen=True)
class ListArguments:
    verb: str
    metadata_prefix: str
    set_spec: str = ""
    since: datetime | None = None  # `from`, inclusive
    until: datetime | None = None  # inclusive
    # A volume set's volume, found by its slug on the first page: the pages after it hold on to
    # the volume even if an editor changes its slug during the harvest.
    volume_id: int | None = None


@dataclass(frozen=True)
class Resumption:
    arguments: ListArguments
    datestamp: datetime  # of the last record sent
    article_id: int
    cursor: int  # records sent before the next page
    total: int  # completeListSize, counted on the first page


def _stamp(value: datetime | None) -> str:
    return "" if value is None else str(int(value.timestamp()))


def _unstamp(text: str) -> datetime | None:
    return None if text == "" else datetime.fromtimestamp(int(text), tz=UTC)


def token_encode(resumption: Resumption) -> str:
    arguments = resumption.arguments
    fields = [
        VERSION,
        arguments.verb,
        arguments.metadata_prefix,
        arguments.set_spec,
        _stamp(arguments.since),
        _stamp(arguments.until),
        "" if arguments.volume_id is None else str(arguments.volume_id),
        _stamp(resumption.datestamp),
        str(resumption.article_id),
        str(resumption.cursor),
        str(resumption.total),
    ]
    return base64.urlsafe_b64encode("|".join(fields).encode()).decode().rstrip("=")


def token_decode(token: str, *, verb: str) -> Resumption:
    """The position a token stands for; TokenError for anything else, or for another verb's token."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        fields = text.split("|")
        if len(fields) != FIELDS or fields[0] != VERSION or fields[1] != verb:
            raise TokenError(token)
        _, verb, prefix, set_spec, since, until, volume_id, datestamp, article_id, cursor, total = fields
        resumption = Resumption(
            arguments=ListArguments(
                verb=verb,
                metadata_prefix=prefix,
                set_spec=set_spec,
                since=_unstamp(since),
                until=_unstamp(until),
                volume_id=int(volume_id) if volume_id else None,
            ),
            datestamp=_unstamp(datestamp),
            article_id=int(article_id),
            cursor=int(cursor),
            total=int(total),
        )
    except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError, OSError) as error:
        raise TokenError(token) from error
    if resumption.datestamp is None or min(resumption.article_id, resumption.cursor, resumption.total) < 0:
        raise TokenError(token)
    return resumption
