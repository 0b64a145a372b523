"""The knowledge base pages come from the rule modules: one source of truth."""
import pytest

from analyzer.rules import all_rules

RULES = all_rules()


def test_index_lists_every_pattern(client):
    response = client.get("/kb")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert RULES
    for info in RULES:
        assert f'href="/kb/{info.code}"' in html and info.name in html


@pytest.mark.parametrize("info", RULES, ids=lambda info: info.code)
def test_each_pattern_has_a_page_with_its_sections(client, info):
    response = client.get(f"/kb/{info.code}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert info.code in html and info.name in html
    for section in ("what", "why", "fix", "tradeoffs"):
        assert f'<section id="{section}">' in html
    first_words = info.kb.what.split("\n\n")[0].split("`")[0].strip()[:40]
    from markupsafe import escape

    assert str(escape(first_words)) in html
    for ref in info.kb.references:
        assert str(escape(ref.url)) in html


@pytest.mark.parametrize("info", RULES, ids=lambda info: info.code)
def test_the_name_form_redirects_to_the_code(client, info):
    response = client.get(f"/kb/{info.name}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/kb/{info.code}")
    assert client.get(f"/kb/{info.code.lower()}").status_code == 301


def test_former_names_still_resolve(client):
    for info in RULES:
        for alias in info.aliases:
            assert client.get(f"/kb/{alias}").headers["Location"].endswith(f"/kb/{info.code}")


def test_unknown_pattern_is_a_404_page(client):
    response = client.get("/kb/no-such-pattern")
    assert response.status_code == 404
    assert "knowledge-base entry" in response.get_data(as_text=True)


def test_findings_link_to_their_page(client, fake_engine):
    from tests.conftest import share, share_id

    html = client.get(f"/d/{share_id(share(client))}").get_data(as_text=True)
    assert 'href="/kb/LD001"' in html
