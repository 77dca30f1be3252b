"""The one definition of a resource file: a JSON Schema (Draft 2020-12), as data.

Everything about a field is said once, here, and read from here by every consumer:

- the build validates each file against `resource_schema()` (schema.py), and words its
  errors from the annotations: `x-problem` (what is wrong, `{value}` being the value
  written), `x-hint` (how to fix it), `x-required-hint` (on an object: how to add a
  missing field), `x-empty` (on an object that needs one of its fields);
- `description` is the field's line in CONTRIBUTING.md's table and the words an
  editor's editor shows (json_schema.py writes both, and resources.schema.json);
- `x-hsds` says where a field goes in the HSDS 3.0 export: a list of the `table.column`s
  it is copied to as it is (hsds.py copies it there), or, for a field kept in more than
  one column or as an attribute, a sentence saying how.

What a schema cannot say (ISO codes that exist, regions inside the listed countries,
dates not in the future, the rules of a main crisis line, an official source, a chat
or help page on the service's own domain) are the named checks after validation, in
schema.py. No Pelican import here.
"""

from __future__ import annotations

from functools import cache

SUMMARY_MAX = 200
NAME_MAX = 120
# Page order: the crisis services come first.
KINDS = {
    "crisis line": "Crisis lines",
    "text line": "Crisis text lines",
    "chat": "Crisis chat",
    "peer support": "Peer support",
    "treatment finder": "Treatment finders",
    "treatment centre": "Treatment centres",
    "information": "Information",
}
CRISIS_KINDS = {"crisis line", "text line", "chat"}
COSTS = ("free", "paid", "insurance")
OPEN_ALWAYS = "24/7"
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# E.164 (+ country code, up to 15 digits) or a national short code such as 988 or 116123.
DIALABLE = r"^(?:\+[1-9]\d{6,14}|\d{3,8})$"
# The host is a name (no [ ] of an IPv6 address, which no service gives as its site).
URL = r"^https?://[^\s/?#\[\]]+\.[^\s/?#\[\]]+(?:[/?#]\S*)?$"
# An address the site sends readers to (a website, a chat) is https:// only: over
# http://, anyone on the reader's network could change the page and the number on it.
# A source, the page editors checked, may still be http://: it is a citation.
HTTPS_URL = "^https://" + URL.removeprefix("^https?://")
EMAIL = r"^[^\s@]+@[^\s@]+\.[^\s@]+$"
LANGUAGE_TAG = r"^([a-z]{2,3})(?:-([A-Z]{2}|[A-Za-z0-9]{4,8}))?$"
REGION = r"^([A-Z]{2})-[A-Z0-9]{1,3}$"
COUNTRY = r"^[A-Z]{2}$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"
DOMAIN = r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$"

NO_CONTACT_HINT = (
    "a service is listed only with a way to reach it that its official page gives: "
    "if none could be verified, leave the service out of the directory"
)
WEB_HINT = (
    "copy the full address from your browser's address bar: it starts with https:// "
    "(with http://, the page could be changed on its way to the reader)"
)
DIAL_HINT = (
    'write + country code and digits only, e.g. "+18009506264", or a short code such as "988"'
)


# fmt: off
def _schema(schema: dict, description: str = "", **more) -> dict:
    """`schema` with its description and annotations: x_hint=… is written "x-hint"."""
    words = {"description": description} if description else {}
    return {**schema, **words, **{key.replace("_", "-") if key.startswith("x_") else key: value
                                  for key, value in more.items()}}


def _text(description: str = "", **more) -> dict:
    # A number written where text is expected is read as written (display: 988).
    return _schema({"type": ["string", "integer"], "minLength": 1}, description, **more)


def _pattern(pattern: str, problem: str, hint: str, description: str = "", **more) -> dict:
    return _schema({"type": "string", "pattern": pattern}, description,
                   x_problem=f"'{{value}}' {problem}", x_hint=hint, **more)


def _choice(choices: list[str], what: str, description: str = "", **more) -> dict:
    return _schema({"type": "string", "enum": choices}, description,
                   **{"x_problem": f"'{{value}}' is not a known {what}", **more})


def _number(description: str, **more) -> dict:
    # 988 may be written unquoted: a whole number is dialled as written.
    return _schema({"anyOf": [{"type": "integer", "minimum": 0},
                              _pattern(DIALABLE, "is not a dialable number", DIAL_HINT)]},
                   description, x_problem="'{value}' is not a dialable number",
                   x_hint=DIAL_HINT, **more)


def _one_or_list(name: str, item: dict, example: str, description: str, **more) -> dict:
    """A list of values; one value may stand alone (`countries: US`)."""
    many = _schema({"type": "array", "items": item, "minItems": 1},
                   x_problem="must be a list with at least one value",
                   x_hint=f"write the values in brackets, e.g. {name}: [{example}]")
    return _schema({"anyOf": [item, many]}, description, **more)


def _object(properties: dict, required: tuple[str, ...] = (), description: str = "",
            **more) -> dict:
    return _schema({"type": "object", "properties": properties, "required": list(required),
                    "additionalProperties": False}, description, **more)


def _web(description: str, hsds: str | list[str]) -> dict:
    return _pattern(HTTPS_URL, "is not a web address starting with https://", WEB_HINT,
                    description, x_hsds=hsds)


def _country(hint: str = "use two capital letters, e.g. US, CA, GB, IE, AU") -> dict:
    return _pattern(COUNTRY, "is not an ISO 3166 country code", hint)


def _opening_times() -> dict:
    clock = _pattern(CLOCK, "is not a time of day",
                     'write it on the 24-hour clock in quotes, e.g. "09:30" or "22:00"')
    day = _choice([day.title() for day in DAYS] + list(DAYS), "day",
                  x_problem="'{value}' is not a day",
                  x_hint="write the day's full name, e.g. Monday")
    days = {"anyOf": [day, _schema({"type": "array", "items": day, "minItems": 1},
                                   x_problem="lists no day",
                                   x_hint="write the days, e.g. [Monday, Friday]")]}
    return _object({"days": days, "from": clock, "until": clock}, ("days", "from", "until"),
                   x_required_hint='each opening time has days, from and until, e.g. '
                   'from: "10:00"')


def _hours() -> dict:
    problem = "'{value}' is neither 24/7 nor a timetable"
    time_zone = _text(x_hint="write the service's own time zone as a place, e.g. "
                      "America/New_York, Europe/London, Australia/Sydney")
    rows = _schema({"type": "array", "items": _opening_times(), "minItems": 1},
                   x_problem="must be a list of opening times",
                   x_hint='write each as "- days: [Monday, Friday]" with from and until below')
    timetable = _object({"time_zone": time_zone, "open": rows}, ("time_zone", "open"),
                        x_required_hint="a timetable needs time_zone (e.g. America/New_York) "
                        "and open")
    return _schema(
        {"anyOf": [{"type": "string", "const": OPEN_ALWAYS, "x-problem": problem}, timetable]},
        f"`{OPEN_ALWAYS}` only when an official page says so; otherwise the opening times "
        "(below). Leave it out when no official page gives them",
        x_problem=problem,
        x_hint="write hours: 24/7, or the time_zone and open times as shown in "
        "CONTRIBUTING.md; leave hours out if the official page gives none",
        x_hsds="schedules: one weekly row per opening time (24/7: every day, 00:00 to "
        "23:59), the time zone as detail:time-zone",
    )


def _contact() -> dict:
    as_written = "attributes: detail:number-as-written"
    phone = _object(
        {"display": _text(x_hsds=as_written),
         "tel": _number("what a phone dials", x_hsds="phones.number"),
         "note": _text(x_hsds="phones.description")},
        ("display", "tel"),
        "`display` (as the service writes it) and `tel`: `+` country code and digits only "
        '(`"+18009506264"`), or a short code (`"988"`); optional `note`',
        x_required_hint="display is the number as the service writes it; tel is what a "
        'phone dials, e.g. "+18009506264"',
        x_hsds="phones (type voice)",
    )
    sms = _object(
        {"number": _number("the number to text", x_hsds="phones.number"),
         "display": _text(x_hsds=as_written),
         "keyword": _text(x_hsds="attributes: detail:text-keyword"),
         "note": _text(x_hsds="phones.description")},
        ("number",),
        "`number` to text (digits, as for `tel`), optional `display` (as the service "
        "writes it), `keyword` (`SHOUT`) and `note`",
        x_required_hint='write the number to text, e.g. number: "85258"',
        x_hsds="phones (type text)",
    )
    return _object(
        {"phone": phone, "sms": sms,
         "chat": _web("the chat's full address, starting with `https://`, on the domain of "
                      "`website` or of `official_domains`",
                      "locations.url (a virtual location)"),
         "website": _web("a page where the help itself is given, such as a meeting finder, "
                         "starting with `https://`, on the domain of `website` or of "
                         "`official_domains`",
                         ["services.url"]),
         "email": _pattern(EMAIL, "is not an email address", "write it as name@example.org",
                           "an email address", x_hsds=["services.email"])},
        (),
        "at least one of the five below",
        minProperties=1,
        x_problem="'{value}' is not contact details",
        x_hint=NO_CONTACT_HINT,
        x_empty="no contact method",
        x_hsds="by method: phones, locations, services.url and services.email",
    )


def _ages() -> dict:
    def age(column: str) -> dict:
        return _schema({"type": "integer", "minimum": 0}, x_problem="'{value}' is not an age "
                       "in years", x_hint="write a number", x_hsds=[f"services.{column}"])

    return _object({"min": age("minimum_age"), "max": age("maximum_age")}, (),
                   "`{min: 13, max: 24}`, either number or both", minProperties=1,
                   x_hint="e.g. ages: {min: 13, max: 24}", x_empty="is empty",
                   x_hsds="services.minimum_age and services.maximum_age")


@cache
def resource_schema(categories: tuple[str, ...]) -> dict:
    """The schema of one resource file, for a site with these category slugs."""
    kinds = ", ".join(f"`{kind}`" for kind in KINDS)
    properties = {
        "name": _text("the service's own name", maxLength=NAME_MAX,
                      x_hsds=["services.name", "organizations.name"]),
        "summary": _text(f"one or two plain sentences, at most {SUMMARY_MAX} characters",
                         maxLength=SUMMARY_MAX,
                         x_hsds=["services.description", "organizations.description"]),
        "kind": _choice(list(KINDS), "kind", f"one of: {kinds} (the first three are listed "
                        "first, as crisis services)", x_hsds="attributes: taxonomy term kind:…"),
        "categories": _one_or_list(
            "categories", _choice(sorted(categories), "category"), "getting-support, coping",
            "slugs of this site's categories: " + ", ".join(f"`{c}`" for c in categories),
            x_hsds="attributes: taxonomy term category:…"),
        "website": _web("the service's official website, starting with `https://`",
                        ["organizations.website"]),
        "official_domains": _one_or_list(
            "official_domains",
            _pattern(DOMAIN, "is not a domain name",
                     "write the name only, in lowercase, e.g. lifeline.org.au"),
            "lifeline.org.au",
            "other domains that belong to the service or to whoever runs it: `[lifeline.org.au]`. "
            "A chat or help page on another domain than `website`'s needs its domain here, "
            "as the service's own page shows it",
            x_hsds="attributes: detail:official-domain"),
        "contact": _contact(),
        "hours": _hours(),
        "countries": _one_or_list(
            "countries", _country(), "US, CA",
            "two-letter country codes: `[US, CA, GB, IE, AU]`; leave it out for a worldwide "
            "service", x_hsds="service_areas (name: the country, description: the code)"),
        "regions": _one_or_list(
            "regions", _pattern(REGION, "is not an ISO 3166-2 region code",
                                "write country-region, e.g. US-CA or CA-ON"),
            "US-CA", "region codes inside those countries: `[US-CA, GB-ENG]`",
            x_hsds="service_areas (name: the region, description: the code)"),
        "main_crisis_line_for": _one_or_list(
            "main_crisis_line_for", _country("write the country's two-letter code, e.g. US"),
            "US", "the countries whose crisis band (at the top of every page, and on the "
            "printed checklist) shows this service. Only a 24/7 line with a phone or text "
            "number, for countries in `countries`",
            x_hsds="attributes: detail:main-crisis-line-for"),
        "languages": _one_or_list(
            "languages", _pattern(LANGUAGE_TAG, "is not a BCP 47 language tag",
                                  "use the short code, e.g. en, fr, es, or en-GB"),
            "en, fr", "language codes: `[en, fr, es]`, or with a region: `fr-CA`",
            x_hsds="languages (name and code)"),
        "ages": _ages(),
        "cost": _choice(list(COSTS), "cost", "`free`, `paid` or `insurance`; `cost_note` for "
                        "the details", x_hsds=["services.fees_description"]),
        "cost_note": _text("the details of the cost, e.g. free from mobiles",
                           x_hsds=["services.fees_description"]),
        "source": _one_or_list(
            "source", _pattern(URL, "is not a web address", "write the full address of the "
                               "official page the facts come from, starting with https://"),
            "https://example.org/contact",
            "the official page(s) the facts were checked against; a list when there are several",
            x_hsds="metadata: one row per page, field_name source, verified on last_verified"),
        "last_verified": _pattern(
            DATE, "is not a date",
            "write the day the facts were checked as YYYY-MM-DD, e.g. 2025-03-14",
            "the day you checked the facts, as `YYYY-MM-DD`", format="date",
            x_hsds=["services.assured_date"]),
    }
    required = ("name", "summary", "kind", "categories", "website", "contact", "source",
                "last_verified")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Small Wins support resource",
            **_object(properties, required, "One support service of the directory "
                      "(content/resources/*.yaml); see CONTRIBUTING.md, Adding a support "
                      "resource.")}
# fmt: on


def hsds_columns(categories: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Field path ("contact.website") → the HSDS `table.column`s it is copied to as it
    is: the fields whose `x-hsds` is a list."""
    found: dict[str, list[str]] = {}

    def walk(schema: dict, path: str) -> None:
        if isinstance(schema.get("x-hsds"), list):
            found[path] = schema["x-hsds"]
        for name, child in schema.get("properties", {}).items():
            walk(child, f"{path}.{name}" if path else name)

    walk(resource_schema(categories), "")
    return found
