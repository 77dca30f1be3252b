"""Site search: a /search/ page, and a Pagefind index of the site written at the
end of every build, after the asset pipeline has minified the pages.

Pagefind reads each page's <main> (the crisis band, menu and footer are on every
page) and finds each section of a page by its heading's id. Each win of the
checklist is a result of its own, leading to its section, and so is each support
service, pointing at its card on /resources/, with its kind, countries and
languages as filters. The search page loads Pagefind's script only when the reader searches,
and runs it in the page: its WebAssembly needs 'wasm-unsafe-eval', which that one page's
policy allows (a worker would run under the policy of its own response, which does not).

The words that put the crisis line first are in crisis-words.yaml, for editors.

Once a reader types in the search form of any page, site-search.js adds the rules
of AHEAD_RULES (speculation rules: the browser fetches the search page ahead and
opens it from memory on Enter) and the link they match. The rules are inline: every
page's policy allows them by their hash alone (`ahead_rules_source()`, in
pelicanconf.py's CONTENT_SECURITY_POLICY), and no other inline rules or script.

The index is written while the build goes on when the build asks for it: it gives
a list as BACKGROUND_STEPS (scripts/build.py does, and waits for the steps while it
checks the pages); otherwise the build waits for it here. The bundle is kept in
CACHE_PATH/search/ between builds, where Pagefind writes only what changed.

Settings: SEARCH_SAVE_AS (default "search/index.html"). This sets SEARCH_AHEAD_RULES
(for the form's template) and SEARCH_CONTENT_SECURITY_POLICY, adds the latter to
PAGE_CONTENT_SECURITY_POLICIES, and adds the page to UNSTORED_PATHS (both read by the
asset pipeline for `_headers`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from asset_pipeline import compressed_cache
from asset_pipeline.assets import precompress
from asset_pipeline.headers import CACHE_FIVE_MINUTES, cache_rules, immutable_rules
from markdown_reader.errors import ContentError
from pelican import signals
from pelican.generators import Generator

from .index import BUNDLE, Record, write_index

WORDS_FILE = Path(__file__).with_name("crisis-words.yaml")
SAVE_AS = "search/index.html"
# No address in them: the same rules, and so the same hash, on every page and site.
AHEAD_RULE = {"where": {"selector_matches": "a[data-search-ahead]"}, "eagerness": "immediate"}
AHEAD_RULES = json.dumps({"prefetch": [AHEAD_RULE]}, separators=(",", ":"))
# Lists of other pages, and pages with nothing of their own to find.
UNINDEXED = ("INDEX_SAVE_AS", "ARCHIVES_SAVE_AS", "CATEGORIES_SAVE_AS", "TAGS_SAVE_AS")


def search_policy(policy: str) -> str:
    """The site's policy with WebAssembly allowed for scripts: nothing inline, no eval."""
    policy, found = re.subn(r"\bscript-src ([^;]*)", r"script-src \1 'wasm-unsafe-eval'", policy)
    return policy if found else f"{policy}; script-src 'self' 'wasm-unsafe-eval'"


def ahead_rules_source() -> str:
    """The source of a policy's script-src that allows AHEAD_RULES and nothing else."""
    digest = hashlib.sha256(AHEAD_RULES.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def crisis_words(path: Path = WORDS_FILE) -> list[str]:
    """The words of crisis, in lowercase, as editors wrote them."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(
            f"plugins/site_search/{name}", mark.line + 1 if mark else 1,
            f"not readable as YAML: {getattr(error, 'problem', None) or error}",
            hint="one word or phrase per line, each starting with '  - '", rule="search",
        ) from None  # fmt: skip
    words = data.get("words") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ContentError(
            f"plugins/site_search/{name}", 1, "expected a list of words under 'words:'",
            hint="write 'words:' and then one word or phrase per line, each starting with '  - '",
            rule="search",
        )  # fmt: skip
    return [" ".join(word.lower().split()) for word in words]


def service_records(resources, addresses: dict[str, str]) -> list[Record]:
    """One result per support service: where it is, in which languages, for whom."""
    return [
        Record(
            url=f"/{addresses[resource.slug]}",
            title=resource.name,
            section=resource.kind_label,
            content=" ".join(
                [
                    resource.name,
                    resource.summary,
                    resource.kind_label,
                    "Serves " + ", ".join(resource.country_names) + ".",
                    "Languages: " + ", ".join(resource.language_names) + ".",
                ]
            ),  # fmt: skip
            filters={
                "kind": [resource.kind_label],
                "country": list(resource.country_names),
                "language": list(resource.language_names),
            },
        )
        for resource in resources
    ]


def win_records(checklist) -> list[Record]:
    """One result per win of the checklist, leading to its section of its article
    (the label on the checklist can differ from the section's heading)."""
    return [
        Record(
            url="/" + win.url.lstrip("/"),
            title=win.label,
            section="a win of the weekly checklist",
            content=f"{win.label}. {win.reminder}",
        )
        for win in checklist.wins
    ]


class SearchPageGenerator(Generator):
    """/search/: the search form and, without JavaScript, an index of the whole site.
    Runs after the other generators: every page and service is known."""

    def generate_context(self) -> None:
        self.context["search_crisis_words"] = json.dumps(crisis_words(), ensure_ascii=False)

    def generate_output(self, writer) -> None:
        save_as = self.settings.get("SEARCH_SAVE_AS", SAVE_AS)
        writer.write_file(
            save_as, self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=save_as.removesuffix("index.html"),
        )  # fmt: skip


class _Build:
    """The pages the running build wrote, to be indexed when it finishes."""

    def __init__(self) -> None:
        self.pages: set[str] = set()
        self.records: dict[str, list[Record]] = {}
        self.unindexed: set[str] = set()

    def start(self, pelican) -> None:
        settings = pelican.settings
        self.pages = set()
        self.records = {}
        self.unindexed = {settings.get(name, "") for name in UNINDEXED}
        self.unindexed |= {"404.html", settings.get("SEARCH_SAVE_AS", SAVE_AS)}

    def written(self, path, context) -> None:
        name = context.get("output_file", "")
        if name.endswith(".html") and name not in self.unindexed and "tag" not in context:
            self.pages.add(name)
        if "services" not in self.records and context.get("resources"):
            self.records["services"] = service_records(
                context["resources"], context["resource_address"]
            )
        if "wins" not in self.records and context.get("small_wins"):
            self.records["wins"] = win_records(context["small_wins"])

    def finish(self, pelican) -> None:
        site = Path(pelican.output_path)
        pages = {name for name in self.pages if (site / name).is_file()}
        records = [record for records in self.records.values() for record in records]
        settings = pelican.settings
        running = settings.get("BACKGROUND_STEPS")
        if running is None:
            index_site(site, pages, records, settings)
            return
        # Last build's bundle goes now, before the build tidies the output folder.
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
        thread = ThreadPoolExecutor(1, thread_name_prefix="search-index")
        running.append(thread.submit(index_site, site, pages, records, settings))
        thread.shutdown(wait=False)


def index_site(site: Path, pages: set[str], records: list[Record], settings) -> None:
    kept = Path(settings.get("CACHE_PATH", "cache"), "search")
    bundle = write_index(site, pages, records, kept)
    add_search_cache_rules(site / "_headers", site, bundle)
    if settings.get("ASSETS_PRECOMPRESS", False):
        for path in bundle.rglob("*"):
            precompress(path, compressed_cache(settings))


def add_search_cache_rules(headers: Path, site: Path, bundle: Path) -> None:
    """Rules of `_headers` for the search's files, written now that their names are
    known (the asset pipeline wrote the file before the index); the nginx sample
    matches the same names. Pagefind's metadata is named after its content
    (pagefind.en_<10 hex digits>.pf_meta, as long as the site's own fingerprints):
    cached for a year. Its script and WebAssembly change only with Pagefind's
    version, its list of files is asked for with a tag of the moment (?ts=) and its
    index chunks are named after their content (7 hex digits: too short for a
    year): kept five minutes, so that what site-search.js fetched while the reader
    typed serves the search page without asking the server again, and a copy from
    before a new version of Pagefind is gone soon after it is published."""
    if headers.is_file():
        paths = ["/" + path.relative_to(site).as_posix() for path in bundle.glob("*.pf_meta")]
        fixed = [
            "/" + path.relative_to(site).as_posix()
            for pattern in ("pagefind.js", "pagefind-entry.json", "wasm.*.pagefind")
            for path in bundle.glob(pattern)
        ]
        fixed.append(f"/{BUNDLE}/index/*")  # no other rule matches the folder
        rules = immutable_rules(paths) + cache_rules(fixed, CACHE_FIVE_MINUTES)
        with headers.open("a", encoding="utf-8") as file:
            file.write("".join(line + "\n" for line in rules))


_build = _Build()


def configure(pelican) -> None:
    settings = pelican.settings
    policy = search_policy(settings.get("CONTENT_SECURITY_POLICY", ""))
    settings["SEARCH_CONTENT_SECURITY_POLICY"] = policy
    settings["SEARCH_AHEAD_RULES"] = AHEAD_RULES
    # A path pattern of `_headers`: the page at /search/ and its index.html alike.
    url = "/" + settings.get("SEARCH_SAVE_AS", SAVE_AS).removesuffix("index.html") + "*"
    settings["PAGE_CONTENT_SECURITY_POLICIES"] = {
        **settings.get("PAGE_CONTENT_SECURITY_POLICIES", {}),
        url: policy,
    }
    # Without scripts the words are in the page's address (/search/?q=…): no browser
    # may keep the page on disk, where the next user of a shared computer could find it.
    settings["UNSTORED_PATHS"] = tuple(dict.fromkeys((*settings.get("UNSTORED_PATHS", ()), url)))


def add_generator(pelican):
    _build.start(pelican)  # sent once per build, also in the devserver's long-lived process
    return SearchPageGenerator


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(_build.written)
    # After the asset pipeline (listed before this plugin): the pages are minified.
    signals.finalized.connect(_build.finish)
