"""Reading OAI-PMH responses back, each validated against the official schemas (schemas/README.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
# The schemas name each other by their official addresses; the tests read the copies here.
LOCAL_COPIES = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": "oai_dc.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}
# Both namespaces in one schema: the OAI-PMH envelope takes its metadata "strict", so the
# oai_dc records inside are checked against oai_dc.xsd too.
DRIVER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  {
    "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{location}"/>'
        for namespace, location in (
            ("http://www.openarchives.org/OAI/2.0/", "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"),
            ("http://www.openarchives.org/OAI/2.0/oai_dc/", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
        )
    )
}
</xs:schema>"""
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class LocalSchemas(etree.Resolver):
    def resolve(self, system_url, public_id, context):
        name = LOCAL_COPIES.get(system_url)
        return None if name is None else self.resolve_filename(str(SCHEMAS / name), context)


@cache
def oai_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.fromstring(DRIVER.encode(), parser))


def validated(content: bytes) -> etree._Element:
    """The response's root, once the schemas accept it (an AssertionError says why not)."""
    root = etree.fromstring(content)
    schema = oai_schema()
    assert schema.validate(root), schema.error_log.filter_from_errors()
    return root


def oai_get(client, **arguments) -> etree._Element:
    response = client.get("/oai", arguments)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return validated(response.content)


def errors(root) -> list[str]:
    return [element.get("code") for element in root.findall("oai:error", NS)]


def identifiers(root) -> list[str]:
    return [element.text for element in root.iterfind(".//oai:header/oai:identifier", NS)]


def token(root):
    return root.find(".//oai:resumptionToken", NS)


def dublin_core(root) -> list[tuple[str, str, str | None]]:
    """(element, text, xml:lang) of the first record's oai_dc, in order."""
    dc = root.find(".//oai_dc:dc", NS)
    return [(etree.QName(element).localname, element.text, element.get(XML_LANG)) for element in dc]
