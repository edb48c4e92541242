"""The server's log after the other tests (conftest.py runs this module last): one line per
request, with the route, the status and the time, and none of the values the tests typed or
uploaded (names, A-numbers, narratives, exhibit titles, case titles)."""

import re

from support import assert_log_clean

LINE = re.compile(r"^(GET|POST) (/\S*) (\d{3}) [\d.]+ ms$")


def test_log_holds_no_case_value(server, typed_values):
    lines = [line for line in server.log().splitlines() if line.strip()]
    assert lines, "the server logged nothing"
    for line in lines:
        match = LINE.match(line)
        assert match, f"not a request line: {line[:80]!r}"
        assert "?" not in match.group(2), f"a query string was logged: {line[:80]!r}"
    routes = {LINE.match(line).group(2) for line in lines}
    # The routes that carry case values were used, when the tests that use them ran (test 2
    # checks the log itself once its uploads are done).
    if "Marta Muestra" in typed_values:
        assert {"/cases/{id}/documents/supportLetters-1", "/cases/{id}/documents/supportLetters-1/draft"} <= routes
    assert_log_clean(server, typed_values)
