"""The site served as deploy/nginx/small-wins.conf serves it, by Debian's nginx on
127.0.0.1 (HTTPS with HTTP/2 and a certificate made for the run, and plain HTTP),
for the tests of the sample and for the benchmark's phone."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_SITE = ROOT / "deploy/nginx/small-wins.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INSTALL_HINT = "run `make test`, which installs Debian's nginx and libnginx-mod-http-brotli-static"


class NginxFailed(RuntimeError):
    """nginx is missing, refuses the config or does not start: the message says which."""


@dataclass(frozen=True)
class Served:
    """The ports of the site served over HTTPS and over plain HTTP, and the hash of
    the run's certificate's public key, for a browser to trust it as a reader's
    browser trusts a site (it caches only what came over a trusted connection):
    `chromium_trust_flag`."""

    https_port: int
    http_port: int
    certificate_key_hash: str = ""

    @property
    def chromium_trust_flag(self) -> str:
        return f"--ignore-certificate-errors-spki-list={self.certificate_key_hash}"

    @property
    def https(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def plain_http(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"


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
        if count != 1:
            raise NginxFailed(f"the shipped config needs one line matching {pattern!r}")
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


def public_key_hash(certificate: Path) -> str:
    """Base64 of the SHA-256 of the certificate's public key (its SPKI), as Chromium's
    --ignore-certificate-errors-spki-list takes it."""
    public_key = subprocess.run(
        ["openssl", "x509", "-in", str(certificate), "-pubkey", "-noout"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"],
        input=public_key, check=True, capture_output=True,
    ).stdout  # fmt: skip
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def world_readable_copy(site: Path) -> Path:
    """nginx's workers run as `nobody`: they need every folder on the way open."""
    folder = Path(tempfile.mkdtemp(prefix="small-wins-nginx-"))
    folder.chmod(0o755)
    copy = folder / "site"
    shutil.copytree(site, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


@contextlib.contextmanager
def served(site: Path):
    """Serve `site` (a folder nginx's workers can read) until the block ends."""
    if not Path(NGINX).exists():
        raise NginxFailed(f"nginx not found: {INSTALL_HINT}")
    if not BROTLI_MODULE.exists():
        raise NginxFailed(
            f"nginx's brotli_static module not found at {BROTLI_MODULE}: {INSTALL_HINT}"
        )
    work = Path(tempfile.mkdtemp(prefix="small-wins-nginx-run-"))
    try:
        https_port, http_port = free_port(), free_port()
        config = nginx_config(work, site, http_port, https_port)
        ports = Served(https_port, http_port, public_key_hash(work / "certificate.pem"))
        command = [NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"]
        check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
        if check.returncode:
            raise NginxFailed(f"nginx rejects the shipped config:\n{check.stderr}")
        server = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            wait_for_port(server, ports.https_port)
            yield ports
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def wait_for_port(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.communicate(timeout=5)[0] if server.poll() is not None else ""
                raise NginxFailed(f"nginx did not start on port {port}:\n{output}") from None
            time.sleep(0.05)
