"""Claims: sentences that report what someone says, claims or denies, with the speaker and the stance.

A cue ("volgens X", "X zegt dat", "X meldt", "X ontkent", "naar verluidt", "according to",
"X denied") marks the sentence as attributed, so no later stage presents it as fact. The
speaker is an actor of the sentence: after the cue for "volgens"-like cues; for verbs the
subject before the cue, or after it when the clause opens with an adverbial (Dutch word
order: "op 2 maart beweerde Rusland"). State adjectives with an authority noun ("de
Oekraïense autoriteiten") speak for the state; "de organisatie" and "hij" for the last
organisation or person mentioned. Figures in a sentence with a claim are attributed to its speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kroniek.extract.entity_lexicon import STRONG, lexicons
from kroniek.extract.figures import _tokens, folded_text
from kroniek.extract.lexicon import fold
from kroniek.model import Document, Mention, Sentence
from kroniek.pipeline import component

AUTHORITY = frozenset(
    [
        "autoriteiten",
        "regering",
        "zijde",
        "kant",
        "leger",
        "ministerie",
        "overheid",
        "bronnen",
        "defensie",
        "strijdkrachten",
        "legerleiding",
        "inlichtingendienst",
        "inlichtingendiensten",
        "functionarissen",
        "staf",
        "justitie",
        "politie",
        "marine",
        "luchtmacht",
        "kustwacht",
        "presidentsbureau",
        "parlement",
        "officials",
        "authorities",
        "government",
        "military",
        "sources",
    ]
)
BOUNDARY = frozenset({",", ";", ":", "dat", "die", "terwijl", "maar", "omdat", "nadat", "toen", "want", "that", "while", '"', "'"})  # fmt: skip
OPENERS = frozenset(
    [
        "op",
        "in",
        "na",
        "bij",
        "tijdens",
        "vanaf",
        "sinds",
        "rond",
        "tegen",
        "begin",
        "eind",
        "medio",
        "later",
        "daarna",
        "vervolgens",
        "toen",
        "ook",
        "echter",
        "inmiddels",
        "gisteren",
        "vandaag",
        "eerder",
        "intussen",
        "verder",
        "volgens",
        "voor",
        "na",
        "donderdag",
        "maandag",
        "dinsdag",
        "woensdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "on",
        "in",
        "at",
        "after",
        "later",
        "then",
        "also",
        "however",
        "yesterday",
        "today",
        "earlier",
    ]
)
SUBJECT_PRONOUNS = frozenset({"hij", "zij", "ze", "he", "she", "they"})
RELATIVES = frozenset({"die", "dat", "who", "which", "that"})
# A state's army speaks as its armed forces, not as the state: "het Oekraïense leger meldde".
MILITARY = frozenset({"leger", "strijdkrachten", "legerleiding", "military", "army"})
ARMED_FORCES = {"Ukraine": "Armed Forces of Ukraine", "Russia": "Russian Armed Forces"}
NOT_SPEAKER_BEFORE = frozenset({"aan", "tegen", "to", "met", "over", "in", "uit", "naar", "van", "bij", "op"})
ANAPHORS = {
    ("hij",): "person", ("zij",): "person", ("he",): "person", ("she",): "person", ("hem",): "person",
    ("him",): "person",
    ("de", "organisatie"): "organization", ("het", "agentschap"): "organization", ("de", "krant"): "organization",
    ("the", "organization"): "organization", ("the", "agency"): "organization",
}  # fmt: skip


TIME_WORDS = frozenset(
    ["dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "later", "eerder", "ochtend", "middag", "avond",
     "nacht", "day", "week", "month", "year", "later", "earlier"]
)  # fmt: skip
CLAUSE_END = frozenset(["dat", "that", ":", '"', "'", "“", ";", "."])
_MAIN_VERBS = frozenset(
    [
        "is",
        "was",
        "zijn",
        "waren",
        "werd",
        "werden",
        "wordt",
        "worden",
        "heeft",
        "hebben",
        "had",
        "hadden",
        "kan",
        "kon",
        "zal",
        "zou",
    ]
)


GAP = 14  # words a separable verb's particle may stand after its stem
GAP_STOP = frozenset([".", ";", "?", "!", "dat", "omdat", "terwijl", "nadat", "maar", "want", "that"])
NEGATIONS = frozenset(["niet", "nooit", "geen", "not", "never", "n't", "noch", "neither"])
PASSIVE_AUX = frozenset(
    ["werd", "werden", "wordt", "worden", "is", "zijn", "was", "waren", "been", "being", "were", "are"]
)
# Reporting verbs that are also nouns ("rejected claims that", "reports of"): a verb only after a subject.
NOUN_FORMS = frozenset(["claims", "reports", "claim", "report", "estimates", "states", "warns"])
DETERMINERS = frozenset(["de", "het", "een", "the", "a", "an", "deze", "die", "this", "these", "those"])
PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "who", "hij", "zij", "ze", "het", "men"])


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]  # "~" is a gap of up to four words
    stance: str
    speaker: str  # "after", "subject", "agent" or "none"
    requires: str  # "-" or a complementiser ("dat", "that"): a quote or colon does as well


@lru_cache(maxsize=4)
def cues(language: str | None = None) -> dict[str, list[Cue]]:
    """Cues of one language (both when None) keyed by their first word, longest first."""
    text = resources.files("kroniek.data").joinpath("claims_cues.tsv").read_text(encoding="utf-8")
    table: dict[str, list[Cue]] = {}
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        cue, stance, speaker, requires, lang = line.split("\t")
        if language is not None and lang != language:
            continue
        words = tuple(fold(cue).split())
        entry = Cue(words, stance, speaker, requires)
        if entry not in table.get(words[0], []):
            table.setdefault(words[0], []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda c: -len(c.words))
    return table


@lru_cache(maxsize=4)
def _cue_pattern(language: str | None = None) -> re.Pattern[str]:
    """Any cue's first word: sentences without one are skipped without tokenising."""
    firsts = sorted(cues(language), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in firsts) + r")(?!\w)")


class _InTimex:
    """``k in in_timex``: does token k lie inside a time expression? Computed only when asked."""

    def __init__(self, toks: list, spans: list[tuple[int, int]]) -> None:
        self.toks, self.spans = toks, spans

    def __contains__(self, k: object) -> bool:
        if not isinstance(k, int) or not 0 <= k < len(self.toks):
            return False
        start = self.toks[k].start
        return any(s <= start < e for s, e in self.spans)


@dataclass
class Candidate:
    first: int  # token indices
    last: int
    name: str
    type: str


class ClaimTagger:
    """Appends ``claim`` mentions ({speaker, stance}, span = the cue) to ``sentence.mentions``."""

    _language: str | None = None  # the document's language: cues of that language only

    def __call__(self, doc: Document) -> Document:
        self._language = doc.language if doc.language in {"nl", "en"} else None
        self._countries = frozenset(e.name for e in lexicons().entries if e.kind == "country")
        self._adjectives = lexicons().adjectives
        history: list[tuple[str, str]] = []  # (name, type) of actors in reading order
        for sent in doc.sentences:
            if not sent.boilerplate:
                claims = self.claims(doc.text, sent, history)
                sent.mentions.extend(claims)
                speaker = next((c.attrs["speaker"] for c in claims if c.attrs["speaker"]), None)
                if speaker:
                    for m in sent.mentions:
                        if m.kind == "figure" and m.attrs.get("attribution") is None:
                            m.attrs["attribution"] = speaker
            sent.mentions.sort(key=lambda m: (m.start, m.end))  # the last stage leaves the layer in reading order
            for m in sent.mentions:
                if m.kind == "actor":
                    history.append((m.attrs["name"], m.attrs["type"]))
        return doc

    # -- cues
    def _match(self, words: list[str], i: int) -> tuple[Cue, list[int]] | None:
        for cue in cues(self._language).get(words[i], []):
            positions = self._positions(cue.words, words, i)
            if positions is not None:
                return cue, positions
        return None

    @staticmethod
    def _positions(pattern: tuple[str, ...], words: list[str], i: int) -> list[int] | None:
        """Token positions of a cue starting at token i; a ``~`` gap spans up to a dozen words of the clause."""
        positions = [i]
        k = i + 1
        parts = " ".join(pattern[1:]).split("~")
        for n, part in enumerate(parts):
            seq = part.split()
            if n == 0:
                if words[k : k + len(seq)] != seq:
                    return None
                positions.extend(range(k, k + len(seq)))
                k += len(seq)
                continue
            found = None
            for p in range(k, min(len(words), k + GAP)):
                if words[p] in GAP_STOP and not (p == k and words[p] in {"dat", "that"}):
                    break  # "maakte dat bekend": a demonstrative right after the verb is no clause
                if words[p : p + len(seq)] == seq:
                    found = p
                    break
            if found is None:
                return None
            positions.extend(range(found, found + len(seq)))
            k = found + len(seq)
        return positions

    def _complement(self, words: list[str], end: int, cue: Cue, start: int | None = None) -> bool:
        if cue.requires == "-":
            return True
        start = end if start is None else start
        comma_before = "," in words[max(0, start - 4) : start]
        if comma_before and len(words) - end <= 6 and all(w not in BOUNDARY for w in words[end + 1 : end + 6]):
            return True  # the reported clause came first: "..., schat de VN.", "..., the UN estimates."
        window = words[end + 1 : end + 16]
        if "oorlog" in window[:5] or "war" in window[:5]:
            return False
        for k, w in enumerate(window):
            if w in {"dat", "that", ":", '"', "'", "“", "„"}:
                return True
            if w == "," and k + 1 < len(window) and window[k + 1] in _MAIN_VERBS:
                return False  # "..., is het onwaarschijnlijk dat": the "dat" belongs to the next clause
        return False

    # -- speakers
    def _candidates(self, sent: Sentence, toks: list, words: list[str]) -> list[Candidate]:
        starts = [sent.start + t.start for t in toks]
        out: list[Candidate] = []
        for m in sent.mentions:
            if m.kind == "actor" or (m.kind == "place" and m.attrs.get("name") in self._countries):
                first = bisect.bisect_left(starts, m.start)
                last = max(first, bisect.bisect_left(starts, m.end) - 1)
                kind = m.attrs.get("type", "state")
                out.append(Candidate(first, last, m.attrs["name"], kind))
        for i, w in enumerate(words[:-1]):
            state = self._adjectives.get(w)
            if not state:
                continue
            for head in (i + 1, i + 2):  # "de Oekraïense militaire inlichtingendienst"
                if head < len(words) and words[head] in AUTHORITY and (head == i + 1 or words[i + 1].endswith("e")):
                    if words[head] in MILITARY:
                        out.append(
                            Candidate(i, head, ARMED_FORCES.get(state, f"Armed Forces of {state}"), "organization")
                        )
                    else:
                        out.append(Candidate(i, head, state, "state"))
                    break
        out.sort(key=lambda c: c.first)
        return out

    def _anaphor(self, words: list[str], lo: int, hi: int, history: list[tuple[str, str]]) -> str | None:
        for i in range(lo, hi):
            if words[i] == "zij" and i + 1 < len(words) and words[i + 1].endswith("en"):
                continue  # "zij klaagden": they, not she
            for phrase, kind in ANAPHORS.items():
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return next((name for name, t in reversed(history) if t == kind), None)
        return None

    @staticmethod
    def _pick(cands: list[Candidate]) -> str | None:
        """The most specific of the candidates: a person, then a named organisation, then a state."""
        if not cands:
            return None
        rank = {"person": 0, "organization": 1, "armed_group": 1}
        return min(cands, key=lambda c: (rank.get(c.type, 2), c.first)).name

    def _speaker(self, cue: Cue, positions: list[int], words: list[str], cands: list[Candidate],
                 sentence_history: list[tuple[str, str]], in_timex: _InTimex) -> str | None:  # fmt: skip
        first, last = positions[0], positions[-1]
        if cue.speaker == "none":
            return None
        if cue.speaker == "agent":
            # A participle: "werd door de VN geschat" names its agent; a passive without one has no speaker.
            agent = [c for c in cands if c.first > 0 and words[c.first - 1] in {"door", "by"}]
            agent += [c for c in cands if c.first > 1 and words[c.first - 2] in {"door", "by"}
                      and words[c.first - 1] in {"de", "het", "the"}]  # fmt: skip
            if agent:
                return agent[0].name
            lo = next((k + 1 for k in range(first - 1, -1, -1) if words[k] in BOUNDARY), 0)
            if any(w in PASSIVE_AUX for w in words[lo:first]) and not any(
                w in {"heeft", "hebben", "had", "hadden", "has", "have"} for w in words[lo:first]
            ):
                return None
        if cue.speaker == "after":
            # the source is the noun phrase after the cue: stop at a preposition, a verb or a number
            stop = next(
                (
                    k
                    for k in range(last + 1, min(len(words), last + 10))
                    if words[k] in {",", ";", ":", "naar", "in", "op", "to", "into", "at"}
                    or words[k] in _MAIN_VERBS
                    or words[k] in STRONG
                    or words[k][0].isdecimal()
                ),
                None,
            )
            end = stop if stop is not None else min(len(words), last + 9)
            after = [c for c in cands if last < c.first < end]
            if after:
                return after[0].name
            return self._anaphor(words, last + 1, end, sentence_history)
        # A verb with a particle: the subject may stand between ("kondigde Zelensky aan").
        inside = [c for c in cands if first < c.first < last and not self._governed(words, c)]
        if inside and not self._object_first(words, first, inside[0].first, cands):
            return self._pick(inside)
        # A second verb of the sentence's subject: "Rutte sprak over ... en benadrukte dat".
        if first > 0 and words[first - 1] in {"en", "and"}:
            opening = [c for c in cands if c.first <= 1]
            if opening:
                return opening[0].name
            anaphor = self._anaphor(words, 0, 2, sentence_history)
            if anaphor:
                return anaphor
        # The subject before the verb, or after it when the clause opens with an adverbial.
        lo = 0
        for k in range(first - 1, -1, -1):
            if words[k] in BOUNDARY:
                lo = k + 1
                break
        before = [c for c in cands if lo <= c.first < first and not self._governed(words, c)]
        if len(before) > 1:
            before = [c for c in before if not self._possessor(words, c)] or before
        if before:
            return self._pick(before)
        if self._relative(words, first - 1):
            # a relative clause: "..., Sergei Pugachev, die zei dat": its antecedent speaks
            antecedent = [c for c in cands if c.last == first - 3]
            if antecedent:
                return antecedent[0].name
        if lo == first and lo >= 2 and words[lo - 1] == ",":
            # apposition: "de lokale gouverneur, Maksym Kozytsky, meldde"
            appositive = [c for c in cands if c.last == lo - 2 and c.first > 0 and words[c.first - 1] == ","]
            if appositive:
                return appositive[0].name
        anaphor = self._anaphor(words, lo, first, sentence_history)
        if anaphor:
            return anaphor
        # A noun phrase before the verb that names no actor is its subject: "het leger zei", "een functionaris vertelde".
        determiner = lo < first and words[lo] in {"de", "het", "een", "the", "a", "an"}
        if determiner and not any(w in TIME_WORDS for w in words[lo:first]) and lo not in in_timex:
            return None
        end = next((k for k in range(last + 1, len(words)) if words[k] in CLAUSE_END), len(words))
        if any(c.first == last + 1 or (c.first == last + 2 and words[last + 1] in {"de", "het", "the"}) for c in cands):
            # a name right after the verb is its subject: "zei Poetin", "meldde de NAVO", "zei VN-chef Guterres"
            near = [c for c in cands if last < c.first < min(end, last + 7) and not self._governed(words, c)]
            return self._pick(near)
        inverted = lo == first or words[lo] in OPENERS or words[lo][0].isdigit() or lo in in_timex
        if inverted:
            end = len(words)
            for k in range(last + 1, len(words)):
                if words[k] in {"dat", "that", ":", '"', "'", "“", ";"} or k > last + 9:
                    end = k
                    break
            after = [c for c in cands if last < c.first < end and not self._governed(words, c)]
            if after:
                return self._pick(after)
            anaphor = self._anaphor(words, last + 1, end, sentence_history)
            if anaphor:
                return anaphor
        if lo == first and cands and cands[0].first <= 1:
            return cands[0].name  # "Prigozjin, die ..., gaf aan dat"
        return None

    @staticmethod
    def _object_first(words: list[str], verb: int, cand: int, cands: list[Candidate]) -> bool:
        """ "zegden de bondgenoten Oekraïne ... toe": a plain noun phrase after the verb is its subject."""
        k = verb + 1
        if k < cand and words[k] in {"de", "het", "the"} and k + 1 < cand:
            head = words[k + 1]
            inside_cand = any(c.first <= k + 1 <= c.last for c in cands)
            return not inside_cand and head.endswith(("en", "s"))  # a plural noun: "de bondgenoten"
        return False

    @staticmethod
    def _reported_pronoun(words: list[str], previous: int, first: int) -> bool:
        """The cue's subject is a pronoun opening the clause an earlier cue reports: "meldde X dat ze ... zeiden"."""
        return (
            0 <= previous < first - 2
            and words[first - 1] in SUBJECT_PRONOUNS
            and words[first - 2] in {"dat", "that"}
            and all(w not in {".", ";"} for w in words[previous:first])
        )

    @staticmethod
    def _relative(words: list[str], k: int) -> bool:
        """ "..., die zei": a relative pronoun after a comma, not a determiner ("die genoemde stad")."""
        return k >= 1 and words[k] in RELATIVES and words[k - 1] == ","

    @staticmethod
    def _bare_passive(words: list[str], i: int, last: int) -> bool:
        """An English passive with neither agent nor reported clause: "after the mobilisation was announced"."""
        if not words[last].endswith("ed") or words[i - 1] not in {"was", "were", "been", "be", "is", "are", "being"}:
            return False
        after = words[last + 1 : last + 4]
        return not any(w in {"that", "by", ":", '"', "“"} for w in after)

    @staticmethod
    def _negated(words: list[str], i: int) -> bool:
        """A negation just before the cue, in its clause: "heeft niet bevestigd", "did not confirm"."""
        for k in range(i - 1, max(-1, i - 4), -1):
            if words[k] in BOUNDARY or words[k] in {"dat", "that"}:
                return False
            if words[k] in NEGATIONS:
                return True
        return False

    @staticmethod
    def _coordinated(words: list[str], previous: int, i: int) -> bool:
        """The cue is coordinated with the negated cue before it: "niet bevestigd of ontkend"."""
        return 0 < i - previous <= 2 and words[i - 1] in {"of", "noch", "en", "or", "nor", "and"}

    @staticmethod
    @staticmethod
    def _possessor(words: list[str], c: Candidate) -> bool:
        """ "Zelensky's stafchef": the possessor is not the subject."""
        return words[c.last].endswith("'s") or (
            c.last + 2 < len(words) and words[c.last + 1 : c.last + 3] == ["'", "s"]
        )

    @staticmethod
    def _after_subject(words: list[str], i: int, cands: list[Candidate]) -> bool:
        """A verb form that is also a noun is a verb only right after its subject: "Russia claims that"."""
        if i == 0:
            return False
        return words[i - 1] in PRONOUNS or any(c.last == i - 1 for c in cands)

    @staticmethod
    def _governed(words: list[str], c: Candidate) -> bool:
        """Is the candidate the object of a preposition ("in de VS", "aan Reuters")? Then it is no subject."""
        if words[c.last] in {"zijde", "kant"}:
            return False  # "van Russische zijde meldde men"
        k = c.first - 1
        if k >= 0 and words[k] in {"de", "het", "the"}:
            k -= 1
        return k >= 0 and words[k] in NOT_SPEAKER_BEFORE

    def claims(self, text: str, sent: Sentence, history: list[tuple[str, str]]) -> list[Mention]:
        folded = folded_text(text)[sent.start : sent.end]
        if not _cue_pattern(self._language).search(folded):
            return []
        toks = _tokens(folded)
        words = [t.text for t in toks]
        table = cues(self._language)
        out: list[Mention] = []
        cands: list[Candidate] | None = None
        timex = [(t.start - sent.start, t.end - sent.start) for t in sent.timex]
        in_timex = _InTimex(toks, timex)
        negated_at: int | None = None
        last_cue = -1
        i = 0
        while i < len(words):
            if words[i] not in table:
                i += 1
                continue
            found = self._match(words, i)
            if found is None:
                i += 1
                continue
            cue, positions = found
            if not self._complement(words, positions[-1], cue, positions[0]) or (
                words[i] in {"meldde", "meldden", "meldt"} and i + 1 < len(words) and words[i + 1] == "zich"
            ):
                i += 1
                continue
            if self._negated(words, i) or (negated_at is not None and self._coordinated(words, negated_at, i)):
                negated_at = positions[-1]  # "niet bevestigd of ontkend": no statement was made
                i = positions[-1] + 1
                continue
            adjectival = (
                cue.speaker in {"subject", "agent"}
                and i > 0
                and words[i - 1] in DETERMINERS | {"te", "to"}
                and not self._relative(words, i - 1)
            )
            if i > 0 and (adjectival or self._bare_passive(words, i, positions[-1])):
                i += 1  # "de genoemde stad", "the announced aid", "since it was announced": no report
                continue
            if cands is None:
                cands = self._candidates(sent, toks, words)
            if words[i] in NOUN_FORMS and not self._after_subject(words, i, cands):
                i += 1
                continue
            sentence_history = history + [(c.name, c.type) for c in cands if c.first < positions[0]]
            speaker = self._speaker(cue, positions, words, cands, sentence_history, in_timex)
            if speaker is None and out and positions[0] > 0 and words[positions[0] - 1] in {"en", "and"}:
                speaker = out[-1].attrs["speaker"]  # "zei Poetin ..., en sprak van een terreurdaad"
            if speaker is None and out and self._reported_pronoun(words, last_cue, positions[0]):
                speaker = out[-1].attrs["speaker"]  # "meldde Amnesty dat ze concludeerden dat"
            s = sent.start + toks[positions[0]].start
            e = sent.start + toks[positions[-1]].end
            out.append(Mention("claim", s, e, text[s:e], {"speaker": speaker, "stance": cue.stance}))
            last_cue = positions[-1]
            i = positions[-1] + 1
        return out


@component("claims", assigns=["sentence.mentions[claim]", "figure.attribution"])
def make_claims() -> ClaimTagger:
    return ClaimTagger()
