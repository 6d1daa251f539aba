"""Page chrome, metadata lines, datelines and outlet names, as data.

``claimwatch.text`` reads these tables to find the parts of a stored article that
are not article prose: metadata lines a scraper kept (``Publish Date: ...``,
``News ID: ...``), page furniture (``Share``, ``your comment``, ``Top Stories``),
datelines (``TEHRAN (Tasnim) -``) and sign-offs (``Source: ...``). The patterns
are matched against one whole line (stripped of surrounding whitespace and list
bullets), so a sentence that merely *contains* such words is never excluded.
"""

from __future__ import annotations

import re

# Characters that open a list item in scraped pages ("  • News ID: 643479").
BULLET_CHARS = "•·▪◦‣*-–—>»|"

# Dash-like separators used after a dateline.
DASHES = "-\u2013\u2014\u2012\u2015"

# ---------------------------------------------------------------------------
# Metadata lines that carry a date. Group "value" holds the date text.
# ---------------------------------------------------------------------------

# Lines that state when the article was first published: a published date.
PUBLISHED_LINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:first\s+)?publish(?:ed)?(?:\s+(?:date|on|at))?\s*:\s*(?P<value>.{4,60})$", re.I),
    re.compile(r"^(?:date\s+)?posted(?:\s+(?:on|at))?\s*:\s*(?P<value>.{4,60})$", re.I),
    re.compile(r"^date\s*:\s*(?P<value>.{4,60})$", re.I),
)

# Lines that state an update time: excluded, but never the publication date.
UPDATED_LINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^(?:\d{1,3}\s+min(?:ute)?s?\s+read\s*)?(?:last\s+)?(?:updated|modified|edited)"
        r"(?:\s+(?:in|on|at))?\s*:\s*(?P<value>.{4,60})$",
        re.I,
    ),
)

# A leading in-text date marker as some scrapers write it: " date 2023-06-11 ...".
# It may be followed by the body on the same line.
LEADING_DATE_MARKER = re.compile(r"^[ \t]*(?P<marker>date[ \t]+(?P<value>\d{4}-\d{2}-\d{2}))(?=\s|$)", re.I)

# ---------------------------------------------------------------------------
# Whole-line chrome: page furniture with no article content.
# ---------------------------------------------------------------------------

# Exact phrases (compared case-insensitively, after stripping bullets and
# trailing ":" / "!"), e.g. a "Share" button label scraped as a line.
CHROME_PHRASES: frozenset[str] = frozenset(
    {
        "most visited", "most viewed", "most read", "most popular", "most shared", "popular",
        "trending", "trending now", "latest", "latest news", "breaking news", "top stories",
        "top news", "more stories", "more news", "related", "related news", "related articles",
        "related stories", "related posts", "related content", "related topics", "read more",
        "read also", "also read", "see also", "recommended", "recommended for you", "you may also like",
        "you might also like", "editor's picks", "editors' picks",
        "your comment", "your comments", "comment", "comments", "add a comment", "leave a comment",
        "leave a reply", "post a comment", "write a comment", "send comment", "no comments",
        "share", "share this", "share this article", "share this story", "share on facebook",
        "share on twitter", "sharing is caring", "print", "print this", "print this article",
        "print page", "email", "email this", "tweet", "copy link", "save", "bookmark", "listen",
        "listen to this article", "adjust font size", "font size", "advertisement", "advertisements",
        "sponsored", "sponsored content", "ad", "subscribe", "subscribe now", "sign up", "newsletter",
        "sign up for our newsletter", "follow us", "tags", "tag", "keywords", "source link",
        "back to top", "next article", "previous article", "next", "previous", "home", "menu",
        "search", "login", "log in", "register", "download app", "photo gallery", "video",
        "watch video", "click here", "image", "photo", "file photo", "representational image",
        "all rights reserved", "report an error", "feedback",
    }
)

# Whole-line chrome patterns.
CHROME_LINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "Top Defense stories", "More World News"
    re.compile(r"^(?:top|more|latest|related|other)\s+(?:\w+\s+){0,2}(?:stories|news|articles|headlines)$", re.I),
    # "2 min read", "5 minutes read", "Reading time: 3 min"
    re.compile(r"^(?:\d{1,3}\s+min(?:ute)?s?\s+read|reading\s+time\s*:?\s*\d{1,3}\s*min(?:ute)?s?)$", re.I),
    # "News ID: 84427", "Story Code : 1117388", "Article ID: 12"
    re.compile(r"^(?:news|story|article|post|content)\s+(?:id|code|no\.?|number)\s*:?\s*[\w-]{1,20}$", re.I),
    # "Follow us on Telegram", "Join our WhatsApp channel"
    re.compile(
        r"^(?:follow|join|like)\s+(?:us|our\s+\w+(?:\s+\w+)?)\s+on\s+"
        r"(?:telegram|twitter|x|facebook|instagram|whatsapp|youtube|linkedin|google\s+news)\b.*$",
        re.I,
    ),
    # Comment-form boilerplate.
    re.compile(r"^your email address will not be published\b.*$", re.I),
    re.compile(r"^required fields are marked\b.*$", re.I),
    re.compile(r"^the recaptcha verification period has expired\b.*$", re.I),
    re.compile(r"^(?:copyright|©)\s*.{0,120}$", re.I),
    re.compile(r"^all rights reserved\b.{0,80}$", re.I),
    # Broadcast transcript stage tags: "[Anchor]", "[Report]", "[Closing]".
    re.compile(r"^\[(?:anchor|report|reporter|closing|opening|lead|interview|video|audio|music|sound)\]$", re.I),
    # A "by-line": "By John Smith", "By Jane Doe and Ali Reza"
    re.compile(r"^by\s+[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|and|&|de|van|al|bin)){0,5}$"),
    # A desk credit: "World Bulletin / News Desk", "Web Desk"
    re.compile(r"^(?:[\w.'\u2019-]+\s+){0,4}(?:/\s*)?(?:news|web|online|sports|business)\s+desk$", re.I),
    # Agency/editor codes at the end of Iranian agency copy: "MNA/PR", "MA/5604141".
    re.compile(r"^[A-Z]{2,6}/[A-Z0-9]{2,12}$"),
    # An image file name left by the scraper.
    re.compile(r"^.{0,160}\.(?:jpe?g|png|gif|webp|svg)$", re.I),
    # A bare domain: "UrduPoint.com".
    re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|ir|in|pk|cn|co|info|news|tv|my|uk|az)/?$", re.I),
    # A bare URL line.
    re.compile(r"^https?://\S+$", re.I),
    # Market-ticker template with its values missing: "Sensex (    %)".
    re.compile(r"^[A-Za-z][\w&.-]*(?:\s+[\w&.-]+){0,2}\s*\(\s*[+\-]?\s*%?\s*\)$"),
    # "Adjust font size:" tails and similar toolbar text.
    re.compile(r"^.{0,60}\badjust font size\s*:?$", re.I),
)

# Runs of share-button labels glued together: "PrintEmailFacebookTwitterLinkedInCopy Link".
SHARE_WORDS: tuple[str, ...] = (
    "print", "email", "e-mail", "mail", "facebook", "twitter", "linkedin", "whatsapp", "telegram",
    "reddit", "pinterest", "copylink", "copy", "link", "share", "tweet", "messenger", "viber", "x",
    "threads", "tumblr", "pocket", "flipboard", "sms",
)

# Breadcrumb navigation: "News » Science & Technology", "iran << Iran".
BREADCRUMB_SEPARATORS = re.compile(r"\s(?:»|«|<<|>>|›|‹|>|<)\s")

# Photo captions/credits: "... . Photo: Unsplash", "(Photo by A. Person/Agency)".
CAPTION_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?:^|[.\s])(?:photo|image|picture|file photo|photograph)\s*(?:credit)?\s*:\s*[^.]{1,60}$", re.I),
    re.compile(r"\((?:photo|image|picture)s?\s+(?:by|courtesy|credit|:)[^()]{1,80}\)\s*$", re.I),
    re.compile(r"^(?:photo|image|picture)\s+(?:by|courtesy\s+of)\s+.{1,80}$", re.I),
)
# A caption line is short; longer lines are prose even if they end with a credit.
CAPTION_MAX_WORDS = 45

# A "Source:" sign-off line; group "value" is the source named.
SOURCE_LINE = re.compile(r"^sources?\s*:\s*(?P<value>.{0,120})$", re.I)

# A credit for agency copy at the end of a paragraph: "(With Agency Inputs)",
# "(With inputs from PTI)", "With inputs from agencies".
INPUTS_CREDIT = re.compile(
    r"[\s.]\(?\s*(?P<value>with\s+(?:\w+\s+)?inputs?(?:\s+from\s+[\w&/,. -]{1,60}?)?)\s*\)?\s*$", re.I
)

# A trailing agency sign-off at the very end of the text: "... prevention. — Bernama".
TRAILING_SIGNOFF = re.compile(r"[\s.](?P<dash>[\u2013\u2014]|--)\s*(?P<value>[A-Z][A-Za-z&.]+(?:\s+[A-Z][A-Za-z&.]+){0,3})\s*$")

# ---------------------------------------------------------------------------
# Date-only header lines: "Monday 4 March 2024 - 09:30",
# "15 minutes ago Mon 3rd May 2021 | 09:10 AM", "Oct, 2, 2023 Posted by ...".
# A line is date-only when, after removing these tokens, nothing remains.
# ---------------------------------------------------------------------------

MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)
# Other words that may sit in a date/time header line.
DATE_LINE_FILLER: tuple[str, ...] = (
    "am", "pm", "ist", "gmt", "utc", "est", "edt", "pst", "pdt", "cet", "cest", "irst", "pkt", "bst",
    "ago", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
    "updated", "published", "posted", "on", "at", "th", "st", "nd", "rd", "of",
)
# "Posted by Gabriel Malheiros" after a date: the name is removed with it.
POSTED_BY = re.compile(r"\b(?:posted|written)\s+by\s+.*$", re.I)

# How far into the text (in lines) header metadata and the title are looked for.
HEADER_LINES = 12

# ---------------------------------------------------------------------------
# Datelines at the start of the body.
# ---------------------------------------------------------------------------

# "TEHRAN (Tasnim) –", "TEHRAN-", "NEW DELHI, June 3 (Reuters) -", "KATHMANDU:",
# "LIMA (Andes News / Wire - 4th May, 2022)", "PARIS —".
# The place is written in capitals; what follows the separator must start a
# sentence (capital letter, digit or quote), so "SIPRI—the institute" is prose.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\u2019]+(?:[ -][A-Z][A-Z.'\u2019]+){0,3})"
    r"(?:\s*,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:\s*,?\s*\d{4})?))?"
    r"(?:\s*\((?P<agency>[^()\n]{1,80})\))?"
    r"(?P<sep>\s*[-\u2013\u2014\u2012\u2015:]+\s*|\s+(?=[A-Z\u201c\"]))"
    r"(?=[A-Z0-9\u201c\u2018\"'])"
)
# "New Delhi, April 2 (NDL):": a place in title case is a dateline only with a date,
# and a separator, at the very start of the lead.
DATELINE_TITLE_CASE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"\s*,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:\s*,?\s*\d{4})?)"
    r"(?:\s*\((?P<agency>[^()\n]{1,80})\))?"
    r"(?P<sep>\s*[-\u2013\u2014\u2012\u2015:]+\s*)"
    r"(?=[A-Z0-9\u201c\u2018\"'])"
)
# "Tehran, IRNA --", "Islamabad, APP:": a place, an agency in capitals, a separator.
DATELINE_PLACE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'\u2019]+(?:[ -][A-Z][A-Za-z.'\u2019]+){0,2})\s*,\s*"
    r"(?P<agency>[A-Z]{2,8}(?:\s+[A-Z][a-z]+){0,2})"
    r"(?P<sep>\s*(?:--|[-\u2013\u2014:])\s*)(?=[A-Z0-9\u201c\u2018\"'])"
)
# An agency between slashes after the date: "HARBOUR CITY /North Province/, March 3. /NRA/."
DATELINE_SLASHED_AGENCY = re.compile(
    r"^(?P<place>[A-Z][A-Z.' -]+?)(?:\s*/[^/\n]{1,40}/)?\s*,\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)\.?\s*"
    r"/(?P<agency>[A-Za-z][\w .-]{1,30})/\.?(?P<sep>\s*)(?=[A-Z0-9\u201c\"'])"
)
# A press release's dateline in brackets: "(Geneva, 4 May 2022)", "(Oslo, March 3, 2021)", at
# times glued to the issuer's logo text ("unhcr(Geneva, 4 May 2022)").
DATELINE_BRACKETED = re.compile(
    r"^(?:[A-Za-z]{2,12})?\((?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),\s*"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})\)"
    r"(?P<sep>\s*[-\u2013\u2014:]?\s*)(?=[A-Z0-9\u201c\"'])"
)
# A dateline needs either a separator or an agency/date; "IRAN Says ..." is a headline.
DATELINE_MIN_BODY_WORDS = 8

# News agencies and outlets named in datelines and sign-offs, by how they are
# written there (lower case) -> the outlet's name.
AGENCY_NAMES: dict[str, str] = {
    "tasnim": "Tasnim", "tasnim news agency": "Tasnim",
    "mna": "Mehr News Agency", "mehr": "Mehr News Agency", "mehr news": "Mehr News Agency",
    "irna": "IRNA", "fna": "Fars News Agency", "fars": "Fars News Agency", "isna": "ISNA",
    "ilna": "ILNA", "shana": "SHANA", "presstv": "Press TV", "press tv": "Press TV",
    "reuters": "Reuters", "ap": "Associated Press", "the associated press": "Associated Press",
    "associated press": "Associated Press", "afp": "AFP", "agence france-presse": "AFP",
    "pti": "Press Trust of India", "press trust of india": "Press Trust of India", "ians": "IANS",
    "ani": "ANI", "uni": "UNI", "xinhua": "Xinhua", "sputnik": "Sputnik", "tass": "TASS",
    "bernama": "Bernama", "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency", "aa": "Anadolu Agency",
    "yonhap": "Yonhap", "kyodo": "Kyodo", "kuna": "KUNA", "wam": "WAM", "spa": "Saudi Press Agency",
    "wafa": "WAFA", "bloomberg": "Bloomberg", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
    "urdupoint news": "UrduPoint", "urdupoint": "UrduPoint", "app": "Associated Press of Pakistan",
    "albawaba": "Al Bawaba", "al bawaba": "Al Bawaba", "tehran times": "Tehran Times",
    "trend": "Trend", "apa": "APA", "azertac": "AZERTAC", "cna": "CNA", "pna": "PNA",
}

# Words that make a parenthesised dateline part look like an outlet rather than a place.
OUTLET_WORDS: tuple[str, ...] = (
    "news", "agency", "times", "press", "post", "tribune", "herald", "journal", "daily", "tv",
    "radio", "wire", "media", "gazette", "telegraph", "chronicle", "observer",
)

# Sub-domain labels that do not change which outlet a host belongs to.
HOST_PREFIXES_IGNORED: tuple[str, ...] = ("www", "www2", "m", "amp", "en", "english", "mobile", "news")
