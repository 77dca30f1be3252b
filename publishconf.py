"""Settings for the published site (`make publish`): absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://smallwins.example.org")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Smaller pages and stylesheets, and .gz/.br copies for the web server to send as is.
ASSETS_MINIFY = True
ASSETS_PRECOMPRESS = True

# A draft is its editor's to read: `make html` and `make devserver` write it to
# drafts/ for a preview, but on the published site anyone who guessed the address
# could read it. Empty: no draft is written (fixed_urls sees to a draft whose own
# front matter names its file).
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
