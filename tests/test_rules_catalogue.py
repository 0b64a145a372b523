"""The catalogue of failure patterns stays honest: one rule per pattern, every page complete."""
import ast
import configparser
import re
import tomllib
from urllib.parse import urlparse

import pytest

from analyzer.model import Pattern
from analyzer.rules import KnowledgeBase, all_rules, lookup, rule_modules

RULES = all_rules()
PROSE = ("what", "why", "fix", "tradeoffs")


def by_code(info):
    return info.code


def test_every_pattern_has_exactly_one_rule():
    patterns = [info.pattern for info in RULES]
    assert sorted(patterns, key=lambda p: p.value) == sorted(Pattern, key=lambda p: p.value)


def test_codes_are_unique_and_well_formed():
    codes = [info.code for info in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"LD\d{3}", code) for code in codes), codes


def test_names_are_unique_and_are_the_pattern_values():
    names = [info.name for info in RULES]
    assert len(names) == len(set(names))
    assert set(names) == {p.value for p in Pattern}


def test_aliases_do_not_collide_with_codes_or_names():
    taken = {info.code.lower() for info in RULES} | {info.name for info in RULES}
    aliases = [alias for info in RULES for alias in info.aliases]
    assert len(aliases) == len(set(aliases))
    assert not taken & set(aliases)
    assert all(alias == alias.lower() for alias in aliases)


def test_every_module_declares_info_and_detect():
    assert len(rule_modules()) == len(RULES) == len(Pattern)
    for module in rule_modules():
        assert callable(module.detect), module.__name__
        assert module.__doc__ and module.__doc__.startswith(module.INFO.code), module.__name__


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_title_is_one_plain_line(info):
    assert info.title.strip() == info.title and info.title
    assert "\n" not in info.title and "TODO" not in info.title


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_every_section_is_filled(info):
    kb = info.kb
    assert isinstance(kb, KnowledgeBase)
    for section in PROSE + ("example",):
        text = getattr(kb, section)
        assert text.strip(), f"{info.code}: {section} is empty"
        assert "TODO" not in text, f"{info.code}: {section} is a placeholder"
    assert kb.references, f"{info.code}: no references"
    assert set(KnowledgeBase.SECTIONS) == set(PROSE) | {"example", "references"}


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_prose_is_paragraphs_with_balanced_inline_code(info):
    for section in PROSE:
        text = getattr(info.kb, section)
        assert text == text.strip(), f"{info.code}: {section} has surrounding whitespace"
        for paragraph in text.split("\n\n"):
            assert paragraph.strip(), f"{info.code}: {section} has an empty paragraph"
            assert "\n" not in paragraph, f"{info.code}: {section} has a line break inside a paragraph"
            assert paragraph.count("`") % 2 == 0, f"{info.code}: {section} has an unclosed `code` span"
    assert len(info.kb.what.split("\n\n")) <= 2, f"{info.code}: what is one or two paragraphs"


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_example_parses_as_its_language(info):
    kb = info.kb
    assert kb.example_language in ("python", "ini", "toml")
    if kb.example_language == "python":
        ast.parse(kb.example)
    elif kb.example_language == "toml":
        tomllib.loads(kb.example)
    else:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(kb.example)
        assert parser.sections(), f"{info.code}: INI example has no section"
        for line in kb.example.splitlines():
            stripped = line.strip()
            assert (not stripped or stripped.startswith(("#", ";")) or re.fullmatch(r"\[[^\]]+\]", stripped)
                    or re.fullmatch(r"[\w.-]+\s*=.*", stripped)), f"{info.code}: odd INI line {line!r}"


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_example_is_short(info):
    assert len(info.kb.example.splitlines()) <= 40


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_references_are_https_and_distinct(info):
    urls = [ref.url for ref in info.kb.references]
    assert len(urls) == len(set(urls)), f"{info.code}: duplicate reference"
    for ref in info.kb.references:
        assert ref.title.strip(), f"{info.code}: reference without a title"
        parsed = urlparse(ref.url)
        assert parsed.scheme == "https" and parsed.netloc, f"{info.code}: {ref.url}"
        assert " " not in ref.url


@pytest.mark.parametrize("info", RULES, ids=by_code)
def test_lookup_finds_each_rule_by_code_name_and_alias(info):
    assert lookup(info.code) is info
    assert lookup(info.code.lower()) is info
    assert lookup(f"  {info.code}  ") is info
    assert lookup(info.name) is info
    assert lookup(info.name.upper()) is info
    for alias in info.aliases:
        assert lookup(alias) is info


def test_lookup_answers_none_for_an_unknown_key():
    assert lookup("LD999") is None
    assert lookup("no-such-pattern") is None
    assert lookup("") is None


def test_rules_are_ordered_by_code():
    codes = [info.code for info in RULES]
    assert codes == sorted(codes)


def test_cross_references_name_existing_codes():
    codes = {info.code for info in RULES}
    for info in RULES:
        for section in PROSE:
            for mentioned in re.findall(r"\bLD\d{3}\b", getattr(info.kb, section)):
                assert mentioned in codes, f"{info.code}: {section} mentions unknown {mentioned}"


def test_fixture_loop_wider_explains_the_function_default_trap():
    """A per-test fixture is fixed by the function default; a session-cached one then hits ScopeMismatch."""
    fix = lookup("LD001").kb.fix
    assert "asyncio_default_fixture_loop_scope = function" in fix
    assert "ScopeMismatch" in fix and "LD002" in fix
