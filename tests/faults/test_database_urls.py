"""Issue 21: no command prints a password, whatever characters it holds; a URL whose password
is not percent-encoded where it must be is refused with one line saying how to encode it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOST = "127.0.0.1:1"  # nothing listens on port 1: every connection is refused at once
LATER_AT = ' (or an "@" after the host is not written %40)'
ENCODE_HINT = 'urllib.parse.quote(password, safe="") does it)'


def run(*args: str) -> tuple[int, str, str]:
    from tracker.cli import cli

    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("password", "raw", "codes"),
    [
        ("a?b", '"?"' + LATER_AT, "%3F for ?"),
        ("a/b", '"/"' + LATER_AT, "%2F for /"),
        ("a#b", '"#"' + LATER_AT, "%23 for #"),
        ("50%off", '"%"', "%25 for %"),
        ("p@ss/w?rd", '"/" and "?"' + LATER_AT, "%2F for /, %3F for ?"),
        ("p@ss/w?r%d", '"/" and "?" and "%"' + LATER_AT, "%2F for /, %3F for ?, %25 for %"),
    ],
)
def test_a_password_that_must_be_encoded_is_refused_with_how(
    password: str, raw: str, codes: str
) -> None:
    url = f"postgresql+psycopg://lifter:{password}@{HOST}/gym"
    expected = (
        f"Error: the database URL's user or password holds a raw {raw}, which makes the URL "
        f"ambiguous: percent-encode it ({codes}; {ENCODE_HINT}\n"
    )
    for command in (["db", "path"], ["session", "list"], ["log", "leg press", "10x100"]):
        assert run("--db", url, *command) == (3, "", expected)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://lifter@db.example/gym?application_name=me@home",
        "postgresql+psycopg://db.example/gym?application_name=me@home",
        "postgresql+psycopg://lifter:pw@db.example/gym?application_name=me%40home",
        "postgresql+psycopg://lifter:pw@/gym?host=/var/run/postgresql",
    ],
)
def test_an_at_sign_or_slash_outside_the_password_is_no_password(url: str) -> None:
    code, out, _ = run("--db", url, "db", "path")
    assert code == 0 and out == url.replace(":pw@", ":***@") + "\n"


def test_a_nul_in_the_url_is_refused() -> None:
    # psycopg's connection string ends at a NUL: the port after it was lost and the default
    # server was tried instead.
    url = f"postgresql+psycopg://lifter:a%00b@{HOST}/gym"
    assert run("--db", url, "session", "list") == (
        3,
        "",
        "Error: the database URL holds a NUL character (%00): remove it\n",
    )


def pieces(secret: str) -> set[str]:
    """The secret and every piece of it four characters or longer."""
    found = {secret}
    for start in range(len(secret)):
        found.update(secret[start:end] for end in range(start + 4, len(secret) + 1))
    return found


BASELINE: dict[str, str] = {}


def shown(url: str) -> str:
    """What `db path` and a failing connection print for ``url``."""
    _, path, _ = run("--db", url, "db", "path")
    code, out, err = run("--db", url, "session", "list")
    assert code == 3 and out == "" and err.count("\n") == 1, err
    return path + err


passwords = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"), min_size=1
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(password=passwords, in_query=st.booleans())
def test_no_output_holds_a_password_or_a_piece_of_it(password: str, in_query: bool) -> None:
    pytest.importorskip("psycopg")

    def url(secret: str) -> str:
        if in_query:
            return f"postgresql+psycopg://lifter@{HOST}/gym?password={secret}"
        return f"postgresql+psycopg://lifter:{secret}@{HOST}/gym"

    encoded = quote(password, safe="")
    rest_of_url = url("")
    # The text every password gets (a fixed one's output): a piece found there is no leak.
    baseline = BASELINE.setdefault(url(""), shown(url("QZQZQZ")))
    output = shown(url(encoded))
    leaks = [
        piece
        for piece in pieces(password) | pieces(encoded)
        if piece in output and piece not in rest_of_url and piece not in baseline
    ]
    assert not leaks, output
