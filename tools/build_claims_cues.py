"""Compile ``src/kroniek/data/claims_cues.tsv``: Dutch and English reporting verbs and phrases.

The list is written from ordinary reporting-verb usage, not from any annotated text. A verb
is given by its forms (present, past, participle); a separable Dutch verb by its stem forms
and its particle, joined by ``~`` (a gap of a few words: "kondigde de president gisteren ...
aan"). Columns: ``cue  stance  speaker  requires  language``:

- ``stance``: asserts | denies;
- ``speaker``: ``subject`` (the clause's subject), ``after`` (the name after the cue:
  "volgens X"), ``agent`` (the ``door``/``by`` phrase of a passive: "werd door X geschat"), or
  ``none``;
- ``requires``: ``-`` or ``dat``/``that``: the cue counts only with a complement clause (a
  quote or a colon does as well);
- ``language``: nl | en: a cue is looked for in text of its language (or of unknown language), so
  the English "stress" or "state" is no cue in Dutch text.

Run: ``.venv/bin/python tools/build_claims_cues.py``.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "kroniek" / "data"

A, D = "asserts", "denies"

# Dutch verbs: (finite forms, participles, stance, requires for the finite forms)
DUTCH_VERBS: list[tuple[str, str, str, str]] = [
    ("zeg zegt zeggen zei zeiden", "gezegd", A, "-"),
    ("meld meldt melden meldde meldden", "gemeld", A, "-"),
    ("verklaar verklaart verklaren verklaarde verklaarden", "verklaard", A, "dat"),
    ("stel stelt stellen stelde stelden", "gesteld", A, "dat"),
    ("vertel vertelt vertellen vertelde vertelden", "verteld", A, "-"),
    ("schrijf schrijft schrijven schreef schreven", "geschreven", A, "dat"),
    ("bericht berichtte berichtten", "bericht", A, "-"),
    ("beweer beweert beweren beweerde beweerden", "beweerd", A, "-"),
    ("claim claimt claimen claimde claimden", "geclaimd", A, "-"),
    ("bevestig bevestigt bevestigen bevestigde bevestigden", "bevestigd", A, "-"),
    ("erken erkent erkennen erkende erkenden", "erkend", A, "dat"),
    ("waarschuw waarschuwt waarschuwen waarschuwde waarschuwden", "gewaarschuwd", A, "-"),
    ("benadruk benadrukt benadrukken benadrukte benadrukten", "benadrukt", A, "dat"),
    ("onderstreep onderstreept onderstrepen onderstreepte onderstreepten", "onderstreept", A, "dat"),
    ("noem noemt noemen noemde noemden", "genoemd", A, "-"),
    ("schat schatten schatte schatten", "geschat", A, "-"),
    ("beschuldig beschuldigt beschuldigen beschuldigde beschuldigden", "beschuldigd", A, "-"),
    ("onthul onthult onthullen onthulde onthulden", "onthuld", A, "dat"),
    ("suggereer suggereert suggereren suggereerde suggereerden", "gesuggereerd", A, "dat"),
    ("beloof belooft beloven beloofde beloofden", "beloofd", A, "dat"),
    ("twittert twitterde twitterden", "getwitterd", A, "-"),
    ("ontken ontkent ontkennen ontkende ontkenden", "ontkend", D, "-"),
    ("weerspreek weerspreekt weerspreken weersprak weerspraken", "weersproken", D, "-"),
    ("weerleg weerlegt weerleggen weerlegde weerlegden", "weerlegd", D, "-"),
    ("verwerp verwerpt verwerpen verwierp verwierpen", "verworpen", D, "-"),
    ("verkondig verkondigt verkondigen verkondigde verkondigden", "verkondigd", A, "dat"),
    ("concludeer concludeert concluderen concludeerde concludeerden", "geconcludeerd", A, "dat"),
    ("constateer constateert constateren constateerde constateerden", "geconstateerd", A, "dat"),
    ("betoog betoogt betogen betoogde betoogden", "betoogd", A, "dat"),
    ("meen meent menen meende meenden", "", A, "dat"),
    ("klaag klaagt klagen klaagde klaagden", "", A, "dat"),
]
# Separable Dutch verbs: (finite stem forms, particle, participles, stance, requires)
DUTCH_SEPARABLE: list[tuple[str, str, str, str, str]] = [
    # Announcing an action performs it ("kondigde een mobilisatie aan"); announcing *that* reports.
    ("kondig kondigt kondigen kondigde kondigden", "aan", "aangekondigd", A, "dat"),
    ("maak maakt maken maakte maakten", "bekend", "bekendgemaakt", A, "-"),
    ("laat laten liet lieten", "weten", "", A, "-"),
    ("geef geeft geven gaf gaven", "aan", "aangegeven", A, "dat"),
    ("geef geeft geven gaf gaven", "toe", "toegegeven", A, "dat"),
    ("geef geeft geven gaf gaven", "de schuld", "", A, "-"),
    ("deel deelt delen deelde deelden", "mee", "meegedeeld", A, "-"),
    ("voeg voegt voegen voegde voegden", "toe", "toegevoegd", A, "dat"),
    ("zeg zegt zeggen zegde zegden", "toe", "toegezegd", A, "-"),  # a pledge may not be kept: attributed
    ("houd houdt hield hielden", "vol", "volgehouden", A, "dat"),
    ("wijs wijst wijzen wees wezen", "erop", "", A, "dat"),
    ("spreek spreekt spreken sprak spraken", "tegen", "tegengesproken", D, "-"),
    ("wijs wijst wijzen wees wezen", "van de hand", "", D, "-"),
    ("wijs wijst wijzen wees wezen", "op", "", A, "-"),
    ("maak maakt maken maakte maakten", "melding van", "", A, "-"),
]
# Fixed Dutch phrases: (cue, stance, speaker, requires)
DUTCH_PHRASES: list[tuple[str, str, str, str]] = [
    ("volgens", A, "after", "-"),
    ("aldus", A, "after", "-"),
    ("naar verluidt", A, "none", "-"),
    ("naar eigen zeggen", A, "subject", "-"),
    ("onder verwijzing naar", A, "after", "-"),
    ("sprak van", A, "subject", "-"),
    ("spraken van", A, "subject", "-"),
    ("spreekt van", A, "subject", "-"),
    ("sprak over", A, "subject", "-"),
    ("spraken over", A, "subject", "-"),
    ("spreekt over", A, "subject", "-"),
    ("melding gemaakt van", A, "agent", "-"),
    ("gewezen ~ op", A, "agent", "-"),
    ("klaagde over", A, "subject", "-"),
    ("klaagden over", A, "subject", "-"),
    ("klaagt over", A, "subject", "-"),
    ("is bekend gemaakt", A, "agent", "-"),
    ("heeft laten weten", A, "subject", "-"),
    ("hebben laten weten", A, "subject", "-"),
]
ENGLISH_VERBS: list[tuple[str, str, str]] = [
    ("say says said", A, "-"),
    ("tell tells told", A, "-"),
    ("state states stated", A, "that"),
    ("report reports reported", A, "-"),
    ("claim claims claimed", A, "-"),
    ("announce announces announced", A, "that"),
    ("estimate estimates estimated", A, "-"),
    ("warn warns warned", A, "-"),
    ("confirm confirms confirmed", A, "-"),
    ("acknowledge acknowledges acknowledged", A, "that"),
    ("admit admits admitted", A, "that"),
    ("insist insists insisted", A, "-"),
    ("stress stresses stressed", A, "that"),
    ("emphasise emphasises emphasised emphasize emphasizes emphasized", A, "that"),
    ("allege alleges alleged", A, "-"),
    ("accuse accuses accused", A, "-"),
    ("blame blames blamed", A, "-"),
    ("reveal reveals revealed", A, "that"),
    ("add adds added", A, "that"),
    ("write writes wrote", A, "that"),
    ("tweet tweets tweeted", A, "-"),
    ("promise promises promised", A, "-"),
    ("pledge pledges pledged", A, "-"),
    ("deny denies denied", D, "-"),
    ("reject rejects rejected", D, "-"),
    ("dismiss dismisses dismissed", D, "-"),
    ("refute refutes refuted", D, "-"),
]
ENGLISH_PHRASES: list[tuple[str, str, str, str]] = [
    ("according to", A, "after", "-"),
    ("reportedly", A, "none", "-"),
    ("citing", A, "after", "-"),
]
# Bare forms that are also nouns or imperatives: they need a complement clause.
NEEDS_COMPLEMENT = frozenset({"zeg", "meld", "stel", "claim", "bericht", "schat", "twitter", "noem", "say", "report",
                              "reports", "claims", "state", "states", "estimate", "estimates", "add", "adds",
                              "stress", "write", "tweet", "tell", "warn", "blame", "deny", "reject", "dismiss", "promise",
                              "promises", "pledge", "pledges"})  # fmt: skip


def rows() -> list[tuple[str, ...]]:
    dutch = _dutch()
    english = [(*r, "en") for r in _english()]
    seen: set[tuple[str, str]] = set()
    unique = []
    for row in [(*r, "nl") for r in dutch] + english:
        if (row[0], row[-1]) not in seen:
            seen.add((row[0], row[-1]))
            unique.append(row)
    return unique


def _dutch() -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for forms, participles, stance, requires in DUTCH_VERBS:
        for form in forms.split():
            out.append((form, stance, "subject", "dat" if form in NEEDS_COMPLEMENT else requires))
        for part in participles.split():
            # "zoals gezegd", "de genoemde stad": these participles report only with a clause
            loose = part in {"gezegd", "gesteld", "genoemd", "verteld", "geschreven", "beloofd", "gewaarschuwd"}
            out.append((part, stance, "agent", "dat" if loose else requires))
    for forms, particle, participles, stance, requires in DUTCH_SEPARABLE:
        for form in forms.split():
            out.append((f"{form} ~ {particle}", stance, "subject", requires))
        for part in participles.split():
            out.append((part, stance, "agent", requires))
    out.extend(DUTCH_PHRASES)
    return out


def _english() -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for forms, stance, requires in ENGLISH_VERBS:
        for form in forms.split():
            out.append((form, stance, "subject", "that" if form in NEEDS_COMPLEMENT else requires))
    out.extend(ENGLISH_PHRASES)
    return out


def main() -> None:
    table = rows()
    lines = ["cue\tstance\tspeaker\trequires\tlanguage"] + ["\t".join(r) for r in table]
    (DATA / "claims_cues.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"claims_cues.tsv: {len(table)} cues")


if __name__ == "__main__":
    main()
