"""Redacting secrets and user names from pasted text before it is stored or shared.

Pure text in, text out: ``redact(text)`` returns the cleaned text and, for each kind
of secret found, how many were replaced and why. Test ids and fixture names are
never changed: a value in a pytest node id (``test_x[token=abc]``) is left alone, and
only the value after a key is replaced, never the key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "<redacted>"
USER = "<user>"


@dataclass(frozen=True)
class Redaction:
    kind: str      # stable word: "url-password", "github-token", "home-directory", …
    count: int
    reason: str    # one sentence a person reads on the page


REASONS = {
    "private-key": "A PEM private key block: anyone holding it can act as its owner.",
    "url-password": "A password inside a connection URL (scheme://user:password@host).",
    "auth-header": "An Authorization, Cookie or API-key header: it logs a client in.",
    "github-token": "A GitHub access token (ghp_…, github_pat_…).",
    "slack-token": "A Slack token (xox…).",
    "aws-access-key": "An AWS access key id (AKIA…).",
    "aws-secret-key": "An AWS secret access key.",
    "jwt": "A JSON Web Token: it usually grants access until it expires.",
    "secret-value": "The value of a password, token, secret or API-key setting.",
    "home-directory": "A user name in a home-directory path; the rest of the path is kept.",
}

_PEM_BEGIN = re.compile(r"-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY-----")
_PEM_END = re.compile(r"-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY-----")
# scheme://user:password@host: only the password goes.
_URL_PASSWORD = re.compile(
    r"(?P<head>(?<![a-zA-Z0-9+.\-])[a-zA-Z][a-zA-Z0-9+.\-]{0,30}://[^\s/:@'\"<>]{0,256}:)(?P<value>[^\s@/'\"]{1,256})(?=@)"
)
_HEADER = re.compile(
    r"(?P<head>(?P<q>['\"]?)\b(?:proxy-authorization|authorization|set-cookie|cookie|x-api-key|x-auth-token)"
    r"(?P=q)\s*:\s*)(?P<value>'[^'\n]*'|\"[^\"\n]*\"|[^\n]+)",
    re.IGNORECASE,
)
_GITHUB = re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})")
_SLACK = re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")
_AWS_KEY = re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")
_AWS_SECRET = re.compile(
    r"(?P<head>(?i:aws_?secret_?(?:access_?)?key)['\"]?\s*[:=]\s*['\"]?)(?P<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"
)
_JWT = re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
# key = value, key: value, "key": "value"; the key may carry a prefix (db_password, API_KEY).
_SECRET_VALUE = re.compile(
    r"(?P<head>(?P<q>['\"]?)(?<![A-Za-z0-9_.-])(?P<key>[A-Za-z0-9_.-]{0,40}?(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|"
    r"access[_-]?key|private[_-]?key|client[_-]?secret))(?P=q)[ \t]*(?:=|:(?!//))[ \t]*)"
    r"(?P<value>'[^'\n]*'|\"[^\"\n]*\"|[^\s'\",;&)\]}]+)",
    re.IGNORECASE,
)
_HOME_POSIX = re.compile(r"(?P<head>/(?:home|Users)/)(?P<user>[^/\s<>'\"\\:]+)(?=/)")
_HOME_WINDOWS = re.compile(r"(?P<head>\b[A-Za-z]:(?:\\{1,2}|/)(?i:users)(?:\\{1,2}|/))(?P<user>[^\\/\s<>'\":]+)(?=\\|/)")
_SHARED_HOMES = {"shared", "public", "default", "all users", "<user>", "runner"}

# Values that name no secret: Python objects, placeholders, references to elsewhere.
_NOT_A_SECRET = re.compile(
    r"""^(?:['"]?(?:none|null|true|false|nil|\*+|x+|<[^>]*>?|\$\{?[\w.]+\}?|%\(?\w+\)?s?|\{\w*\}|\.\.\.|…)['"]?
        |['"]{2}
        |[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+(?:\(.*)?     # settings.DB_PASSWORD, os.environ.get(
        |[A-Za-z_]\w*\(.*                              # a call
        |(?:str|bytes|int|bool|float|Any|SecretStr|Optional\[.*|Union\[.*)   # a type annotation
        |<.*)$""",
    re.IGNORECASE | re.VERBOSE,
)


def redact(text: str) -> tuple[str, list[Redaction]]:
    """``text`` with secrets masked and home-directory user names replaced, and what was done."""
    counts: dict[str, int] = {}

    def bump(kind: str) -> None:
        counts[kind] = counts.get(kind, 0) + 1

    def pem(text: str) -> str:
        """Each BEGIN … END PRIVATE KEY block's body masked (a scan, not a backtracking regex)."""
        out, position = [], 0
        for begin in _PEM_BEGIN.finditer(text):
            if begin.start() < position:
                continue
            end = _PEM_END.search(text, begin.end())
            if end is None:
                break
            out.append(text[position:begin.end()])
            if text[begin.end():end.start()].strip() != MASK:
                bump("private-key")
            out.append(f"\n{MASK}\n")
            position = end.start()
        out.append(text[position:])
        return "".join(out)

    def value_only(kind: str, *, check_value: bool = False):
        def replace(match: re.Match) -> str:
            value = match.group("value")
            bare = value.strip("'\"")
            if bare.startswith(MASK) or bare == "" or (check_value and _NOT_A_SECRET.match(value.strip())):
                return match.group(0)
            if check_value and _inside_node_id(match):
                return match.group(0)
            bump(kind)
            quote = value[0] if value[:1] in "'\"" and value[-1:] == value[0] and len(value) > 1 else ""
            return f"{match.group('head')}{quote}{MASK}{quote}"
        return replace

    def whole(kind: str):
        def replace(match: re.Match) -> str:
            bump(kind)
            return MASK
        return replace

    def home(match: re.Match) -> str:
        if match.group("user").lower() in _SHARED_HOMES:
            return match.group(0)
        bump("home-directory")
        return f"{match.group('head')}{USER}"

    text = pem(text)
    text = _URL_PASSWORD.sub(value_only("url-password"), text)
    text = _HEADER.sub(value_only("auth-header"), text)
    text = _GITHUB.sub(whole("github-token"), text)
    text = _SLACK.sub(whole("slack-token"), text)
    text = _AWS_SECRET.sub(value_only("aws-secret-key"), text)
    text = _AWS_KEY.sub(whole("aws-access-key"), text)
    text = _JWT.sub(whole("jwt"), text)
    text = _SECRET_VALUE.sub(value_only("secret-value", check_value=True), text)
    text = _HOME_POSIX.sub(home, text)
    text = _HOME_WINDOWS.sub(home, text)
    return text, [Redaction(kind, counts[kind], REASONS[kind]) for kind in REASONS if kind in counts]


def merge(*groups: list[Redaction]) -> list[Redaction]:
    """One list of redactions from several texts' lists, counts added per kind."""
    counts: dict[str, int] = {}
    for group in groups:
        for item in group:
            counts[item.kind] = counts.get(item.kind, 0) + item.count
    return [Redaction(kind, counts[kind], REASONS.get(kind, "")) for kind in REASONS if kind in counts]


def _inside_node_id(match: re.Match) -> bool:
    """True when the match sits inside a pytest node id or parametrize id (names are never changed)."""
    text = match.string
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    word_start = max(line_start, text.rfind(" ", line_start, start) + 1, text.rfind("\t", line_start, start) + 1)
    word = text[word_start:start]
    return "::" in word or "[" in word and "]" not in word[word.rfind("["):]
