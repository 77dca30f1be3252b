"""Settings for building Small Wins locally (`make html`, `make devserver`)."""

AUTHOR = "Small Wins editors"
SITENAME = "Small Wins"
SITESUBTITLE = "Noticing the small, daily wins of mental-health recovery"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Month names in English whatever the language of the machine that builds the site
# (Pelican would take the user's locale): the same commit gives the same bytes.
LOCALE = ("C.UTF-8", "C")

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "markdown_reader",
    "content_images",
    "category_pages",
    "small_wins",
    "reproducible",
    "table_of_contents",
    "resource_directory",
    "pelican.plugins.sitemap",
    "fixed_urls",
    "taxonomy_listings",
    "parallel_writer",
    # Last: writes _headers, and for publication minifies and compresses what the others wrote.
    "asset_pipeline",
    # After the asset pipeline's minifying: indexes the pages as they are published.
    "site_search",
]
MARKDOWN_IT_ALLOW_HTML = False

ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
CATEGORY_PAGES_PATH = "categories"
# Support resources: one YAML file each (see CONTRIBUTING.md). Entries checked
# longer ago than this are listed as build warnings.
RESOURCES_PATH = "resources"
RESOURCES_MAX_AGE_DAYS = 365
STATIC_PATHS = ["images"]

ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404"]
DEFAULT_PAGINATION = False
# robots.txt is a theme template (theme/templates/robots.txt).
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$", r"^robots\.txt$"]}
# Escape every value a template prints unless it is marked safe: titles and
# metadata from a pull request must never become markup.
# Each build makes a new template environment: no need to check templates for changes
# every time a page includes a partial.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}

# The site is in one language: no article is a translation of another (two at one
# address are reported by the checks, as duplicate-url). Pelican's search for
# translations compares every article with every other (0.16 s of each build at
# 5,000 articles); it also sorted them by slug, which is kept as the order of
# articles of the same date, newest first.
ARTICLE_TRANSLATION_ID = None


def newest_first(article):
    return -article.date.timestamp(), article.slug


ARTICLE_ORDER_BY = newest_first

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The crisis band on every page shows the main crisis lines of the reader's country
# (each line's file in content/resources/ says, in main_crisis_line_for, where it is
# the main one). This country's lines are shown until the reader chooses another.
CRISIS_HELP_COUNTRY = "US"
# The weekly checklist (/checklist/ and its PDFs) starts its week on "monday" or "sunday".
CHECKLIST_WEEK_START = "monday"
# The theme's stylesheets (theme/static/css/), one per component, in cascade order.
STYLESHEETS = ["site.css", "resources.css", "checklist.css", "search.css"]
# The scripts every page loads (theme/static/js/), one per component, bundled into one
# request; a page's own script (the checklist's, the directory's filters) stays apart.
SCRIPTS = ["exit-this-page.js", "navigation.js", "crisis-band.js", "site-search.js"]

# One policy for the <meta> tag, the _headers file and the nginx config: nothing
# from another origin, nothing inline but the search form's rules for fetching the
# search page ahead, allowed by their hash (plugins/site_search: AHEAD_RULES).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'sha256-nkTiZgl/seh4LV1LlYHgTWgTPJvUkwq70HlgvjYbQyg='; "
    "style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
# "Edit this page" on every page and resource entry links to the file's edit view at
# this repository (GitHub's form: REPOSITORY_URL/edit/REPOSITORY_BRANCH/content/...).
# Empty: no such link.
REPOSITORY_URL = ""
REPOSITORY_BRANCH = "main"
# Where the quick exit takes a reader: a neutral site that reveals nothing.
EXIT_URL = "https://www.bbc.co.uk/weather"
