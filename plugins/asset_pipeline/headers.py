"""The HTTP headers every response of the site carries, in one place.

The `_headers` file (read by static hosts such as Netlify and Cloudflare Pages)
is written from here at build time, and the nginx test checks that the shipped
nginx config sends exactly these headers: neither can drift from the
CONTENT_SECURITY_POLICY setting that the pages' <meta> tag uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# No page of the site needs any of these powerful features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_NONE = "no-store"
# Files whose name stays while their content may change, used within minutes of
# being fetched ahead (Pagefind's script, WebAssembly, list of files and index chunks).
CACHE_FIVE_MINUTES = "max-age=300"
# Open data any website may read in a browser (CORS): public files, sent without
# cookies, so nothing of a reader's goes with them.
OPEN_TO_EVERY_SITE = {"Access-Control-Allow-Origin": "*"}


def security_headers(content_security_policy: str) -> dict[str, str]:
    """Headers for every response. `frame-ancestors` works only in a header (a
    <meta> policy with it makes browsers log an error), so it is added here:
    no other site may frame these pages."""
    return {
        "Content-Security-Policy": f"{content_security_policy}; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY",
        # A site that opened this one in a window keeps no hold on it: it cannot send
        # the reader's tab somewhere else while they read.
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def headers_file(
    content_security_policy: str,
    immutable_paths: Iterable[str],
    page_policies: Mapping[str, str] | None = None,
    open_data_paths: Iterable[str] = (),
    unstored_paths: Iterable[str] = (),
) -> str:
    """The `_headers` file: security headers for every path, a page's own policy
    where `page_policies` gives one (after the rule for every path: for a header
    both rules set, the later one's value is served), and a year-long cache for
    each fingerprinted file (listed one by one: hosts merge the headers of every
    matching rule, so a wildcard would clash), and the open data readable by any
    website (`open_data_paths`), and pages no browser may keep on disk
    (`unstored_paths`: a shared computer's next user could read them there)."""
    lines = ["/*"]
    lines += [
        f"  {name}: {value}" for name, value in security_headers(content_security_policy).items()
    ]
    for path, policy in sorted((page_policies or {}).items()):
        own = security_headers(policy)["Content-Security-Policy"]
        lines += [path, f"  Content-Security-Policy: {own}"]
    lines += immutable_rules(immutable_paths)
    for path in sorted(open_data_paths):
        lines += [path, *(f"  {name}: {value}" for name, value in OPEN_TO_EVERY_SITE.items())]
    for path in sorted(unstored_paths):
        lines += [path, f"  Cache-Control: {CACHE_NONE}"]
    return "\n".join(lines) + "\n"


def immutable_rules(paths: Iterable[str]) -> list[str]:
    """Lines of `_headers` caching each of `paths` for a year (files named after their content)."""
    return cache_rules(paths, CACHE_IMMUTABLE)


def cache_rules(paths: Iterable[str], cache_control: str) -> list[str]:
    """Lines of `_headers` sending `cache_control` for each of `paths`."""
    rule = f"  Cache-Control: {cache_control}"
    return [line for path in sorted(paths) for line in (path, rule)]
