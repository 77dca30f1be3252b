"""The search bundle kept between builds (CACHE_PATH/search/): Pagefind writes only
the files it lacks there, and what it is given from there cannot lie: a build with
it is byte for byte a build without it, a damaged or stray file is written again,
and a site already published keeps its own bundle while the next one is written."""

from __future__ import annotations

import json

from site_search.index import MANIFEST, Record, write_index

SERVICE = Record(
    "/resources/#a-line", "A line", "Talk to someone.", "Crisis lines", {"country": ["Ireland"]}
)


def write_site(folder, texts: dict[str, str]) -> list[str]:
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<html><body><main><h1>{name}</h1><p>{text}</p></main>")
    return list(texts)


def bundle_bytes(bundle) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def fresh_bundle(tmp_path, texts: dict[str, str]) -> dict[str, bytes]:
    """The bundle of a site indexed with nothing kept."""
    site = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    site.mkdir()
    return bundle_bytes(write_index(site, write_site(site, texts), [SERVICE]))


TEXTS = {"a/index.html": "Saying no.", "b/index.html": "A walk outside.", "c/index.html": "Rest."}


def test_a_build_from_the_kept_bundle_is_the_build_without_it(tmp_path):
    kept = tmp_path / "cache" / "search"
    expected = fresh_bundle(tmp_path, TEXTS)
    for run in ("cold", "warm", "warmer"):
        (tmp_path / run).mkdir()
        pages = write_site(tmp_path / run, TEXTS)
        assert bundle_bytes(write_index(tmp_path / run, pages, [SERVICE], kept)) == expected, run
    assert (kept / MANIFEST).is_file()


def test_a_changed_or_deleted_page_leaves_nothing_of_it_in_the_kept_bundle(tmp_path):
    kept = tmp_path / "cache" / "search"
    (tmp_path / "first").mkdir()
    write_index(tmp_path / "first", write_site(tmp_path / "first", TEXTS), [SERVICE], kept)
    changed = {"a/index.html": "Saying yes.", "b/index.html": "A walk outside."}
    (tmp_path / "second").mkdir()
    pages = write_site(tmp_path / "second", changed)
    bundle = write_index(tmp_path / "second", pages, [SERVICE], kept)
    assert bundle_bytes(bundle) == fresh_bundle(tmp_path, changed)
    kept_files = {p.relative_to(kept).as_posix() for p in kept.rglob("*.pf_*")}
    assert kept_files == {name for name in bundle_bytes(bundle) if ".pf_" in name}


def test_a_damaged_or_stray_kept_file_is_written_again(tmp_path):
    kept = tmp_path / "cache" / "search"
    (tmp_path / "first").mkdir()
    write_index(tmp_path / "first", write_site(tmp_path / "first", TEXTS), [SERVICE], kept)
    fragment = sorted((kept / "fragment").iterdir())[0]
    fragment.write_bytes(fragment.read_bytes()[:10])  # cut short, as by a crash
    (kept / "fragment" / "en_0000000.pf_fragment").write_bytes(b"not Pagefind's")
    (kept / "pagefind-entry.json").write_text("")
    (tmp_path / "second").mkdir()
    pages = write_site(tmp_path / "second", TEXTS)
    bundle = write_index(tmp_path / "second", pages, [SERVICE], kept)
    assert bundle_bytes(bundle) == fresh_bundle(tmp_path, TEXTS)
    assert not (kept / "fragment" / "en_0000000.pf_fragment").exists()


def test_a_damaged_manifest_makes_the_bundle_again(tmp_path):
    kept = tmp_path / "cache" / "search"
    (tmp_path / "first").mkdir()
    write_index(tmp_path / "first", write_site(tmp_path / "first", TEXTS), [SERVICE], kept)
    (kept / MANIFEST).write_text('["not", "a manifest"')  # cut short
    fragment = sorted((kept / "fragment").iterdir())[0]
    fragment.write_bytes(b"damaged while no manifest vouched for it")
    (tmp_path / "second").mkdir()
    pages = write_site(tmp_path / "second", TEXTS)
    assert bundle_bytes(write_index(tmp_path / "second", pages, [SERVICE], kept)) == fresh_bundle(
        tmp_path, TEXTS
    )


def test_the_published_site_keeps_its_bundle_while_the_next_is_written(tmp_path):
    kept = tmp_path / "cache" / "search"
    (tmp_path / "live").mkdir()
    live = write_index(tmp_path / "live", write_site(tmp_path / "live", TEXTS), [SERVICE], kept)
    published = bundle_bytes(live)
    (tmp_path / "next").mkdir()
    changed = {**TEXTS, "a/index.html": "Saying yes, and more words than before."}
    write_index(tmp_path / "next", write_site(tmp_path / "next", changed), [SERVICE], kept)
    assert bundle_bytes(live) == published
    entry = json.loads((live / "pagefind-entry.json").read_text())
    assert all(
        (live / f"pagefind.{about['hash']}.pf_meta").is_file()
        for about in entry["languages"].values()
    )
