"""Writing OAI-PMH responses with lxml (xml.etree cannot put the OAI namespace as the default one
beside unqualified attributes, and lxml writes a page of records several times faster)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from lxml import etree as ET  # noqa: N812 - the ElementTree API, under its usual name

from articles.oai.metadata import RecordData

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


# Characters XML 1.0 cannot carry (a PDF's form feed or vertical tab in an abstract): left out, or
# lxml would refuse the whole page.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str | None) -> str | None:
    return None if text is None else NOT_XML.sub("", text)


def utc(value: datetime) -> str:
    """A datestamp as the protocol writes it: UTC, whole seconds, a Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{OAI}}}{tag}", attributes)
    element.text = xml_text(text)
    return element


def envelope(*, now: datetime, base_url: str, arguments: Mapping[str, str]) -> ET.Element:
    """The response's root with its date and the request echoed: the arguments only when they were
    valid (the protocol asks for none after badVerb and badArgument)."""
    root = ET.Element(
        f"{{{OAI}}}OAI-PMH",
        {f"{{{XSI}}}schemaLocation": f"{OAI} {OAI_SCHEMA}"},
        nsmap={None: OAI, "xsi": XSI},
    )
    _sub(root, "responseDate", utc(now))
    _sub(root, "request", base_url, **dict(arguments))
    return root


def error(root: ET.Element, code: str, message: str) -> None:
    _sub(root, "error", message, code=code)


def verb_element(verb: str) -> ET.Element:
    """A verb's answer, built apart and added to the envelope once complete (an error found
    half-way then leaves nothing of it behind)."""
    return ET.Element(f"{{{OAI}}}{verb}", nsmap={None: OAI})


def record_element(parent: ET.Element) -> ET.Element:
    return _sub(parent, "record")


def identify(parent: ET.Element, *, name: str, base_url: str, admin_email: str, earliest: datetime) -> None:
    for tag, text in (
        ("repositoryName", name),
        ("baseURL", base_url),
        ("protocolVersion", "2.0"),
        ("adminEmail", admin_email),
        ("earliestDatestamp", utc(earliest)),
        ("deletedRecord", "persistent"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    ):
        _sub(parent, tag, text)


def metadata_format(parent: ET.Element) -> None:
    element = _sub(parent, "metadataFormat")
    _sub(element, "metadataPrefix", "oai_dc")
    _sub(element, "schema", OAI_DC_SCHEMA)
    _sub(element, "metadataNamespace", OAI_DC)


def set_element(parent: ET.Element, *, spec: str, name: str) -> None:
    element = _sub(parent, "set")
    _sub(element, "setSpec", spec)
    _sub(element, "setName", name)


def header(
    parent: ET.Element, *, identifier: str, datestamp: datetime, set_specs: Iterable[str], deleted: bool
) -> None:
    element = _sub(parent, "header", **({"status": "deleted"} if deleted else {}))
    _sub(element, "identifier", identifier)
    _sub(element, "datestamp", utc(datestamp))
    for spec in set_specs:
        _sub(element, "setSpec", spec)


def dublin_core(parent: ET.Element, data: RecordData, *, site_url: str) -> None:
    """The record's `oai_dc:dc`, paths made absolute on `site_url`."""
    metadata = _sub(parent, "metadata")
    dc = ET.SubElement(
        metadata,
        f"{{{OAI_DC}}}dc",
        {f"{{{XSI}}}schemaLocation": f"{OAI_DC} {OAI_DC_SCHEMA}"},
        nsmap={"oai_dc": OAI_DC, "dc": DC},
    )
    for item in data.elements:
        language = {f"{{{XML}}}lang": item.lang} if item.lang else {}
        element = ET.SubElement(dc, f"{{{DC}}}{item.name}", language)
        element.text = xml_text(site_url + item.value if item.is_path else item.value)


def resumption_token(parent: ET.Element, token: str, *, total: int, cursor: int) -> None:
    element = _sub(parent, "resumptionToken", completeListSize=str(total), cursor=str(cursor))
    element.text = token or None


def serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
