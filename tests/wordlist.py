"""Plain Dutch words for generated test reports: distinct enough that no two are near-duplicates."""

WORDS = """
    leger stad brug haven trein school raad minister burgemeester dorp rivier grens konvooi nacht
    ochtend brief wet vrede hulp water stroom dak weg straat markt kerk toren veld bos heuvel kust
    schip vliegveld ziekenhuis fabriek boer soldaat kind moeder vader kaart plan akkoord verdrag
    gesprek aanval verdediging evacuatie bevolking winter graan olie gas prijs munt bank schuld
    tank drone raket sirene kelder bus auto fiets oorlog reporter zomer lente herfst
""".split()  # noqa: SIM905 - a word list reads best as words
