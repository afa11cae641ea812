"""Reading the site's error answers back in tests."""

from __future__ import annotations

import html
import re

ERROR_REASON = re.compile(r'<section class="error-page">\s*<h1>[^<]*</h1>\s*<p>(.*?)</p>', re.S)


def error_reason(response) -> tuple[int, str]:
    """(status, the reason the page or JSON gives) of an error answer."""
    if response["Content-Type"].startswith("application/json"):
        return response.status_code, response.json()["error"]
    match = ERROR_REASON.search(response.content.decode())
    assert match, "not one of the site's error pages"
    return response.status_code, html.unescape(match.group(1))
