"""Safe messaging: the rules file is readable and cited, each rule finds its phrase
at the right place with the preferred wording, and the seed article passes."""

import re
from pathlib import Path

import pytest
import yaml

from checks.safe_messaging import RULES_FILE, RulesFileError, check_safe_messaging, load_rules
from checks.sources import Source

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content/articles/small-wins-nobody-talks-about.md"


def findings_in(text: str):
    return check_safe_messaging(
        [Source(Path("a.md"), "content/a.md", "article", text)], load_rules()
    )


@pytest.mark.parametrize(
    ("text", "rule", "level"),
    [
        ("He committed suicide in 2019.", "committed-suicide", "error"),
        ("After a failed attempt she got help.", "successful-or-failed-attempt", "error"),
        ("It was a successful suicide.", "successful-or-failed-attempt", "error"),
        ("Headlines spoke of a suicide epidemic.", "suicide-epidemic", "error"),
        ("The suicide victim was 30.", "suicide-victim", "error"),
        ("He took a lethal dose.", "method-details", "warning"),
        ("It felt like the only way out.", "suicide-as-solution", "warning"),
        ("It was just a cry for help.", "cry-for-help", "warning"),
        ("She suffers from depression.", "stigmatising-language", "warning"),
    ],
)
def test_each_rule_finds_its_phrase_with_the_preferred_wording(text, rule, level):
    [finding] = findings_in(f"---\ntitle: A\n---\n\n{text}\n")
    assert (finding.path, finding.line, finding.rule) == (
        "content/a.md",
        5,
        f"safe-messaging/{rule}",
    )
    assert finding.level == level
    assert "prefer:" in finding.message
    assert "https://" in finding.hint


def test_a_phrase_broken_across_lines_is_found_at_its_first_word():
    [finding] = findings_in("Intro.\n\nThey said he had\ncommitted\n  suicide.\n")
    assert (finding.line, finding.col) == (4, 1)
    assert "'committed suicide'" in finding.message
    assert '"died by suicide"' in finding.message


def test_whole_words_only():
    assert findings_in("A psychologist, recommitted to recovery, suffered no loss.") == []


def test_the_seed_article_passes_every_rule():
    text = SEED.read_text(encoding="utf-8")
    assert findings_in(text) == []


def test_every_rule_cites_published_guidance_and_gives_the_preferred_wording():
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    urls = {source["url"] for source in data["sources"].values()}
    assert any("reportingonsuicide.org" in url for url in urls)
    assert any("samaritans.org" in url for url in urls)
    for rule in data["rules"]:
        assert rule["sources"] and rule["instead"] and rule["why"], rule["id"]
    assert len(load_rules()) == len(data["rules"])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("sources: {a: {url: x}}\nrules:\n  - id: r\n    level: fatal\n", "level must be"),
        ("sources: {a: {url: x}}\nrules:\n  - {id: r, level: error, sources: [b]}\n", "sources"),
        ("sources: {a: {url: x}}\nrules:\n  - {id: r, level: error, sources: [a], match: ['(']}\n",
         "'match' phrases are not valid"),
        ("sources: {a: {url: x}}\nrules:\n  - {id: r, level: error, sources: [a], match: [x]}\n",
         "every rule an id, level, match, instead, why"),
        ("rules: [\n", "not valid YAML"),
    ],
)  # fmt: skip
def test_a_broken_rules_file_says_what_is_wrong(tmp_path, text, says):
    broken = tmp_path / "rules.yaml"
    broken.write_text(text)
    with pytest.raises(RulesFileError, match=re.escape(says)):
        load_rules(broken)


def test_clinical_words_used_as_adjectives_pass():
    assert findings_in("She had a depressive episode and a bipolar disorder diagnosis.") == []
