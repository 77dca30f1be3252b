"""The search as built: the index covers exactly the pages the build wrote, the
words of crisis are read from their file, and only /search/ may run WebAssembly
(its <meta> tag, `_headers` and the nginx sample alike)."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys

import cbor2
import pytest
import site_search.index
from markdown_reader.errors import ContentError
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from site_search import AHEAD_RULES, ahead_rules_source, crisis_words, search_policy
from site_search.index import (
    AHEAD,
    CHUNKS_OF_META,
    Record,
    bundle_bytes,
    read_bundle_file,
    write_ahead_list,
    write_index,
)

from pelicanconf import CONTENT_SECURITY_POLICY
from tests.conftest import ROOT
from tests.performance.site_pages import page_paths

SEARCH_POLICY = search_policy(CONTENT_SECURITY_POLICY)
UNLISTED = {"/", "/404.html", "/search/", "/archives/", "/categories/", "/tags/"}


def meta_policy(page) -> str:
    html = HTMLParser(page.read_text(encoding="utf-8"))
    return html.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]


def indexed_count(bundle) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_the_search_policy_adds_only_webassembly():
    assert SEARCH_POLICY.count("'wasm-unsafe-eval'") == 1
    assert SEARCH_POLICY.replace(" 'wasm-unsafe-eval'", "") == CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in SEARCH_POLICY and "'unsafe-inline'" not in SEARCH_POLICY


def test_the_one_inline_rule_set_is_allowed_by_its_hash_alone(real_site):
    (script_sources,) = re.findall(r"script-src ([^;]*)", CONTENT_SECURITY_POLICY)
    assert script_sources.split() == ["'self'", ahead_rules_source()]
    form = HTMLParser((real_site / "index.html").read_text(encoding="utf-8")).css_first(
        "form[data-site-search]"
    )
    assert form.attributes["data-search-ahead-rules"] == AHEAD_RULES
    assert json.loads(AHEAD_RULES) == {
        "prefetch": [
            {"where": {"selector_matches": "a[data-search-ahead]"}, "eagerness": "immediate"}
        ]
    }


def test_the_files_every_first_search_needs_are_listed_to_be_fetched_ahead(tmp_path):
    service = Record("/resources/#a-line", "A line", "Words and more words.", "Crisis lines")
    (tmp_path / "site").mkdir()
    bundle = write_index(tmp_path / "site", [], [service])
    files = json.loads((bundle / AHEAD).read_text())["files"]
    (meta,) = bundle.glob("*.pf_meta")
    (chunk,) = bundle.glob("index/*.pf_index")
    assert files == [meta.name, "wasm.en.pagefind", f"index/{chunk.name}"]
    assert all((bundle / name).is_file() for name in files)
    kept_bundle = write_index(tmp_path / "site", [], [service], kept=tmp_path / "kept")
    assert json.loads((kept_bundle / AHEAD).read_text())["files"] == files
    # A bigger index is fetched chunk by chunk, as a query needs them.
    data = read_bundle_file(meta)
    data[CHUNKS_OF_META] = [*data[CHUNKS_OF_META], ["x", "z", "en_0000000"]]
    meta.write_bytes(bundle_bytes(data))
    write_ahead_list(bundle)
    assert json.loads((bundle / AHEAD).read_text())["files"] == [meta.name, "wasm.en.pagefind"]


def test_only_the_search_page_may_run_webassembly(real_site):
    assert meta_policy(real_site / "search/index.html") == SEARCH_POLICY
    others = [page for page in real_site.rglob("*.html") if page.parent.name != "search"]
    assert len(others) >= 10
    for page in others:
        assert meta_policy(page) == CONTENT_SECURITY_POLICY, page
    headers = (real_site / "_headers").read_text()
    assert f"\n/search/*\n  Content-Security-Policy: {SEARCH_POLICY}; frame-ancestors 'none'\n" in (
        headers
    )
    assert headers.count("wasm-unsafe-eval") == 1


def test_the_nginx_sample_sends_the_same_two_policies():
    config = (ROOT / "deploy/nginx/small-wins.conf").read_text()
    (block,) = re.findall(r"map \$uri \$small_wins_csp \{(.*?)\}", config, re.S)
    policies = dict(re.findall(r'^\s*"?([^"\s]+)"?\s+"([^"]+)";', block, re.M))
    assert policies == {
        "~^/search/": f"{SEARCH_POLICY}; frame-ancestors 'none'",
        "default": f"{CONTENT_SECURITY_POLICY}; frame-ancestors 'none'",
    }


def test_every_page_and_service_is_indexed_and_listed_without_javascript(real_site):
    index = HTMLParser((real_site / "search/index.html").read_text(encoding="utf-8"))
    listed = {link.attributes["href"] for link in index.css(".site-index a")}
    services = {link for link in listed if link.startswith("../resources/") and "#" in link}
    assert len(services) >= 10
    # Every page but the lists of other pages (home, archives, tags) and this one.
    pages = {
        ".." + path
        for path in page_paths(real_site)
        if path not in UNLISTED and not path.startswith("/tag/")
    }
    assert len(pages) >= 10 and pages <= listed, pages - listed
    # Each page above, each service and each win of the checklist is a result of its own.
    checklist = HTMLParser((real_site / "checklist/index.html").read_text(encoding="utf-8"))
    wins = checklist.css('th.checklist-grid__win a[href*="#"]')
    assert wins
    assert indexed_count(real_site / "pagefind") == len(pages) + len(services) + len(wins)
    assert not list((real_site / "pagefind").glob("pagefind-ui*")), "the unused UI is left out"


def test_a_page_the_build_did_not_write_is_not_indexed(tmp_path):
    for name in ("kept/index.html", "deleted-since/index.html"):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(f"<html><body><main><h1>{name}</h1><p>Words.</p></main>")
    service = Record("/resources/#a-line", "A line", "Words and more words.", "Crisis lines")
    bundle = write_index(tmp_path, ["kept/index.html"], [service])
    assert indexed_count(bundle) == 2
    assert not (tmp_path / "deleted-since" / "pagefind").exists()


def test_a_site_too_large_for_a_list_of_names_is_indexed_from_links(tmp_path, monkeypatch):
    linked = []
    real = site_search.index.linked_pages
    monkeypatch.setattr(site_search.index, "linked_pages", lambda *a: linked.append(a) or real(*a))
    # Pagefind refuses a glob of 4,500 names of 40 characters (it compiles it whole).
    names = [f"{number:04d}-{'x' * 24}/index.html" for number in range(4500)]
    for name in [*names, "deleted-since/index.html"]:
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text("<html><body><main><p>Words.</p></main>")
    service = Record("/resources/#a-line", "A line", "Words and more words.", "Crisis lines")
    bundle = write_index(tmp_path, names, [service])
    assert indexed_count(bundle) == len(names) + 1
    assert len(linked) == 1, "from a folder of links"
    assert not list(tmp_path.parent.glob(".search-*")), "the links are removed"


def test_a_page_named_with_glob_characters_is_indexed_alone(tmp_path):
    # Pagefind is given the written pages as one glob pattern: their names are literal.
    for name in ("odd {name}, [1]/index.html", "odd n/index.html", "odd-name/index.html"):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(f"<html><body><main><h1>{name}</h1><p>Words.</p></main>")
    service = Record("/resources/#a-line", "A line", "Words and more words.", "Crisis lines")
    bundle = write_index(tmp_path, ["odd {name}, [1]/index.html"], [service])
    assert indexed_count(bundle) == 2
    assert not (bundle / "records").exists(), "the records' pages are not published"


def test_the_index_is_written_into_the_site_alone(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    service = Record("/resources/#a-line", "A line", "Words and more words.", "Crisis lines")
    write_index(tmp_path / "site", [], [service])
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert {path.name for path in tmp_path.iterdir()} == {"site", "elsewhere"}


def test_filters_are_written_in_the_same_order_by_every_run(tmp_path):
    values = ["Wales", "Ireland", "Canada", "Australia", "United States", "New Zealand"]
    services = [
        Record(f"/resources/#{n}", f"Line {n}", "Words.", "Crisis lines", {"country": [value]})
        for n, value in enumerate(values)
    ]
    runs = []
    for run in ("first", "second", "third"):
        (tmp_path / run).mkdir()
        bundle = write_index(tmp_path / run, [], services)
        runs.append({p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*.pf_*")})
    assert runs[0] == runs[1] == runs[2]
    (filter_file,) = [name for name in runs[0] if name.parts[0] == "filter"]
    name, country = cbor2.loads(gzip.decompress(runs[0][filter_file]).removeprefix(b"pagefind_dcd"))
    assert (name, [value for value, _ in country]) == ("country", sorted(values))


def test_a_record_leads_to_its_address_with_its_filters(tmp_path):
    # Commas, quotes and markup in a value are the value's own, not Pagefind's syntax.
    service = Record(
        "/resources/#a-line", 'A "line", <b>open</b>', "Talk to someone, any time.", "Crisis lines",
        {"country": ["Korea, Republic of", "Ireland"], "kind": ["Crisis line"]},
    )  # fmt: skip
    (tmp_path / "site").mkdir()
    bundle = write_index(tmp_path / "site", [], [service])
    (fragment,) = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (bundle / "fragment").iterdir()
    ]
    assert fragment["meta"] == {
        "url": "/resources/#a-line", "title": 'A "line", <b>open</b>', "section": "Crisis lines",
    }  # fmt: skip
    assert fragment["filters"] == {
        "country": ["Korea, Republic of", "Ireland"],
        "kind": ["Crisis line"],
    }
    assert fragment["content"] == "Talk to someone, any time."
    assert not any(tmp_path.glob(".search-pages-*")), "the folder given to Pagefind is gone"


def test_the_words_of_crisis_are_read_from_their_file(tmp_path):
    words = crisis_words()
    assert "suicide" in words and "self harm" in words
    assert all(word == word.lower().strip() for word in words)
    broken = tmp_path / "crisis-words.yaml"
    broken.write_text("words:\n  - suicide\n  - 'self harm\n")
    with pytest.raises(ContentError) as error:
        crisis_words(broken)
    assert re.match(r"plugins/site_search/crisis-words\.yaml:\d+: error: ", str(error.value))
    assert error.value.hint
    broken.write_text("- suicide\n")
    with pytest.raises(ContentError, match="expected a list of words under 'words:'"):
        crisis_words(broken)


# scripts/build.py with an index that fails after the build went on to check the pages.
INDEX_FAILS = """
import runpy, sys, time
sys.path.insert(0, {plugins!r})
import site_search

def fail(*args):
    time.sleep(0.5)
    raise OSError(28, "No space left on device", "pagefind")

site_search.write_index = fail
sys.argv = [{script!r}, *sys.argv[1:]]
runpy.run_path({script!r}, run_name="__main__")
"""


def test_an_index_that_fails_while_the_pages_are_checked_fails_the_build(
    make_site, fixture_settings, tmp_path
):
    settings = fixture_settings(make_site())
    command = ["--settings", str(settings), "--output", str(tmp_path / "output")]
    script = str(ROOT / "scripts/build.py")
    good = subprocess.run([sys.executable, script, *command], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    before = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    failing = INDEX_FAILS.format(plugins=str(ROOT / "plugins"), script=script)
    result = subprocess.run(
        [sys.executable, "-c", failing, *command], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    assert after == before


def test_a_page_is_found_by_its_own_words_not_those_of_the_pages_it_links(make_site, build_site):
    first = "---\ntitle: Morning walks\ndate: 2025-01-03\ncategory: Coping\nsummary: Out.\n---\n"
    second = "---\ntitle: Evening tea\ndate: 2025-01-04\ncategory: Coping\nsummary: In.\n---\n"
    output = build_site(
        make_site(
            {
                "articles/walks.md": first + "## Going out\n\nA walk at dawn.\n",
                "articles/tea.md": second + "## Brewing\n\nA cup at dusk.\n\n## After\n\nRest.\n",
            }
        )
    )
    contents = {}
    for path in (output / "pagefind" / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        contents[fragment["url"]] = fragment["content"]
    tea = contents["/evening-tea/"]
    assert "A cup at dusk." in tea and "Brewing" in tea
    # Not its neighbour's title (the pager), its contents list, date or reading time.
    assert "Morning walks" not in tea and "Previous" not in tea
    assert tea.count("Brewing") == 1 and "Contents" not in tea and "minute read" not in tea
    # A category page by its own text, not its articles' titles and summaries.
    coping = contents["/category/coping/"]
    assert "Intro." in coping
    assert "Evening tea" not in coping and "Out." not in coping
