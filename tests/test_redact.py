"""Secrets and user names leave pasted text before it is stored; names of tests and fixtures stay."""
import pytest

from analyzer.redact import MASK, Redaction, merge, redact
from tests.scaling import assert_about_linear


def kinds(found):
    return {r.kind: r.count for r in found}


@pytest.mark.parametrize(
    "raw, secret, kind",
    [
        ("DATABASE_URL=postgresql://app:s3cr3t-pw@db:5432/app", "s3cr3t-pw", "url-password"),
        ("engine = create_async_engine('postgresql+asyncpg://bob:hunter2@127.0.0.1/test')", "hunter2", "url-password"),
        ("redis://:r3dis-pass@localhost:6379/0", "r3dis-pass", "url-password"),
        ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github-token"),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github_pat_11ABCDEFG0123456789", "github-token"),
        ("SLACK=xoxb-1234567890-abcdefghij", "xoxb-1234567890-abcdefghij", "slack-token"),
        ("key AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE", "aws-access-key"),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
         "aws-secret-key"),
        ("auth eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
         "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "jwt"),
        ("api_key=abc123def456", "abc123def456", "secret-value"),
        ("E   AssertionError: token = 'tok-998877'", "tok-998877", "secret-value"),
        ('{"password": "pa55word!"}', "pa55word!", "secret-value"),
        ("DB_PASSWORD: correcthorse", "correcthorse", "secret-value"),
        ("client_secret=shhh-very-secret", "shhh-very-secret", "secret-value"),
        ("Authorization: Bearer abc.def.ghi", "Bearer abc.def.ghi", "auth-header"),
        ("headers = {'Authorization': 'Basic dXNlcjpwYXNz', 'Accept': 'json'}", "dXNlcjpwYXNz", "auth-header"),
        ("Cookie: session=abcdef; csrftoken=123", "session=abcdef", "auth-header"),
        ("File \"/home/alice/proj/tests/test_db.py\", line 3", "alice", "home-directory"),
        ("/Users/bob.smith/work/app/conftest.py:12: in db", "bob.smith", "home-directory"),
        (r"C:\Users\carol\proj\tests\test_x.py:5: RuntimeError", "carol", "home-directory"),
        (r"'C:\\Users\\dave\\proj\\x.py'", "dave", "home-directory"),
    ],
)
def test_each_kind_is_redacted(raw, secret, kind):
    text, found = redact(raw)
    assert secret not in text
    assert kinds(found).get(kind, 0) >= 1, (text, found)
    assert all(isinstance(r, Redaction) and r.reason for r in found)


def test_home_directory_keeps_the_rest_of_the_path():
    text, _ = redact("/home/alice/proj/tests/test_db.py:3 and C:\\Users\\alice\\proj\\x.py")
    assert text == "/home/<user>/proj/tests/test_db.py:3 and C:\\Users\\<user>\\proj\\x.py"


def test_url_keeps_user_and_host():
    text, found = redact("postgresql://app:s3cr3t@db:5432/app")
    assert text == f"postgresql://app:{MASK}@db:5432/app"
    assert kinds(found) == {"url-password": 1}


def test_pem_private_key_body_goes():
    key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabcdef\n-----END RSA PRIVATE KEY-----"
    text, found = redact(f"before\n{key}\nafter")
    assert "MIIEowIBAAKCAQEA7" not in text and "abcdef" not in text
    assert text.startswith("before\n-----BEGIN RSA PRIVATE KEY-----") and text.endswith("-----END RSA PRIVATE KEY-----\nafter")
    assert kinds(found) == {"private-key": 1}


def test_counts_per_kind():
    raw = "password=one1\npassword=two2\nghp_abcdefghijklmnopqrstuvwxyz0123456789\n"
    _, found = redact(raw)
    assert kinds(found) == {"github-token": 1, "secret-value": 2}


@pytest.mark.parametrize(
    "raw",
    [
        "tests/test_auth.py::test_token_refresh PASSED",
        "tests/test_auth.py::test_login[password=abc] FAILED",
        "FAILED tests/test_api.py::TestSecret::test_api_key[token=xyz] - RuntimeError: boom",
        "async def test_password_reset(db_password, api_token, secret_key):",
        "@pytest_asyncio.fixture(loop_scope='session')\nasync def auth_token(client):",
        "    def client(token: str) -> Client:",
        "password = settings.DB_PASSWORD",
        "token = os.environ.get('TOKEN')",
        "api_key = None",
        "secret = <object object at 0x7f00>",
        "access_token = <app.auth.Token object at 0x7ff884dc03d0>",
        "E   RuntimeError: Task <Task pending name='Task-2' coro=<test_select_one() running at /home/<user>/t.py:5>>",
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = session\n",
        "/usr/lib/python3.11/asyncio/base_events.py:180",
        "https://example.org/path?x=1",
    ],
)
def test_names_and_ordinary_text_are_kept(raw):
    text, found = redact(raw)
    assert text == raw, found
    assert found == []


def test_redacting_twice_changes_nothing_more():
    raw = ("postgresql://u:p4ss@h/db password='x1y2z3' ghp_abcdefghijklmnopqrstuvwxyz0123456789 "
           "/home/alice/x Authorization: Bearer zzz")
    once, found = redact(raw)
    twice, again = redact(once)
    assert found and twice == once and again == []


def test_merge_adds_counts():
    _, a = redact("password=aaaa1")
    _, b = redact("password=bbbb2 /home/eve/x")
    merged = {r.kind: r.count for r in merge(a, b)}
    assert merged == {"secret-value": 2, "home-directory": 1}


def test_real_report_keeps_test_ids_and_fixture_names():
    raw = open(__file__.replace("test_redact.py", "data/web/seed_report.txt"), encoding="utf-8").read()
    text, _ = redact(raw)
    for name in ("test_job_api", "test_db", "insert_many", "asyncio_default_fixture_loop_scope"):
        assert raw.count(name) == text.count(name)


def test_a_node_id_on_an_earlier_line_does_not_protect_a_later_secret():
    text, found = redact("tests/a.py::test_x FAILED\npassword=hunter22\n")
    assert "hunter22" not in text and {r.kind for r in found} == {"secret-value"}


@pytest.mark.parametrize("head, unit, repeats", [("", "a.b-", 250_000), ("", "-----BEGIN PRIVATE KEY-----", 40_000),
                                                 ("", "eyJ-", 250_000), ("", "'password':'", 80_000),
                                                 ("x://", "a:", 500_000)])
def test_pathological_input_stays_fast(head, unit, repeats):
    assert_about_linear(redact, lambda n: head + unit * n, repeats // 4)
