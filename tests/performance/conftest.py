"""Fixtures for the performance, privacy and server tests: the real site served
by Debian's nginx with the shipped config, and one walk of every page in Chromium
that records what each page requested and complained about."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from asset_pipeline.pipeline import precompress_site

from tests.performance.site_pages import BUDGET_REPORT, page_paths

ROOT = Path(__file__).resolve().parents[2]
NGINX_SITE = ROOT / "deploy/nginx/small-wins.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INSTALL_HINT = "run `make test`, which installs Debian's nginx and libnginx-mod-http-brotli-static"
# Records every security-policy violation a page reports, before any script of its own runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


def pytest_terminal_summary(terminalreporter) -> None:
    """Each page's bytes, printed after the run whether the budget test passed or not."""
    if BUDGET_REPORT:
        terminalreporter.section("page budget (gzip bytes: HTML + CSS + JS)")
        for line in BUDGET_REPORT:
            terminalreporter.write_line(line)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(work: Path, site: Path, http_port: int, https_port: int) -> Path:
    """The shipped site config inside a main config whose pid, logs and temp
    files all live in `work`, listening on 127.0.0.1 (plain HTTP on `http_port`,
    HTTPS on `https_port` with a certificate made for the run) and serving `site`."""
    certificate, key = work / "certificate.pem", work / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    replacements = {
        r"listen\s+80;": f"listen 127.0.0.1:{http_port};",
        r"listen\s+443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        r"root\s+[^;]+;": f"root {site};",
        r"ssl_certificate\s+[^;]+;": f"ssl_certificate {certificate};",
        r"ssl_certificate_key\s+[^;]+;": f"ssl_certificate_key {key};",
    }
    server = NGINX_SITE.read_text()
    for pattern, replacement in replacements.items():
        server, count = re.subn(rf"^(\s*){pattern}", rf"\g<1>{replacement}", server, flags=re.M)
        assert count == 1, f"the shipped config needs one line matching {pattern!r}"
    (work / "small-wins.conf").write_text(server)
    temp_paths = "\n".join(
        f"  {kind}_temp_path {work / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = work / "nginx.conf"
    main.write_text(
        f"load_module {BROTLI_MODULE};\n"
        f"pid {work / 'nginx.pid'};\n"
        f"error_log {work / 'error.log'} warn;\n"
        "worker_processes 1;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        "  default_type application/octet-stream;\n"
        f"{temp_paths}\n"
        f"  include {work / 'small-wins.conf'};\n"
        "}\n"
    )
    return main


def world_readable_copy(site: Path) -> Path:
    """nginx's workers run as `nobody`: they need every folder on the way open."""
    folder = Path(tempfile.mkdtemp(prefix="small-wins-nginx-"))
    folder.chmod(0o755)
    copy = folder / "site"
    shutil.copytree(site, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


@pytest.fixture(scope="session")
def nginx_site(real_site):
    """The real site with the .gz and .br copies `make publish` adds, readable by nginx."""
    site = world_readable_copy(real_site)
    precompress_site(site)
    for path in site.rglob("*.[gb][zr]"):
        path.chmod(0o644)
    yield site
    shutil.rmtree(site.parent, ignore_errors=True)


@dataclass(frozen=True)
class Nginx:
    """The base URLs of the site served over HTTPS and of its plain HTTP server."""

    https: str
    plain_http: str


@pytest.fixture(scope="session")
def nginx(nginx_server) -> str:
    """The base URL of the real site over HTTPS (with a certificate of the run's own)."""
    return nginx_server.https


@pytest.fixture(scope="session")
def nginx_server(nginx_site):
    """Debian's nginx serving the real site with deploy/nginx/small-wins.conf."""
    if not Path(NGINX).exists():
        pytest.fail(f"nginx not found: {INSTALL_HINT}")
    if not BROTLI_MODULE.exists():
        pytest.fail(f"nginx's brotli_static module not found at {BROTLI_MODULE}: {INSTALL_HINT}")
    work = Path(tempfile.mkdtemp(prefix="small-wins-nginx-run-"))
    http_port, port = free_port(), free_port()
    config = nginx_config(work, nginx_site, http_port, port)
    command = [NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx rejects the shipped config:\n{check.stderr}"
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.communicate(timeout=5)[0] if server.poll() is not None else ""
                    pytest.fail(f"nginx did not start on port {port}:\n{output}")
                time.sleep(0.05)
        yield Nginx(f"https://127.0.0.1:{port}", f"http://127.0.0.1:{http_port}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


@dataclass
class Visit:
    url: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


@dataclass
class Walk:
    origin: str
    visits: dict[str, Visit]
    cookies: list[dict]


def record_console_error(visit: Visit, message) -> None:
    if message.type != "error":
        return
    url = message.location.get("url", "")
    if visit.status == 404 and url == visit.url and "404" in message.text:
        return  # Chromium reports the missing page's own status, which is expected
    visit.console_errors.append(f"{message.text} ({url})")


@pytest.fixture(scope="session")
def walk(browser, nginx, nginx_site) -> Walk:
    """Every page of the real site, and one missing address (the 404 page), opened
    in Chromium from nginx, each recording its requests, console errors and
    content-security-policy violations."""
    context = browser.new_context(ignore_https_errors=True)  # the run's own certificate
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    visits: dict[str, Visit] = {}
    current: list[Visit] = []
    page.on("request", lambda request: current[-1].requests.append(request.url))
    page.on("console", lambda message: record_console_error(current[-1], message))
    page.on("pageerror", lambda error: current[-1].console_errors.append(str(error)))
    for path in [*page_paths(nginx_site), "/no-such-page/deeper/"]:
        if path == "/404.html":
            continue  # shown at a missing address instead
        visit = Visit(nginx + path, status=404 if path.startswith("/no-such-page/") else None)
        current.append(visit)
        response = page.goto(visit.url, wait_until="load")
        visit.status = response.status if response else None
        visit.csp_violations = page.evaluate("window.__cspViolations")
        visits[path] = visit
    cookies = context.cookies()
    context.close()
    return Walk(nginx, visits, cookies)
