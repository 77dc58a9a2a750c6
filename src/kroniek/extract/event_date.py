"""The date of each sentence's event: which day (or month) what a sentence tells happened on.

This module owns that decision and the reading that makes it (:func:`read`): sentence by sentence,
it takes the expressions :func:`kroniek.extract.time.scan` finds and picks the event date from them,
from what earlier sentences dated and from the kind of statement the sentence makes. It is kept apart
from ``time`` because it judges narration (tense and aspect, sections, the date the story stands at)
rather than what an expression means. Both work on one :class:`~kroniek.extract.time.State`: this
module moves the reference time the normaliser reads (a dated anchor or a section heading moves it, a
plan or an explanation does not), so it builds on ``time``, and ``time`` imports it only when a text
is read.

Each sentence gets an event date: its first datable expression that is not background
("sinds 1990", "de crisis van 1993", a relative clause), else a date the text gave an event it
names ("kort na het begin van de staking", "na de explosie"), else a date by what its main clause
says (see ``_aspect``):

- a past event: the date the story stands at — in a narrative the day carried from the sentence
  before, in news the development its paragraph tells (else the publication date);
- in a narrative, a past state ("de stad lag in puin") or a pluperfect ("waren ... gevlucht") also
  the date the story stands at (a pluperfect over a stretch of time, "die week", its month);
- a statement in the present about the past ("het ministerie stelt dat ..."): the publication date
  (news);
- otherwise (news states and pluperfects, habits, modals, negations, plans, ongoing activities,
  present states): no date.

In a narrative, wiki headings move the story too: a section starts at the date in its heading or
its parent's ("== beleg (3–9 mei 1940) =="); a section without one is thematic: its past events
take the text's main date (that of its first dated sentence), its states and pluperfects no date,
until a sentence there gives one. Explanations ("de reden daarvoor was ...") and plans ("zou ...
ingaan") do not move the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kroniek.extract.time import (
    ANCHOR,
    BEFORE,
    HEADING,
    PERFECT,
    WORD,
    Cand,
    Ref,
    State,
    anchor_date,
    date_value,
    is_head,
    is_past,
    left_word,
    past_word,
    precision_of,
    scan,
)
from kroniek.extract.time_lexicon import FUTURE_CUES, words

# --- which expression dates the sentence -------------------------------------------------------

# "sinds maart vluchtten ...": a news event dated only by a background "since" is dated as of the report.
_SINCE = re.compile(r"\b(?:sinds|since)\b", re.IGNORECASE)

# "did not confirm it on Monday, but on Tuesday ...": the date of what did happen.
_NEGATED_THEN_BUT = re.compile(
    r"(?:\bnot\b|n't\b|\bniet\b|\bgeen\b|\bnever\b|\bnooit\b)[^.;:]*,\s*(?:but|maar)\b", re.IGNORECASE
)
# "Mar 10, 2011 6:19 am EST": a time stamp (of the report), not the time of an event.
_TIMEZONE = re.compile(r"\s*(?:EST|EDT|GMT|UTC|CET|CEST|BST|PST|PDT|ET|MSK)\b")

# In a sentence only an anchor that frames it counts: at its start or after a comma, within two words.
_ANCHOR_SEARCH = re.compile(r"(?:^|,)\s*(?:[^\W\d]+\s+){0,2}?" + ANCHOR.pattern.removeprefix(r"\s*"), re.IGNORECASE)
_NAMED_ANCHOR = re.compile(
    r"(?<!\w)(?:na|bij|tijdens|after|during)\s+(?:de|het|the)\s+([^\W\d][^.,;:!?()\n]{2,40})", re.IGNORECASE
)

# --- sentences that do not move the story ------------------------------------------------------

# Words remembered of a dated sentence, to find the event a later sentence names ("na de explosie").
_MEMORY_WORD = re.compile(r"[^\W\d]{3,}")
_EXPLANATION = re.compile(
    r"(?:de|the)\s+(?:directe\s+|belangrijkste\s+|main\s+)?(?:reden|aanleiding|oorzaak|reason|cause)\b"
)
_WOULD = words("zou zouden zal zullen would will")
# Quoted words ("sprak de woorden: 'de navo zal ...'") are someone's, not the narrator's plan.
_QUOTED = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=:))['‘][^']{6,}?['’](?=[\s.,;:!?]|$)|\"[^\"]*\"|“[^”]*”")
# "zouden ... zijn gedood", "would have": an allegation about the past, not a plan.
_ALLEGED = re.compile(
    r"\b(?:zou|zouden)\b.*(?:\b(?:zijn|hebben)\s+[^\W\d]+(?:d|t|en)\b|[^\W\d]+(?:d|t|en)\s+(?:zijn|hebben)\b)|"
    r"\bwould\s+have\b"
)
_AT_THAT_TIME = re.compile(
    r"\b(?:op\s+dat\s+(?:moment|tijdstip)|op\s+datzelfde\s+moment|at\s+that\s+(?:time|moment)|at\s+the\s+time)\b"
)
_OPENING_PHASE = re.compile(
    r"\b(?:in|tijdens|during)\s+(?:de|the)\s+(?:beginfase|beginperiode|begindagen|eerste\s+(?:fase|dagen|uren)|"
    r"early\s+days|initial\s+phase|opening\s+(?:phase|days)|first\s+(?:days|hours))\b",
    re.IGNORECASE,
)

# --- what kind of statement a sentence without a date of its own makes -------------------------
# A sentence reports an event when the verb of its main clause is a past (or perfect) of an action;
# a state ("was bergachtig", "had een goede relatie", "kon niet accepteren"), a habit ("meldden
# dagelijks"), a pluperfect ("was ... gegroeid": before the story's time) or an ongoing activity
# ("has been asking") has no date of its own; a narrative gives its past states and pluperfects the
# date the story stands at (see ``read``).

_SPLIT = re.compile(
    r",(?!\d)|[;:()\"“”]|\s(?=(?:dat|omdat|terwijl|nadat|waarna|maar|toen|die|waar|waarin|waardoor|waarmee|hoewel|zodat|"
    r"that|because|while|after|but|when|which|who|where|although)\s)",
)
_SUBORDINATE = words(
    """dat omdat terwijl nadat waarna toen die waar waarin waardoor waarmee hoewel zodat als om
    that because while after when which who where although if"""
)
_AUXILIARIES = words("is zijn was waren heeft hebben had hadden wordt worden werd werden are were has have")
_STATIVE = words(
    """was waren is zijn bleef bleven lag lagen stond stonden leek leken bestond bestonden woonde woonden telde
    kende kenden bevond bevonden had hadden heeft hebben kon konden wilde wilden betrof betroffen
    were are remained seemed lay stood lived had has have could wanted"""
)
# Modals of ability, permission and will: "konden snel verplaatst worden" asserts no occurrence.
_MODAL_STATES = words("kon konden wilde wilden mocht mochten could")
_PLUPERFECT_AUX = words("was waren had hadden")
_PRESENT_PERFECT_AUX = words("heeft hebben is zijn has have")
_NEGATIONS = words("geen nooit noch never no neither")
_DO_SUPPORT = words("did do does have has had")
_PRESENT_REPORTING = words(
    """zegt zeggen stelt stellen meldt melden denkt denken gelooft geloven verwacht verwachten schat schatten
    vreest vrezen beweert beweren meent menen claimt claimen ontkent ontkennen erkent erkennen bevestigt bevestigen
    waarschuwt waarschuwen
    says say believes believe thinks think expects expect estimates estimate fears fear claims claim denies deny
    confirms confirm warns warn"""
)
# Of those, the acts of speech (an event now, whatever they are about), not the states of mind.
_PRESENT_SPEECH = words(
    """zegt zeggen stelt stellen meldt melden beweert beweren claimt claimen ontkent ontkennen erkent erkennen
    bevestigt bevestigen waarschuwt waarschuwen vraagt vragen eist eisen roept roepen
    says say claims claim denies deny confirms confirm warns warn asks ask urges urge demands demand calls call"""
)
_HABITUAL = words(
    """dagelijks herhaaldelijk regelmatig vaak geregeld telkens voortdurend gewoonlijk doorgaans meestal
    daily repeatedly regularly often frequently constantly routinely usually"""
)
_NOT_PARTICIPLES = words("gebied gebieden gevecht gevechten geweld gezicht gerecht geld gesprek gezag gewicht gedicht")
_NO_LONGER = re.compile(r"\b(?:niet\s+meer|niet\s+langer|no\s+longer|nog\s+steeds)\b")
_PROGRESSIVE_PERFECT = re.compile(r"\b(?:has|have|had)\s+been\s+\w+ing\b")


def _participle(word: str, english: bool) -> bool:
    if english:
        return len(word) > 4 and word.endswith("ed") or word in _EN_PARTICIPLES
    if word in _NOT_PARTICIPLES or len(word) < 6 or word.endswith(("heid", "tijd", "land", "lijk")):
        return False
    return bool(_NL_PARTICIPLE.fullmatch(word))


# "gedood", "ingenomen", "teruggedrongen", "veroverd", "beschoten": a participle, with a separable particle.
_NL_PARTICIPLE = re.compile(
    r"(?:in|uit|op|af|aan|terug|toe|vrij|mee|weg|door|over|om|neer|bij|na|samen|tegen|vast|los|binnen|buiten)?"
    r"ge[^\W\d]{2,}(?:d|t|en)|(?:her|ver|be|ont|er)[^\W\d]{3,}(?:d|t)"
)


_EN_PARTICIPLES = words(
    """been done made said told killed hit struck left met taken given seen shot fought held known shown built sent
    cost put set lost won paid sold brought bought caught taught thought become begun gone come run found kept
    spent broken spoken written chosen driven flown grown thrown fallen"""
)


_SUBJECT = re.compile(r"(?:de|het|the)\s+((?:[^\W\d]+\s+){1,3})")


def _subject_head(lowered: str) -> str | None:
    """The head noun of a sentence that opens with an article: "de russische invasie van ..." -> invasie."""
    match = _SUBJECT.match(lowered)
    if not match:
        return None
    tokens = match.group(1).split()
    for i in range(len(tokens)):
        if is_head(tokens, i):
            return tokens[i]
    return None


def _main_clause(lowered: str, language: str | None) -> list[str] | None:
    """The words of the sentence's main clause: the first clause that is not subordinate and has a verb
    we can recognise (a past, an auxiliary); None when there is none (a present tense, say)."""
    subordinate = False
    for part in _SPLIT.split(lowered):
        tokens = WORD.findall(part)
        if not tokens:
            continue
        if tokens[0] in _SUBORDINATE:
            subordinate = True
            continue
        if subordinate and not _is_verb(tokens[0], language):
            continue  # still the fronted clause ("hoewel X, een naam, Y had, kon hij"): the main one opens with its verb
        subordinate = False
        if not _AUXILIARIES.isdisjoint(tokens) or is_past(part, language):
            return tokens
    return None


def _is_verb(word: str, language: str | None) -> bool:
    return word in _AUXILIARIES or word in _WOULD or past_word(word, language)


def _aspect(lowered: str, language: str | None) -> str:
    """ "event" (the main clause tells a past event), "report" (a past or perfect only in a subordinate
    clause), "past state" (a state in the past tense), "pluperfect", "modal" (ability, will), "state" (a present
    state, habit, negation or ongoing activity) or "none" (present, future)."""
    tokens = set(WORD.findall(lowered))
    if not tokens.isdisjoint(_HABITUAL) or _PROGRESSIVE_PERFECT.search(lowered) or _NO_LONGER.search(lowered):
        return "state"
    clause = _main_clause(lowered, language)
    if clause is None and not _PRESENT_SPEECH.isdisjoint(WORD.findall(_SPLIT.split(lowered, maxsplit=1)[0])):
        return "report"  # "rusland ontkent dat", "het iaea zegt dat ...": a statement as of the report
    if clause is None:  # "een journaliste die werkte voor ... kwam om het leven": the main verb is not found
        first = next((w for w in WORD.findall(lowered) if _is_verb(w, language)), None)
        if first in _WOULD:
            return "none"
        if is_past(lowered, language):
            return "event"
        return "report" if PERFECT.search(lowered) else "none"
    first_verb = next((w for w in clause if _is_verb(w, language)), None)
    if first_verb in _WOULD and not _ALLEGED.search(lowered):
        return "none"  # "zou ... van plan zijn", "would send": a plan or a possibility
    english = language == "en" or (language is None and "the" in tokens)
    reporting = next((w for w in clause if w in _PRESENT_REPORTING or w == first_verb), None)
    if reporting in _PRESENT_REPORTING:
        return "report"  # "officials believe troops were moved": as of the report
    participles = [w for w in clause if _participle(w, english)]
    if first_verb in _MODAL_STATES:
        return "modal"
    if participles and first_verb in _PLUPERFECT_AUX and not (english and first_verb != "had"):
        return "pluperfect"  # before the time the story stands at
    if first_verb:
        after = clause[clause.index(first_verb) + 1 : clause.index(first_verb) + 3]
        # ("niet" alone is no sign: "slaagde er niet in" is a failure, which did happen)
        if not _NEGATIONS.isdisjoint(after) or (first_verb in _DO_SUPPORT and "not" in after):
            # "stuurde geen versterkingen", "did not comment": what did not happen has no date; but what
            # a "maar"/"but" clause says did happen has ("have not commented, but his son told ...").
            rest = re.split(r"\s(?:but|maar)\s", lowered, maxsplit=1)
            return _aspect(rest[1], language) if len(rest) > 1 else "state"
    if participles and first_verb in _PRESENT_PERFECT_AUX:
        return "perfect"  # "has vowed", "is er geen straling vrijgekomen": up to now
    if not participles and not _STATIVE.isdisjoint(clause):
        verbs = [w for w in clause if past_word(w, language)]
        if all(w in _STATIVE for w in verbs):
            return "past state" if verbs else "state"
    return "event" if is_past(" ".join(clause), language) else "none"  # "hier wordt gelogen": the present


def read(text: str, spans: list[tuple[int, int]], state: State) -> Iterator[tuple[list[Cand], str | None]]:
    """For each sentence its expressions and its event date, reading the text in order."""
    narrative = state.genre == "narrative"
    carried: str | None = None  # narrative: the date the story stands at
    thematic = False  # narrative: in a section without a date of its own, before any sentence gave one
    story: str | None = None  # news: the date of the development the paragraph tells
    published = date_value(state.anchor.year, state.anchor.month, state.anchor.day) if state.anchor else None
    headings: list[tuple[int, str | None]] = []  # (level, date) of the headings above
    # A text with a sentence on each line (tokenised corpora) marks paragraphs by blank lines only.
    lines = sum("\n" in text[a_end:b_start] for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    paragraph = "\n\n" if len(spans) > 3 and lines > 0.8 * (len(spans) - 1) else "\n"
    previous_end = 0
    for start, end in spans:
        gap = text[previous_end:start]
        if narrative and "=" in gap:
            section = _enter_sections(gap, headings, state)
            thematic = section is None
            carried = section or state.main  # a thematic section: the text's main date, for its events
        elif paragraph in gap and previous_end:
            story = None  # a new paragraph of a report starts from the report's date
        previous_end = end
        state.sentence += 1
        sentence = text[start:end]
        lowered = sentence.lower()
        tokens = set(_MEMORY_WORD.findall(lowered))
        state.future = not tokens.isdisjoint(FUTURE_CUES)
        # An explanation looks back and a plan looks ahead: neither moves the story's time.
        unquoted = _QUOTED.sub(" ", lowered) if "'" in lowered or '"' in lowered else lowered
        plan = not set(_MEMORY_WORD.findall(unquoted)).isdisjoint(_WOULD) and not _ALLEGED.search(lowered)
        if plan and (clause := _main_clause(unquoted, state.language)):
            # "op 1 februari meldde X dat Poetin ... zou hebben bevolen": the plan is X's report, not the story's
            plan = next((w for w in clause if _is_verb(w, state.language)), None) in _WOULD
        state.frozen = narrative and (bool(_EXPLANATION.match(lowered)) or plan)
        cands = scan(text, start, end, state)
        event, keep = _event(cands, text)
        if event is None:
            event = _anchored_event(sentence, state)
            keep = event is not None
        aspect = _aspect(lowered, state.language) if event is None else ""
        if event is None and narrative and aspect == "event":
            event = _subject_event(lowered, state)
            keep = event is not None
        if event is not None:
            if narrative and keep and not state.frozen:
                carried = event.split("T")[0]  # the story stands at a day, not at that morning
                thematic = False
            if keep and not state.frozen:
                story = event
            if not state.frozen and re.match(r"\d{4}-\d{2}(?:-\d{2})?(?:T|$)", event):
                _remember(event, tokens, state, lowered)
        elif narrative and _AT_THAT_TIME.search(lowered):
            event = carried  # "op dat moment waren er ... vertrokken": whatever the verb, then
        else:
            since = next(
                (c for c in cands if c.background and _SINCE.search(text, max(start, c.start - 50), c.start)), None
            )
            if narrative and (aspect == "event" or (aspect in ("past state", "pluperfect") and not thematic)):
                # A past event, state or pluperfect: the story's date ("de stad lag toen in puin", "er waren
                # ... mensen gevlucht"); a narrative's undated perfect ("is sindsdien een symbool geworden") is
                # none of these. A thematic section's general states ("de vloot was uitgerust met ...") stand at
                # no time until a sentence there gives one; its events take the text's main date.
                event = carried
                if event and aspect == "pluperfect" and any(c.type == "DURATION" for c in cands):
                    event = event[:7]  # "waren er die week ... gevlucht": over a stretch before then
            elif narrative and since and aspect in ("state", "perfect", "none"):
                # "sinds juli blokkeert rusland de schepen": a state that began then; the beginning is its event
                event = since.value
            elif aspect == "event" and since is None:
                event = story or published
            elif not narrative and aspect in ("report", "perfect", "event"):
                # "X stelt dat ...", "Gaddafi has vowed ...", "sinds maart zijn ... gevlucht": as of the report
                event = published
        yield cands, event


def _event(cands: list[Cand], text: str) -> tuple[str | None, bool]:
    """The sentence's event date from its own expressions, and whether the story's time moves to it."""
    dated = [
        c
        for c in cands
        if c.type in ("DATE", "TIME")
        and not c.background
        and not c.value.startswith("X")
        and precision_of(c.value) not in (None, "decade", "century")
    ]
    for i, cand in enumerate(dated):
        if "WXX" in cand.value:
            cand = replace(cand, value=cand.value.split("-WXX")[0])  # "2022-02-WXX-4": in that month
        following = dated[i + 1] if i + 1 < len(dated) else None
        if following and left_word(text, cand.start) in ("na", "after"):
            continue  # "na de winter van 1978/79 ... het voorjaar": after it
        if following and cand.range_to == "op":
            return following.value, True  # "de nacht van 3 op 4 maart": the morning after
        if following and _NEGATED_THEN_BUT.search(text[max(0, cand.start - 80) : following.start]):
            continue  # "did not confirm it on Monday, but on Tuesday a spokesman did": what did happen
        if not cand.range_to:
            # "in 2022 werd op 5 maart ...": a later, finer date within the first one says more.
            # "op 24 februari 2022 ... 's ochtends vroeg": a part of that day too.
            later = dated[i + 1 :] + [c for c in cands if c.background and c.type == "TIME" and c.start > cand.start]
            finer = [
                c
                for c in later
                if c.value.startswith(cand.value) and c.value != cand.value and not _TIMEZONE.match(text, c.end)
            ]
            if finer:
                return finer[0].value, True
        return cand.value, not cand.range_to
    return None, False


def _anchored_event(sentence: str, state: State) -> str | None:
    """A date from an event the text dated before: "kort na het begin van de staking"."""
    for match in _ANCHOR_SEARCH.finditer(sentence):
        value = anchor_date(state, match)
        if value is None:
            continue
        if match.group(1).split()[0].lower() in BEFORE:
            value = value[:7]
        if not state.frozen:
            state.ref = Ref.parse(value)
        return value
    if state.named:  # "werd na de explosie stilgelegd": anywhere, an event the text dated where it named it
        for match in _NAMED_ANCHOR.finditer(sentence):
            tokens = WORD.findall(match.group(1).lower())[:4]
            head = next((t for i, t in enumerate(tokens) if is_head(tokens, i)), None)
            if head in state.named:
                return state.named[head]
    if state.main and _OPENING_PHASE.search(sentence):
        return state.main  # "in de beginfase", "in the early days": the start of what the text is about
    return None


def _subject_event(lowered: str, state: State) -> str | None:
    """ "de invasie werd breed veroordeeld": a sentence about the event its text opened with (the subject
    of its first dated sentence) happened then."""
    subject = _subject_head(lowered)
    if subject is None:
        return None
    if state.lead and subject == state.lead[0]:
        return state.lead[1]
    return None


def _remember(event: str, tokens: set[str], state: State, lowered: str = "") -> None:
    if state.lead is None and (subject := _subject_head(lowered)):
        state.lead = (subject, event[:10])
    index = len(state.dated)
    state.dated.append((event[:10], frozenset(tokens)))
    for word in tokens:
        state.memory.setdefault(word, []).append(index)
    if state.main is None and precision_of(event) == "day":
        state.main = event


def _enter_sections(gap: str, headings: list[tuple[int, str | None]], state: State) -> str | None:
    """New sections: the date of the nearest heading that has one ("beleg (3–9 mei 1940)"), which the
    story now stands at and which is returned; else None (a thematic section, which stands at the
    text's main date), while dates without a year are read against the text's main date."""
    for match in HEADING.finditer(gap):
        level, title = len(match.group(1)), match.group(2)
        while headings and headings[-1][0] >= level:
            headings.pop()
        value = None
        probe = replace(state, frozen=False)
        for cand in scan(title, 0, len(title), probe):
            if cand.ref is not None and cand.type == "DATE":
                value = cand.value
                break
        headings.append((level, value))
    value = next((v for _, v in reversed(headings) if v), None)
    if value or state.main:
        state.ref = Ref.parse(value or state.main)
    return value
