"""Compile the actor lexicons under src/kroniek/data/ from hand-curated lists (facts only) and wordfreq.

Outputs:
- ``actors.tsv``: ``name  type  country  aliases`` — people, organisations, armed groups
  (states come from the gazetteer's countries);
- ``actors_adjectives.tsv``: ``adjective  state`` — Dutch and English adjectives of states,
  used for speakers such as "de Oekraïense autoriteiten" (Ukraine);
- ``actors_common_words.txt``: frequent Dutch and English words (wordfreq, zipf >= 3.0), to tell
  an unknown name after a title ("generaal dvornikov") from an ordinary word in lowercased text.

Run: ``.venv/bin/python tools/build_actors.py``.
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

from kroniek.extract.lexicon import fold

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "kroniek" / "data"

P, ORG, A = "person", "organization", "armed_group"

# (canonical English name, type, country or "", aliases in Dutch, English and other spellings)
ACTORS: list[tuple[str, str, str, list[str]]] = [
    # Russia
    ("Vladimir Putin", P, "RU", ["Poetin", "Putin", "Vladimir Poetin", "Wladimir Poetin", "Vladimir Vladimirovitsj Poetin"]),
    ("Sergey Lavrov", P, "RU", ["Lavrov", "Sergej Lavrov", "Sergei Lavrov"]),
    ("Sergei Shoigu", P, "RU", ["Sjojgoe", "Shoigu", "Sergej Sjojgoe", "Sergei Shoigu"]),
    ("Valery Gerasimov", P, "RU", ["Gerasimov", "Valeri Gerasimov", "Valery Gerasimov"]),
    ("Yevgeny Prigozhin", P, "RU", ["Prigozjin", "Prigozhin", "Jevgeni Prigozjin", "Yevgeny Prigozhin"]),
    ("Dmitry Medvedev", P, "RU", ["Medvedev", "Dmitri Medvedev", "Dmitry Medvedev"]),
    ("Dmitry Peskov", P, "RU", ["Peskov", "Dmitri Peskov", "Dmitry Peskov"]),
    ("Maria Zakharova", P, "RU", ["Zacharova", "Zakharova", "Maria Zacharova", "Maria Zakharova"]),
    ("Ramzan Kadyrov", P, "RU", ["Kadyrov", "Ramzan Kadyrov"]),
    ("Sergei Surovikin", P, "RU", ["Soerovikin", "Surovikin", "Sergej Soerovikin"]),
    ("Aleksandr Dvornikov", P, "RU", ["Dvornikov", "Aleksandr Dvornikov", "Alexander Dvornikov"]),
    ("Gennady Zhidko", P, "RU", ["Zjidko", "Zhidko", "Gennady Zhidko", "Gennadi Zjidko"]),
    ("Alexei Navalny", P, "RU", ["Navalny", "Navalni", "Aleksej Navalny", "Alexei Navalny"]),
    ("Vasily Nebenzya", P, "RU", ["Nebenzja", "Nebenzya", "Vasili Nebenzja"]),
    ("Andrei Belousov", P, "RU", ["Beloesov", "Belousov", "Andrej Beloesov"]),
    ("Sergei Naryshkin", P, "RU", ["Narysjkin", "Naryshkin"]),
    ("Denis Pushilin", P, "UA", ["Poesjilin", "Pushilin", "Denis Poesjilin"]),
    ("Vladimir Saldo", P, "UA", ["Saldo", "Vladimir Saldo"]),
    ("Dmitry Utkin", P, "RU", ["Oetkin", "Utkin", "Dmitri Oetkin"]),
    # Ukraine
    ("Volodymyr Zelensky", P, "UA", ["Zelensky", "Zelenski", "Zelenskyy", "Zelenskyj", "Volodymyr Zelensky",
                                    "Volodymyr Zelenski", "Wolodymyr Zelensky", "Volodimir Zelenski"]),
    ("Dmytro Kuleba", P, "UA", ["Koeleba", "Kuleba", "Dmytro Koeleba", "Dmytro Kuleba"]),
    ("Oleksii Reznikov", P, "UA", ["Reznikov", "Oleksii Reznikov", "Oleksij Reznikov"]),
    ("Rustem Umerov", P, "UA", ["Oemerov", "Umerov", "Rustem Oemerov"]),
    ("Valerii Zaluzhnyi", P, "UA", ["Zaloezjny", "Zaloezjnyj", "Zaluzhnyi", "Zaluzhny", "Valeri Zaloezjny", "Valerii Zaluzhnyi"]),
    ("Oleksandr Syrskyi", P, "UA", ["Syrsky", "Syrskyi", "Syrskyj", "Oleksandr Syrsky"]),
    ("Kyrylo Budanov", P, "UA", ["Boedanov", "Budanov", "Kyrylo Boedanov", "Kyrylo Budanov"]),
    ("Andriy Yermak", P, "UA", ["Jermak", "Yermak", "Andri Jermak", "Andriy Yermak"]),
    ("Mykhailo Podolyak", P, "UA", ["Podoljak", "Podolyak", "Mychajlo Podoljak", "Mykhailo Podolyak"]),
    ("Denys Shmyhal", P, "UA", ["Sjmyhal", "Shmyhal", "Denys Sjmyhal", "Denys Shmyhal"]),
    ("Olha Stefanishyna", P, "UA", ["Stefanisjyna", "Stefanishyna", "Olha Stefanisjyna", "Olha Stefanishyna"]),
    ("Iryna Vereshchuk", P, "UA", ["Veresjtsjoek", "Vereshchuk", "Iryna Veresjtsjoek"]),
    ("Vitali Klitschko", P, "UA", ["Klitschko", "Klitsjko", "Vitali Klitschko"]),
    ("Viktor Yanukovych", P, "UA", ["Janoekovytsj", "Janoekovitsj", "Yanukovych", "Viktor Janoekovytsj", "Viktor Yanukovych"]),
    ("Petro Poroshenko", P, "UA", ["Porosjenko", "Poroshenko", "Petro Porosjenko", "Petro Poroshenko"]),
    ("Olha Sukhenko", P, "UA", ["Soetsjenko", "Sukhenko", "Olga Soetsjenko", "Olha Sukhenko"]),
    ("Ivan Fedorov", P, "UA", ["Fedorov", "Ivan Fedorov"]),
    ("Vadym Boychenko", P, "UA", ["Bojtsjenko", "Boychenko", "Vadym Bojtsjenko"]),
    ("Ihor Terekhov", P, "UA", ["Terechov", "Terekhov", "Ihor Terechov"]),
    ("Oleh Syniehubov", P, "UA", ["Synjehoebov", "Syniehubov", "Oleh Synjehoebov"]),
    ("Pavlo Kyrylenko", P, "UA", ["Kyrylenko", "Pavlo Kyrylenko"]),
    ("Serhiy Haidai", P, "UA", ["Hajdaj", "Haidai", "Serhi Hajdaj", "Serhiy Haidai"]),
    ("Vitaliy Kim", P, "UA", ["Vitali Kim", "Vitaliy Kim"]),
    ("Dmytro Lubinets", P, "UA", ["Loebinets", "Lubinets", "Dmytro Loebinets"]),
    ("Andriy Sybiha", P, "UA", ["Sybiha", "Andri Sybiha"]),
    ("Yulia Svyrydenko", P, "UA", ["Svyrydenko", "Joelia Svyrydenko"]),
    # Belarus
    ("Alexander Lukashenko", P, "BY", ["Loekasjenko", "Lukashenko", "Aleksandr Loekasjenko", "Alexander Lukashenko"]),
    ("Sviatlana Tsikhanouskaya", P, "BY", ["Tichanovskaja", "Tsikhanouskaya", "Svetlana Tichanovskaja"]),
    # West and others
    ("Joe Biden", P, "US", ["Biden", "Joe Biden"]),
    ("Donald Trump", P, "US", ["Trump", "Donald Trump"]),
    ("Kamala Harris", P, "US", ["Kamala Harris"]),
    ("Antony Blinken", P, "US", ["Blinken", "Antony Blinken"]),
    ("Lloyd Austin", P, "US", ["Lloyd Austin"]),
    ("Jake Sullivan", P, "US", ["Jake Sullivan"]),
    ("John Kirby", P, "US", ["John Kirby"]),
    ("William Burns", P, "US", ["William Burns", "Bill Burns"]),
    ("Marco Rubio", P, "US", ["Rubio", "Marco Rubio"]),
    ("Steve Witkoff", P, "US", ["Witkoff", "Steve Witkoff"]),
    ("Olaf Scholz", P, "DE", ["Scholz", "Olaf Scholz"]),
    ("Angela Merkel", P, "DE", ["Merkel", "Angela Merkel"]),
    ("Friedrich Merz", P, "DE", ["Merz", "Friedrich Merz"]),
    ("Emmanuel Macron", P, "FR", ["Macron", "Emmanuel Macron"]),
    ("Boris Johnson", P, "GB", ["Boris Johnson"]),
    ("Rishi Sunak", P, "GB", ["Sunak", "Rishi Sunak"]),
    ("Keir Starmer", P, "GB", ["Starmer", "Keir Starmer"]),
    ("Mark Rutte", P, "NL", ["Rutte", "Mark Rutte"]),
    ("Dick Schoof", P, "NL", ["Schoof", "Dick Schoof"]),
    ("Wopke Hoekstra", P, "NL", ["Hoekstra", "Wopke Hoekstra"]),
    ("Kajsa Ollongren", P, "NL", ["Ollongren", "Kajsa Ollongren"]),
    ("Jens Stoltenberg", P, "NO", ["Stoltenberg", "Jens Stoltenberg"]),
    ("António Guterres", P, "PT", ["Guterres", "Antonio Guterres", "António Guterres"]),
    ("Rafael Grossi", P, "AR", ["Grossi", "Rafael Grossi"]),
    ("Karim Khan", P, "GB", ["Karim Khan"]),
    ("Ursula von der Leyen", P, "DE", ["Von der Leyen", "Ursula von der Leyen"]),
    ("Charles Michel", P, "BE", ["Charles Michel"]),
    ("Josep Borrell", P, "ES", ["Borrell", "Josep Borrell"]),
    ("Kaja Kallas", P, "EE", ["Kallas", "Kaja Kallas"]),
    ("Recep Tayyip Erdoğan", P, "TR", ["Erdogan", "Erdoğan", "Recep Tayyip Erdogan"]),
    ("Viktor Orbán", P, "HU", ["Orban", "Orbán", "Viktor Orban"]),
    ("Andrzej Duda", P, "PL", ["Duda", "Andrzej Duda"]),
    ("Xi Jinping", P, "CN", ["Xi Jinping", "Xi"]),
    ("Narendra Modi", P, "IN", ["Modi", "Narendra Modi"]),
    ("Pope Francis", P, "VA", ["Paus Franciscus", "Pope Francis"]),
    ("Mikheil Saakashvili", P, "GE", ["Saakasjvili", "Saakashvili", "Micheil Saakasjvili"]),
    ("Kim Jong-un", P, "KP", ["Kim Jong-un", "Kim Jong Un"]),
    ("Alexander Stubb", P, "FI", ["Stubb", "Alexander Stubb"]),
    # Organisations
    ("NATO", ORG, "", ["NAVO", "NATO", "Noord-Atlantische Verdragsorganisatie", "North Atlantic Treaty Organization"]),
    ("United Nations", ORG, "", ["VN", "Verenigde Naties", "UN", "United Nations", "Verenigde Naties (VN)"]),
    ("UN Security Council", ORG, "", ["VN-Veiligheidsraad", "Veiligheidsraad", "Security Council", "UN Security Council"]),
    ("UN General Assembly", ORG, "", ["Algemene Vergadering", "General Assembly", "VN-Algemene Vergadering"]),
    ("European Union", ORG, "", ["EU", "Europese Unie", "European Union"]),
    ("European Commission", ORG, "", ["Europese Commissie", "European Commission"]),
    ("European Parliament", ORG, "", ["Europees Parlement", "European Parliament"]),
    ("IAEA", ORG, "", ["IAEA", "IAEA", "Internationaal Atoomenergieagentschap", "International Atomic Energy Agency"]),
    ("International Criminal Court", ORG, "", ["Internationaal Strafhof", "ICC", "International Criminal Court", "Strafhof"]),
    ("International Court of Justice", ORG, "", ["Internationaal Gerechtshof", "International Court of Justice", "ICJ"]),
    ("OSCE", ORG, "", ["OVSE", "OSCE", "Organisatie voor Veiligheid en Samenwerking in Europa"]),
    ("Red Cross", ORG, "", ["Rode Kruis", "Red Cross", "ICRC", "Internationale Comité van het Rode Kruis"]),
    ("UNHCR", ORG, "", ["UNHCR", "VN-vluchtelingenorganisatie", "Vluchtelingenorganisatie UNHCR"]),
    ("UNICEF", ORG, "", ["UNICEF", "Unicef"]),
    ("World Health Organization", ORG, "", ["WHO", "Wereldgezondheidsorganisatie", "World Health Organization"]),
    ("Amnesty International", ORG, "", ["Amnesty International", "Amnesty"]),
    ("Human Rights Watch", ORG, "", ["Human Rights Watch", "HRW"]),
    ("Institute for the Study of War", ORG, "US", ["ISW", "Institute for the Study of War"]),
    ("Conflict Intelligence Team", ORG, "", ["Conflict Intelligence Team", "CIT"]),
    ("OVD-Info", ORG, "RU", ["OVD-Info", "OVD Info"]),
    ("Bellingcat", ORG, "", ["Bellingcat"]),
    ("EUvsDisinfo", ORG, "", ["EUvsDisinfo"]),
    ("Kremlin", ORG, "RU", ["Kremlin"]),
    ("Pentagon", ORG, "US", ["Pentagon"]),
    ("White House", ORG, "US", ["Witte Huis", "White House"]),
    ("CIA", ORG, "US", ["CIA"]),
    ("FSB", ORG, "RU", ["FSB"]),
    ("SBU", ORG, "UA", ["SBU"]),
    ("GUR", ORG, "UA", ["HUR", "GUR"]),
    ("Duma", ORG, "RU", ["Doema", "Duma", "Staatsdoema", "State Duma"]),
    ("Verkhovna Rada", ORG, "UA", ["Verchovna Rada", "Verkhovna Rada"]),
    ("G7", ORG, "", ["G7", "G-7"]),
    ("G20", ORG, "", ["G20", "G-20"]),
    ("Gazprom", ORG, "RU", ["Gazprom"]),
    ("Rosatom", ORG, "RU", ["Rosatom"]),
    ("Energoatom", ORG, "UA", ["Energoatom"]),
    ("Naftogaz", ORG, "UA", ["Naftogaz"]),
    ("Google", ORG, "US", ["Google"]),
    ("Meta", ORG, "US", ["Meta", "Facebook"]),
    ("Twitter", ORG, "US", ["Twitter"]),
    ("Telegram", ORG, "", ["Telegram"]),
    ("YouTube", ORG, "US", ["YouTube"]),
    ("Apple", ORG, "US", ["Apple"]),
    ("Microsoft", ORG, "US", ["Microsoft"]),
    ("SpaceX", ORG, "US", ["SpaceX", "Starlink"]),
    ("RT", ORG, "RU", ["RT", "Russia Today"]),
    ("Sputnik", ORG, "RU", ["Sputnik"]),
    ("TASS", ORG, "RU", ["TASS", "Tass"]),
    ("RIA Novosti", ORG, "RU", ["RIA Novosti", "RIA"]),
    ("Interfax", ORG, "RU", ["Interfax"]),
    ("Ukrinform", ORG, "UA", ["Ukrinform"]),
    ("Kyiv Independent", ORG, "UA", ["Kyiv Independent", "The Kyiv Independent"]),
    ("Radio Free Europe/Radio Liberty", ORG, "", ["Radio Free Europe", "Radio Liberty", "RFE/RL"]),
    ("Reuters", ORG, "", ["Reuters", "persbureau Reuters"]),
    ("Associated Press", ORG, "US", ["AP", "Associated Press", "persbureau AP"]),
    ("AFP", ORG, "FR", ["AFP", "Agence France-Presse", "persbureau AFP"]),
    ("ANP", ORG, "NL", ["ANP", "persbureau ANP"]),
    ("BBC", ORG, "GB", ["BBC"]),
    ("CNN", ORG, "US", ["CNN"]),
    ("NOS", ORG, "NL", ["NOS"]),
    ("The New York Times", ORG, "US", ["The New York Times", "New York Times", "NYT"]),
    ("The Washington Post", ORG, "US", ["The Washington Post", "Washington Post"]),
    ("The Guardian", ORG, "GB", ["The Guardian"]),
    ("Financial Times", ORG, "GB", ["Financial Times"]),
    ("The Wall Street Journal", ORG, "US", ["Wall Street Journal", "The Wall Street Journal"]),
    ("Der Spiegel", ORG, "DE", ["Der Spiegel", "Spiegel"]),
    ("Al Jazeera", ORG, "QA", ["Al Jazeera"]),
    ("de Volkskrant", ORG, "NL", ["Volkskrant", "de Volkskrant"]),
    ("NRC", ORG, "NL", ["NRC", "NRC Handelsblad"]),
    ("OHCHR", ORG, "", ["OHCHR", "VN-Mensenrechtenbureau", "VN-mensenrechtenraad", "UN Human Rights Office"]),
    ("World Bank", ORG, "", ["Wereldbank", "World Bank"]),
    ("International Monetary Fund", ORG, "", ["IMF", "Internationaal Monetair Fonds", "International Monetary Fund"]),
    ("Council of Europe", ORG, "", ["Raad van Europa", "Council of Europe"]),
    ("European Council", ORG, "", ["Europese Raad", "European Council"]),
    ("Black Sea Fleet", ORG, "RU", ["Zwarte Zeevloot", "Black Sea Fleet"]),
    ("CSTO", ORG, "", ["CSTO", "Collectieve Veiligheidsverdragsorganisatie"]),
    ("BRICS", ORG, "", ["BRICS"]),
    ("Médecins Sans Frontières", ORG, "", ["Artsen zonder Grenzen", "Médecins Sans Frontières", "Doctors Without Borders"]),
    # Armed groups
    ("Wagner Group", A, "RU", ["Wagner", "Wagnergroep", "Wagner-groep", "Wagner Group", "PMC Wagner", "huurlingengroep Wagner"]),
    ("Azov Regiment", A, "UA", ["Azov", "Azovregiment", "Azov-regiment", "Azov-bataljon", "Azovbataljon", "Azov Regiment"]),
    ("Kadyrovites", A, "RU", ["Kadyrovtsy", "Kadyrovieten", "Kadyrovites"]),
    ("Russian Volunteer Corps", A, "RU", ["Russisch Vrijwilligerskorps", "Russian Volunteer Corps", "RDK"]),
    ("Freedom of Russia Legion", A, "RU", ["Legioen Vrijheid voor Rusland", "Freedom of Russia Legion"]),
    ("Donetsk People's Republic", A, "UA", ["Volksrepubliek Donetsk", "DVR", "DNR", "Donetsk People's Republic"]),
    ("Luhansk People's Republic", A, "UA", ["Volksrepubliek Loegansk", "Volksrepubliek Loehansk", "LVR", "LNR",
                                          "Luhansk People's Republic"]),
    ("Hamas", A, "", ["Hamas"]),
    ("Hezbollah", A, "", ["Hezbollah"]),
    ("Taliban", A, "", ["Taliban"]),
    ("Islamic State", A, "", ["Islamitische Staat", "IS", "ISIS", "Islamic State"]),
]  # fmt: skip

# State adjectives (Dutch and English, folded forms are generated at load time).
ADJECTIVES = {
    "Russia": ["russisch", "russische", "russian"],
    "Ukraine": ["oekraïens", "oekraïense", "oekraiens", "oekraiense", "ukrainian"],
    "United States": ["amerikaans", "amerikaanse", "american"],
    "United Kingdom": ["brits", "britse", "british"],
    "Germany": ["duits", "duitse", "german"],
    "France": ["frans", "franse", "french"],
    "Poland": ["pools", "poolse", "polish"],
    "Belarus": ["wit-russisch", "wit-russische", "belarussisch", "belarussische", "belarusian"],
    "China": ["chinees", "chinese"],
    "Turkey": ["turks", "turkse", "turkish"],
    "Netherlands": ["nederlands", "nederlandse", "dutch"],
    "Georgia": ["georgisch", "georgische", "georgian"],
    "Moldova": ["moldavisch", "moldavische", "moldovan"],
    "Iran": ["iraans", "iraanse", "iranian"],
    "North Korea": ["noord-koreaans", "noord-koreaanse", "north korean"],
    "European Union": ["europees", "europese"],
}

# Titles and roles before a person's name. The part before a name, lowercase.
TITLES = [
    "president",
    "premier",
    "minister-president",
    "minister",
    "vicepremier",
    "vice-premier",
    "staatssecretaris",
    "kanselier",
    "koning",
    "koningin",
    "woordvoerder",
    "woordvoerster",
    "generaal",
    "kolonel-generaal",
    "luitenant-generaal",
    "generaal-majoor",
    "majoor-generaal",
    "kolonel",
    "majoor",
    "kapitein",
    "luitenant",
    "admiraal",
    "commandant",
    "bevelhebber",
    "burgemeester",
    "gouverneur",
    "ambassadeur",
    "secretaris-generaal",
    "procureur-generaal",
    "aanklager",
    "hoofdaanklager",
    "patriarch",
    "paus",
    "senator",
    "parlementslid",
    "kamerlid",
    "gezant",
    "opperbevelhebber",
    "adviseur",
    "presidentsadviseur",
    "ombudsman",
    "directeur",
    "voorzitter",
    "chef",
    "journalist",
    "fotograaf",
    "correspondent",
    "oppositieleider",
    "activist",
    "minister",
    "van",
    "buitenlandse",
    "zaken",
    "defensie",
    "president",
    "prime",
    "minister",
    "foreign",
    "minister",
    "defence",
    "minister",
    "defense",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "colonel",
    "major",
    "captain",
    "lieutenant",
    "admiral",
    "commander",
    "mayor",
    "governor",
    "ambassador",
    "secretary-general",
    "prosecutor",
    "chancellor",
    "senator",
    "adviser",
    "advisor",
    "director",
    "chairman",
    "chief",
]


def main() -> None:
    lines = ["name\ttype\tcountry\taliases"]
    for name, kind, country, aliases in ACTORS:
        spellings = sorted({name, *aliases})
        lines.append(f"{name}\t{kind}\t{country}\t" + "|".join(spellings))
    (DATA / "actors.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    adj = ["adjective\tstate"]
    for state, words in ADJECTIVES.items():
        adj.extend(f"{w}\t{state}" for w in words)
    (DATA / "actors_adjectives.tsv").write_text("\n".join(adj) + "\n", encoding="utf-8")

    titles = sorted(set(TITLES))
    (DATA / "actors_titles.txt").write_text("\n".join(titles) + "\n", encoding="utf-8")

    common: set[str] = set()
    for lang, n in (("nl", 60_000), ("en", 30_000)):
        for word in top_n_list(lang, n):
            if word.isalpha() and zipf_frequency(word, lang) >= 3.0:
                common.add(fold(word))
    (DATA / "actors_common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    print(
        f"actors.tsv: {len(ACTORS)} actors; adjectives: {len(adj) - 1}; titles: {len(titles)}; common words: {len(common)}"
    )


if __name__ == "__main__":
    main()
