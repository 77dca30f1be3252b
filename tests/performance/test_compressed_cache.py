"""`make publish`'s compressed copies come from the cache only when they unpack to
exactly the file's bytes; a damaged copy in the cache is made again."""

from __future__ import annotations

import gzip

import brotli
from asset_pipeline.pipeline import precompress_site


def test_kept_copies_are_used_only_when_they_unpack_to_the_file(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "a").mkdir(parents=True)
    page = site / "a/index.html"
    page.write_text("<p>Small wins count.</p>\n" * 40)
    assert precompress_site(site, cache) == 2
    cold = {suffix: (site / f"a/index.html{suffix}").read_bytes() for suffix in (".gz", ".br")}
    assert gzip.decompress(cold[".gz"]) == brotli.decompress(cold[".br"]) == page.read_bytes()
    kept = sorted(cache.iterdir())
    assert [path.suffix for path in kept] == [".br", ".gz"]

    for path in kept:  # damaged, and a valid copy of other bytes
        path.write_bytes(b"not compressed")
    kept[1].write_bytes(gzip.compress(b"other bytes"))
    assert precompress_site(site, cache) == 2
    for suffix, data in cold.items():
        assert (site / f"a/index.html{suffix}").read_bytes() == data
        assert (cache / f"{kept[0].stem}{suffix}").read_bytes() == data, "made whole again"

    page.write_text("<p>Changed.</p>\n" * 40)
    precompress_site(site, cache)
    assert gzip.decompress((site / "a/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "a/index.html.br").read_bytes()) == page.read_bytes()
