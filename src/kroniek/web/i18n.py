"""The interface's words in Dutch (default) and English: one dictionary per language.

The language of a request is ``?lang=`` if given, else the ``kroniek_lang`` cookie, else Dutch.
Templates call ``_("key")``; dates go through the ``day`` filter.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

LANGUAGES = ("nl", "en")

# The event types of kroniek.events.types, named in English (the Dutch names are the types themselves).
EVENT_TYPES_EN = {
    "nucleair": "nuclear",
    "luchtaanval/raket/drone": "air strike/missile/drone",
    "beschieting": "shelling",
    "geweld tegen burgers": "violence against civilians",
    "gevechten": "fighting",
    "sancties": "sanctions",
    "diplomatie en onderhandelingen": "diplomacy and negotiations",
    "humanitair/vluchtelingen": "humanitarian/refugees",
    "binnenlandse politiek": "domestic politics",
    "overig": "other",
}
DEFAULT = "nl"
COOKIE = "kroniek_lang"

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "brand.tagline": "Elke zin met zijn bron.",
        "skip": "Naar de inhoud",
        "nav.label": "Hoofdmenu",
        "nav.home": "Start",
        "nav.topics": "Onderwerpen",
        "nav.timeline": "Tijdlijn",
        "nav.events": "Gebeurtenissen",
        "nav.map": "Kaart",
        "nav.liveblog": "Liveblog",
        "nav.search": "Zoeken",
        "nav.documents": "Documenten",
        "nav.ingest": "Invoer",
        "nav.api": "API",
        "lang.switch": "English",
        "lang.switch.label": "Read this page in English",
        "home.title": "Kroniek",
        "home.intro": "Volg een zich ontwikkelend nieuwsverhaal: berichten, gebeurtenissen, tijdlijn en "
        "overzichten, elke zin met zijn bron.",
        "home.latest": "Laatste berichten",
        "home.more": "Alle documenten",
        "home.events": "Laatste gebeurtenissen",
        "count.documents": "Documenten",
        "count.sentences": "Zinnen",
        "count.events": "Gebeurtenissen",
        "count.topics": "Onderwerpen",
        "empty.documents": "Nog geen documenten. Voeg berichten toe via Invoer of met kroniek ingest.",
        "empty.events": "Nog geen gebeurtenissen. Ze worden gevormd uit de berichten zodra de "
        "gebeurtenissenstap heeft gedraaid.",
        "empty.timeline": "Nog geen gedateerde gebeurtenissen.",
        "empty.topics": "Nog geen onderwerpen.",
        "empty.overviews": "Nog geen overzichten voor dit onderwerp.",
        "empty.search": "Niets gevonden.",
        "unavailable": "Dit onderdeel is op deze server nog niet beschikbaar.",
        "documents.title": "Documenten",
        "col.date": "Datum",
        "col.source": "Bron",
        "col.title": "Titel",
        "col.language": "Taal",
        "col.sentences": "Zinnen",
        "col.type": "Soort",
        "col.places": "Plaatsen",
        "col.actors": "Actoren",
        "col.event": "Gebeurtenis",
        "col.sources": "Bronnen",
        "doc.unknown_date": "datum onbekend",
        "doc.original": "origineel",
        "doc.event_date": "gebeurtenisdatum",
        "doc.boilerplate": "standaardtekst",
        "doc.all_events": "Alle gebeurtenissen uit dit bericht",
        "kind.place": "plaats",
        "kind.actor": "actor",
        "kind.figure": "getal",
        "kind.claim": "bewering",
        "pager.label": "Paginering",
        "pager.prev": "Vorige",
        "pager.next": "Volgende",
        "pager.of": "van",
        "overview.title": "Overzicht",
        "overview.source": "bron",
        "timeline.title": "Tijdlijn",
        "timeline.level": "Indeling",
        "timeline.level.day": "per dag",
        "timeline.level.month": "per maand",
        "timeline.level.phase": "per fase",
        "timeline.dates": "Aantal data",
        "timeline.show": "Toon",
        "timeline.axis": "Tijdas: elke stip is een datum uit de tijdlijn",
        "timeline.sources": "Bronnen",
        "timeline.source_one": "bron",
        "timeline.source_many": "bronnen",
        "timeline.open": "bronnen tonen",
        "timeline.events": "Gebeurtenissen in deze periode",
        "timeline.phase_missing": "De indeling in fasen is op deze server nog niet beschikbaar; "
        "hieronder de tijdlijn per dag.",
        "events.title": "Gebeurtenissen",
        "events.filter": "Filter",
        "events.all_types": "alle soorten",
        "event.date": "Datum",
        "event.type": "Soort",
        "event.places": "Plaatsen",
        "event.actors": "Actoren",
        "event.figures": "Getallen",
        "event.claims": "Beweringen",
        "event.sources": "Alle bronnen",
        "event.contradictions": "Tegenstrijdigheden",
        "event.no_contradictions": "Geen tegenstrijdige getallen of beweringen gevonden.",
        "event.on_map": "Op de kaart",
        "event.related": "Verwante gebeurtenissen (zelfde plaats of actor, binnen drie dagen)",
        "event.speaker_unknown": "onbekende spreker",
        "stance.asserts": "stelt",
        "stance.denies": "ontkent",
        "qualifier.more_than": "meer dan",
        "qualifier.at_least": "minstens",
        "qualifier.about": "ongeveer",
        "qualifier.up_to": "tot",
        "qualifier.less_than": "minder dan",
        "category.killed": "doden",
        "category.injured": "gewonden",
        "category.displaced": "ontheemden",
        "category.refugees": "vluchtelingen",
        "category.prisoners": "gevangenen",
        "category.troops": "troepen",
        "category.money": "geld",
        "category.weapons": "wapens",
        "category.other": "overig",
        "who.civilians": "burgers",
        "who.soldiers": "militairen",
        "who.children": "kinderen",
        "map.title": "Kaart van gebeurtenissen",
        "map.intro": "Elke stip is een plaats van een gebeurtenis; kies een stip voor de gebeurtenissen daar.",
        "map.no_tiles": "Zonder achtergrondkaart (geen tegelserver ingesteld): de punten staan op een lege "
        "achtergrond.",
        "map.places": "Plaatsen op de kaart",
        "map.all_events": "Alle gebeurtenissen hier",
        "map.empty": "Nog geen gebeurtenissen met een plaats met coördinaten.",
        "search.title": "Zoeken",
        "search.query": "Zoekterm",
        "search.submit": "Zoek",
        "search.facets": "Verfijnen",
        "search.from": "Van",
        "search.to": "Tot en met",
        "search.place": "Plaats",
        "search.actor": "Actor",
        "search.type": "Soort",
        "search.language": "Taal",
        "search.source": "Bron",
        "search.any": "alle",
        "search.results": "resultaten",
        "search.clear": "Filters wissen",
        "search.answer": "Antwoord uit de bronnen",
        "topics.title": "Onderwerpen",
        "topics.keywords": "Trefwoorden",
        "topics.new": "Nieuw onderwerp",
        "topics.name": "Naam",
        "topics.create": "Aanmaken",
        "topic.latest": "Laatste overzicht",
        "topic.older": "Eerdere overzichten",
        "topic.follow": "Volgen",
        "topic.follow.intro": "Ontvang elk nieuw overzicht van dit onderwerp.",
        "topic.channel": "Kanaal",
        "topic.channel.email": "e-mail",
        "topic.channel.webhook": "webhook",
        "topic.target": "Adres (e-mail of URL)",
        "topic.feed": "Atom-feed",
        "topic.followers": "volgers",
        "topic.follower": "volger",
        "topic.subscriptions": "Abonnementen",
        "topic.unsubscribe": "Opzeggen",
        "topic.subscriptions.show": "Toon abonnementen",
        "topic.publish": "Nieuw overzicht maken",
        "topic.edit": "Onderwerp bewerken",
        "topic.schedule": "Schema (cron, gescheiden door ;)",
        "topic.delete": "Onderwerp verwijderen",
        "topic.delete.confirm": "Dit onderwerp met zijn overzichten en abonnementen verwijderen?",
        "ingest.title": "Invoer",
        "ingest.upload": "Bestanden uploaden",
        "ingest.upload.help": "Platte tekst, JSON, JSONL, HTML of RSS/Atom; meerdere bestanden tegelijk.",
        "ingest.files": "Bestanden",
        "ingest.send": "Uploaden",
        "ingest.feed": "Feed toevoegen",
        "ingest.feed.url": "Adres van de feed",
        "ingest.feed.add": "Toevoegen",
        "ingest.feeds": "Gevolgde feeds",
        "token.title": "Toegangssleutel",
        "token.help": "Schrijven (invoer, onderwerpen, abonnementen) vraagt de sleutel van deze server. "
        "Hij wordt in een cookie in deze browser bewaard.",
        "token.label": "Sleutel",
        "token.save": "Bewaren",
        "token.forget": "Vergeten",
        "token.saved": "Sleutel bewaard.",
        "token.forgotten": "Sleutel vergeten.",
        "status.working": "Bezig…",
        "status.done": "Gelukt.",
        "status.error": "Mislukt",
        "error.title": "Fout",
        "error.not_found": "Niet gevonden",
        "error.back": "Terug naar de start",
    },
    "en": {
        "brand.tagline": "Every sentence with its source.",
        "skip": "Skip to content",
        "nav.label": "Main menu",
        "nav.home": "Home",
        "nav.topics": "Topics",
        "nav.timeline": "Timeline",
        "nav.events": "Events",
        "nav.map": "Map",
        "nav.liveblog": "Liveblog",
        "nav.search": "Search",
        "nav.documents": "Documents",
        "nav.ingest": "Ingest",
        "nav.api": "API",
        "lang.switch": "Nederlands",
        "lang.switch.label": "Lees deze pagina in het Nederlands",
        "home.title": "Kroniek",
        "home.intro": "Follow a developing news story: reports, events, timeline and overviews, every "
        "sentence with its source.",
        "home.latest": "Latest reports",
        "home.more": "All documents",
        "home.events": "Latest events",
        "count.documents": "Documents",
        "count.sentences": "Sentences",
        "count.events": "Events",
        "count.topics": "Topics",
        "empty.documents": "No documents yet. Add reports through Ingest or with kroniek ingest.",
        "empty.events": "No events yet. They are formed from the reports once the events stage has run.",
        "empty.timeline": "No dated events yet.",
        "empty.topics": "No topics yet.",
        "empty.overviews": "No overviews for this topic yet.",
        "empty.search": "Nothing found.",
        "unavailable": "This part is not available on this server yet.",
        "documents.title": "Documents",
        "col.date": "Date",
        "col.source": "Source",
        "col.title": "Title",
        "col.language": "Language",
        "col.sentences": "Sentences",
        "col.type": "Type",
        "col.places": "Places",
        "col.actors": "Actors",
        "col.event": "Event",
        "col.sources": "Sources",
        "doc.unknown_date": "date unknown",
        "doc.original": "original",
        "doc.event_date": "event date",
        "doc.boilerplate": "boilerplate",
        "doc.all_events": "All events from this report",
        "kind.place": "place",
        "kind.actor": "actor",
        "kind.figure": "figure",
        "kind.claim": "claim",
        "pager.label": "Pagination",
        "pager.prev": "Previous",
        "pager.next": "Next",
        "pager.of": "of",
        "overview.title": "Overview",
        "overview.source": "source",
        "timeline.title": "Timeline",
        "timeline.level": "Grouping",
        "timeline.level.day": "by day",
        "timeline.level.month": "by month",
        "timeline.level.phase": "by phase",
        "timeline.dates": "Number of dates",
        "timeline.show": "Show",
        "timeline.axis": "Time axis: each dot is a date of the timeline",
        "timeline.sources": "Sources",
        "timeline.source_one": "source",
        "timeline.source_many": "sources",
        "timeline.open": "show sources",
        "timeline.events": "Events in this period",
        "timeline.phase_missing": "Grouping by phase is not available on this server yet; below, the timeline by day.",
        "events.title": "Events",
        "events.filter": "Filter",
        "events.all_types": "all types",
        "event.date": "Date",
        "event.type": "Type",
        "event.places": "Places",
        "event.actors": "Actors",
        "event.figures": "Figures",
        "event.claims": "Claims",
        "event.sources": "All sources",
        "event.contradictions": "Contradictions",
        "event.no_contradictions": "No contradicting figures or claims found.",
        "event.on_map": "On the map",
        "event.related": "Related events (same place or actor, within three days)",
        "event.speaker_unknown": "unknown speaker",
        "stance.asserts": "asserts",
        "stance.denies": "denies",
        "qualifier.more_than": "more than",
        "qualifier.at_least": "at least",
        "qualifier.about": "about",
        "qualifier.up_to": "up to",
        "qualifier.less_than": "less than",
        "category.killed": "killed",
        "category.injured": "injured",
        "category.displaced": "displaced",
        "category.refugees": "refugees",
        "category.prisoners": "prisoners",
        "category.troops": "troops",
        "category.money": "money",
        "category.weapons": "weapons",
        "category.other": "other",
        "who.civilians": "civilians",
        "who.soldiers": "soldiers",
        "who.children": "children",
        "map.title": "Map of events",
        "map.intro": "Each dot is a place of an event; choose a dot for the events there.",
        "map.no_tiles": "No background map (no tile server configured): the points are drawn on a blank background.",
        "map.places": "Places on the map",
        "map.all_events": "All events here",
        "map.empty": "No events with a place with coordinates yet.",
        "search.title": "Search",
        "search.query": "Search terms",
        "search.submit": "Search",
        "search.facets": "Refine",
        "search.from": "From",
        "search.to": "Until",
        "search.place": "Place",
        "search.actor": "Actor",
        "search.type": "Type",
        "search.language": "Language",
        "search.source": "Source",
        "search.any": "any",
        "search.results": "results",
        "search.clear": "Clear filters",
        "search.answer": "Answer from the sources",
        "topics.title": "Topics",
        "topics.keywords": "Keywords",
        "topics.new": "New topic",
        "topics.name": "Name",
        "topics.create": "Create",
        "topic.latest": "Latest overview",
        "topic.older": "Earlier overviews",
        "topic.follow": "Follow",
        "topic.follow.intro": "Receive every new overview of this topic.",
        "topic.channel": "Channel",
        "topic.channel.email": "e-mail",
        "topic.channel.webhook": "webhook",
        "topic.target": "Address (e-mail or URL)",
        "topic.feed": "Atom feed",
        "topic.followers": "followers",
        "topic.follower": "follower",
        "topic.subscriptions": "Subscriptions",
        "topic.unsubscribe": "Unsubscribe",
        "topic.subscriptions.show": "Show subscriptions",
        "topic.publish": "Make a new overview",
        "topic.edit": "Edit topic",
        "topic.schedule": "Schedule (cron, separated by ;)",
        "topic.delete": "Delete topic",
        "topic.delete.confirm": "Delete this topic with its overviews and subscriptions?",
        "ingest.title": "Ingest",
        "ingest.upload": "Upload files",
        "ingest.upload.help": "Plain text, JSON, JSONL, HTML or RSS/Atom; several files at once.",
        "ingest.files": "Files",
        "ingest.send": "Upload",
        "ingest.feed": "Add a feed",
        "ingest.feed.url": "Feed address",
        "ingest.feed.add": "Add",
        "ingest.feeds": "Followed feeds",
        "token.title": "Access token",
        "token.help": "Writing (ingest, topics, subscriptions) needs this server's token. It is kept in a "
        "cookie in this browser.",
        "token.label": "Token",
        "token.save": "Save",
        "token.forget": "Forget",
        "token.saved": "Token saved.",
        "token.forgotten": "Token forgotten.",
        "status.working": "Working…",
        "status.done": "Done.",
        "status.error": "Failed",
        "error.title": "Error",
        "error.not_found": "Not found",
        "error.back": "Back to the start",
    },
}

_MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip
# TIMEX3 parts of the day ("2022-02-24TMO").
_DAY_PARTS = {
    "nl": {"MO": "ochtend", "MI": "middag", "AF": "middag", "EV": "avond", "NI": "nacht", "DT": "overdag"},
    "en": {"MO": "morning", "MI": "noon", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"},
}


def language_of(request: Request) -> str:
    """``?lang=``, else the cookie, else Dutch."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT


def gettext(lang: str, key: str, default: str | None = None) -> str:
    """The text of ``key`` in ``lang``; else the Dutch text, else ``default``, else the key itself."""
    return MESSAGES.get(lang, {}).get(key) or MESSAGES[DEFAULT].get(key) or default or key


def format_date(value: str | None, lang: str = DEFAULT) -> str:
    """An ISO date as a reader writes it: ``2022-02-24`` -> ``24 februari 2022``; intervals ``a/b`` -> ``a – b``.

    Values that are not plain dates (weeks, seasons, times) are shown as they are.
    """
    if not value:
        return ""
    if "/" in value:
        return " – ".join(format_date(part, lang) for part in value.split("/", 1))
    if len(value) > 10 and value[10] == "T" and len(value[:10].split("-")) == 3:
        on, time = format_date(value[:10], lang), value[11:]
        part = _DAY_PARTS.get(lang, _DAY_PARTS[DEFAULT]).get(time)
        return f"{on}, {part}" if part else f"{on} {time}"
    months = _MONTHS.get(lang, _MONTHS[DEFAULT])
    parts = value[:10].split("-")
    try:
        if len(parts) == 3 and len(value) == 10:
            day = int(parts[2])
            month = months[int(parts[1]) - 1]
            return f"{month} {day}, {parts[0]}" if lang == "en" else f"{day} {month} {parts[0]}"
        if len(parts) == 2 and len(value) == 7:
            return f"{months[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


@pass_context
def _gettext(context: Any, key: str, default: str | None = None) -> str:
    return gettext(_context_lang(context), key, default)


@pass_context
def _event_type(context: Any, value: str | None) -> str:
    if not value:
        return ""
    return EVENT_TYPES_EN.get(value, value) if _context_lang(context) == "en" else value


@pass_context
def _current_lang(context: Any) -> str:
    return _context_lang(context)


@pass_context
def _date_filter(context: Any, value: str | None) -> str:
    return format_date(value, _context_lang(context))


def _context_lang(context: Any) -> str:
    request = context.get("request")
    return language_of(request) if request is not None else DEFAULT


def switch_url(request: Request, lang: str) -> str:
    """The link that switches the interface to ``lang`` and comes back to this page."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])
    here = request.url.path + (f"?{query}" if query else "")
    return f"/lang/{lang}?" + urlencode({"next": here})


def install(templates: Jinja2Templates) -> None:
    """Give the templates ``_()``, ``current_lang()`` and the ``day`` filter."""
    templates.env.globals["_"] = _gettext
    templates.env.globals["current_lang"] = _current_lang
    templates.env.globals["languages"] = LANGUAGES
    templates.env.globals["switch_url"] = switch_url
    templates.env.filters["day"] = _date_filter
    templates.env.filters["event_type"] = _event_type
