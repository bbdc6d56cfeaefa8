"""Attributed statements: who said what, with the exact span of what was said.

Patterns (each general English reporting construction, not a document's wording):
  "<content>, reports <Media>" / "reports <Media>"            -> statement by the medium
  "According to <X>, <content>" / "<content>, according to <X>"
  "<X> said|told|added|confirmed|pointed out ... (that) <content>"
  "<content>, <X> said" / "<content> said <X>" / "<X> said, <content>"
  "<X> claimed responsibility for|of ..." / "took credit for" / "claimed a shooting" -> responsibility
  "<X> estimates that" -> estimate; "alleged|accused" -> allegation; "denied|distancing" -> denial;
  "countered|rebutted|rejected" -> counter (responds to the countered person's last claim);
  "upheld|endorsed|backed <Y>'s position" -> endorsement (responds to Y's side of the dispute).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_VERBS = {
    "statement": r"said|says|told|added|adds|stated|stating|confirmed|confirms|pointed out|points out|describes|described|"
    r"commented|informed|noted|explained|revealed|reported|reports|announced|maintained|believe[sd]?|believes|"
    r"show(?:s|ed)?|warned|warning|disclosed|observed|insisted|claimed|claims|claiming",
    "estimate": r"estimate[sd]?|estimating",
    "allegation": r"alleged|alleges|alleging|accused|accuses|accusing|blamed|blames|suggested|suggests",
    "denial": r"denied|denies|denying|rejected claims|distancing (?:itself|himself|themselves) from [^,.]*?",
    "counter": r"countered|counters|rebutted|refuted|contradicted|disputed|disputes|challenged|contested",
    "endorsement": r"upheld|upholds|endorsed|endorses|backed|supported|vindicated",
}
_VERB_KIND = [(kind, re.compile(rf"^(?:{rx})$", re.IGNORECASE)) for kind, rx in _VERBS.items()]
_ANY_VERB = "|".join(f"(?:{rx})" for rx in _VERBS.values())

# "According to X, content" and "content, according to X."
_ACCORDING_LEAD = re.compile(
    r"^(?:According to|As per)\s+(?P<who>[^,]{2,120}?)(?:,\s*|\s+(?=(?:the|a|an|some|two|three|[A-Z])\b))(?P<what>.+)$",
    re.S,
)
_ACCORDING_TAIL = re.compile(r"^(?P<what>.+?),?\s+according to\s+(?P<who>[^,.]{2,120})[.]?$", re.S)
_REPORTS = re.compile(
    r"^(?P<what>.+?),?\s+(?:reports?|reported|adds|added)\s+(?P<who>(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,4})(?:\s+on\s+[A-Z][a-z]+\s+\d{1,2})?[.]?$",
    re.S,
)
_REPORTS_INVERTED = re.compile(
    r"^(?P<what>.+?),\s+(?P<who>(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,4})\s+reports?[.]?$", re.S
)
# "X said (that) content"
# Verbs whose object follows directly: "upheld the minister's position", "countered his argument".
_OBJECT_VERBS = (
    "(?:"
    + "|".join(
        f"(?<={v})"
        for v in (
            "upheld",
            "upholds",
            "endorsed",
            "endorses",
            "backed",
            "supported",
            "countered",
            "rebutted",
            "refuted",
            "contradicted",
            "disputed",
            "challenged",
            "contested",
            "vindicated",
            # "denied the party was involved": the denied clause follows directly
            "denied",
            "denies",
            # "said the attackers opened fire ...": reported speech without "that"
            "said",
            "says",
        )
    )
    + ")"
)
_SAYS_LEAD = re.compile(
    rf"^(?P<who>.{{2,160}}?)\s+(?:(?:also|further|however|clearly|had|has|have|had also|today|later|earlier),?\s+)*"
    rf"(?P<verb>{_ANY_VERB})\b(?!\s+(?:said|say|says|suggested|claimed|show(?:ed)?)\b)(?P<mid>[^.]{{0,80}}?)"
    rf"(?:\s+that\s+|,\s+|:\s+|\s+(?=[A-Z“\"])|{_OBJECT_VERBS}\s+)(?P<what>.+)$",
    re.S,
)
# "X accused Y of Z": the allegation is "Y of Z"
_ACCUSE = re.compile(
    r"^(?P<who>.{2,160}?)(?<!\bthe)(?<!\bThe)\s+(?P<verb>accused|accuses|blamed|blames)\s+"
    r"(?!(?:was|were|is|has|had|belonged|\w+ed)\b)(?P<what>(?:the\s+|a\s+|an\s+)?[^,.]{1,80}?\b(?:of|for)\b.+)$",
    re.S,
)
# "X confirmed the air raid": a short object, the claim is the whole sentence
_CONFIRM_OBJECT = re.compile(
    r"^(?P<who>.{2,160}?)\s+(?P<verb>confirmed|denied|condemned|announced)\s+(?:the|a|an|this)\s+[^,.;]{2,60}[.]?$",
    re.S,
)
# What may follow a reporting verb without being what was said: "said on Monday", "said late on
# Saturday", "said in a statement on Telegram", "said on condition of anonymity", "told reporters".
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ADJUNCT = (
    r"(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?" + _DAY + r"(?:\s+(?:night|morning|evening|afternoon))?|"
    r"(?:on|in)\s+[A-Z][a-z]+\s+\d{1,2}(?:,\s+\d{4})?|(?:on|in)\s+\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?|"
    r"yesterday|today|tonight|later|earlier|overnight|"
    r"(?:last|this)\s+(?:week|month|night|year|weekend|morning|evening|afternoon)|"
    r"on\s+condition\s+of\s+anonymity|(?:by|over\s+the|on\s+the)\s+(?:tele)?phone|"
    r"in\s+(?:a|an|the|their|his|her|its|separate)\s+(?:[\w-]+\s+){0,2}?(?:statements?|release|conference|"
    r"briefing|address|interview|post|video|message|speech|tweet|report|communiqu[eé]|letter|broadcast|bulletin)"
    r"(?:\s+(?:on|posted\s+on)\s+[A-Z][\w.]*)?"
    # "in a statement emailed to reporters", "in a report released on Wednesday"
    r"(?:\s+(?:released|issued|published|posted|emailed|sent|broadcast|seen|obtained)\b[^,.;]{0,40})?"
)
_ADJUNCTS = rf"(?:,?\s+(?:{_ADJUNCT}))*"
# "content, X said." / "content said X" / "content, he added" / "content, local officials said on Monday."
_SAYS_TAIL_REST = re.compile(
    r"[,]?[\"”’]?\s+(?:(?P<who1>[^,\"”]{2,80}?)"
    # "..., a police official, asking not to be named, said"
    r"(?:,\s+(?:asking|speaking|requesting|who\s+asked|who\s+requested|who\s+spoke)\s+[^,]{3,50})?"
    r",?\s+(?P<verb1>said|added|says|adds|claimed|told [^,.]+)"
    + _ADJUNCTS
    + r"|(?P<verb2>said|added|says|adds)\s+(?P<who2>[^.]{2,120}?))[.]?$",
    re.S,
)
_TAIL_VERB = re.compile(r"\b(?:said|added|says|adds|claimed|told)\b")


class _TailMatch:
    """A match of "<what> <speaker tail>": `what` is all before the tail."""

    def __init__(self, sent: str, m: re.Match[str]) -> None:
        self.sent, self.m = sent, m

    def group(self, name: str) -> Any:  # as re.Match.group: str, or None for a group that did not take part
        return self.sent[: self.m.start()] if name == "what" else self.m.group(name)

    def start(self, name: str) -> int:
        return 0 if name == "what" else self.m.start(name)

    def end(self, name: str) -> int:
        return self.m.start() if name == "what" else self.m.end(name)


def _says_tail(sent: str) -> _TailMatch | None:
    """ "content, X said.", "content said X": the leftmost speaker tail that ends the sentence. A
    tail holds a reporting verb and spans at most ~220 characters before it, so the search starts
    there (the same match as "^(.+?)<tail>$", without trying every split of a long sentence)."""
    verb = _TAIL_VERB.search(sent)
    if verb is None:
        return None
    m = _SAYS_TAIL_REST.search(sent, max(1, verb.start() - 220))
    return _TailMatch(sent, m) if m else None


# Between a reporting verb and the comma, colon or "that" that opens what was said: nothing, an
# adjunct ("said on Monday, ...", "said in a statement that ..."), or the hearer of "told".
_LEAD_GAP = re.compile(
    rf"^(?:{_ADJUNCTS}|\s+(?:also|further|however|again|then|,)+|"
    r"\s+(?:in|on|at|during|after|before|while|when|by|to|from|via|through|over)\s+[^,;:]{1,60})\s*,?\s*$"
)
# "while distancing itself from the attack said, ...", "Initial reports suggest that": the gap ends
# in the verb that introduces the content.
_GAP_VERB = re.compile(
    r"\b(?:said|says|say|added|adds|stated|states|suggest(?:s|ed)?|show(?:s|ed)?|indicate[sd]?|"
    r"told\s+(?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+)?)\s*,?\s*$"
)
_TOLD_GAP = re.compile(
    r"^\s+(?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){0,3}(?:\s+(?:by|over the|on the)\s+(?:tele)?phone)?\s*,?\s*$"
)
_RESPONSIBILITY = re.compile(
    r"\b(?P<verb>claim(?:ed|ing|s)?\s+(?:the\s+)?responsibility(?:\s+(?:for|of|in|through|via|on)\b[^,.;]*)?|took\s+(?:the\s+)?credit\s+for\b[^,.;]*|"
    r"claim(?:ed|ing|s)\s+(?:the|a|an)\s+(?:\w+\s+){0,4}?(?:attack|bombing|blast|shooting|killing|assault|"
    r"kidnapping|abduction|explosion|raid|ambush|massacre|beheading|assassination|siege|hijacking)s?\b[^,.;]*|"
    # "takes responsibility for", "accepted full responsibility for", "owned responsibility for"
    r"(?:tak(?:e|es|ing)|took|accept(?:s|ed|ing)?|own(?:s|ed)?)\s+(?:full\s+|the\s+)?responsibility\s+(?:for|of)\b[^,.;]*)",
    re.IGNORECASE,
)
# Every pattern below needs one of these words; a sentence without any has no claim.
_ANY_CUE = re.compile(
    r"sa(?:id|ys?)\b|according|as per|report|claim|told|add(?:ed|s)\b|confirm|alleg|accus|blam|deni|deny|distanc|"
    r"counter|rebut|refut|contradict|uph[eo]ld|endors|backed|support|vindicat|estimat|describ|stat(?:ed|ing|ement)|"
    r"warn|believ|show|suggest|point|credit|comment|inform|not(?:ed|es)\b|reveal|announc|explain|maintain|disclos|"
    r"observ|insist|assert|responsib|suspect|reject|dismiss|disput|challeng|contest",
    re.IGNORECASE,
)
# The speaker of a clause after "..., but" / "; ": "No group claimed responsibility, but police suspected X".
_CLAUSE_SPEAKER = (
    r"(?:^|.*?(?:,\s*(?:but|and|while|though|although|as|whereas)\s+|\bbut\s+|;\s*))(?P<who>[^,;]{2,80}?)"
)
_ADVERBS = r"(?:\s+(?:had|have|has|also|strongly|initially|reportedly|immediately|swiftly|quickly|categorically|flatly|firmly|however|later|earlier|on\s+\w+day),?)*"
# "police suspected the Muttahida Qaumi Movement", "investigators suspect that ...": an allegation.
_SUSPECT = re.compile(
    _CLAUSE_SPEAKER + _ADVERBS + r"\s+(?P<verb>suspect(?:ed|s)?)\s+(?!(?:of|to|in|by)\b)"
    r"(?P<what>(?:that\s+|the\s+|an?\s+|[A-Z])[^.;]{1,200}?)[.]?$",
    re.S,
)
# "The government held the rebels responsible for the massacre", "officials blamed the attack on the PKK"
_HELD_RESPONSIBLE = re.compile(
    _CLAUSE_SPEAKER
    + _ADVERBS
    + r"\s+(?P<verb>held|holds|hold)\s+(?P<what>[^.;]{2,80}?\s+responsible\b[^.;]*?)[.]?$",
    re.S,
)
_BLAMED_ON = re.compile(
    _CLAUSE_SPEAKER + _ADVERBS + r"\s+(?P<verb>blamed|blames|blame)\s+"
    r"(?P<what>(?:the|this|that|these|[A-Z][\w’']*)\s+(?:[\w’'-]+\s+){0,4}?(?:attacks?|bombings?|blasts?|"
    r"explosions?|killings?|massacre|violence|assault|ambush|raid|abductions?|kidnappings?)\s+on\s+[^.;]+?)[.]?$",
    re.S,
)
# "Pakistan's foreign ministry rejected the allegation as 'baseless'", "The group denied involvement",
# "dismissed the charges": a denial of what someone else alleged.
_REJECT = re.compile(
    _CLAUSE_SPEAKER
    + _ADVERBS
    + r"\s+(?P<verb>denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|"
    r"dismiss|refuted|refutes|refute)\s+(?P<what>(?:(?:the|these|those|such|any|all|an?|his|her|their|its|"
    r"[A-Z][\w’'-]*(?:’s|'s))\s+)?(?:[\w’'-]+\s+){0,3}?(?:allegations?|accusations?|charges?|claims?|reports?|"
    r"assertions?|suggestions?|involvement|responsibility|role|links?|hand|complicity|part|connection)\b[^.;]*?)[.]?$",
    re.S,
)
# "The claim was dismissed by the Taliban", "The allegation was rejected by Pakistan's foreign ministry",
# "Responsibility was denied by the group": a denial whose speaker follows "by".
_PASSIVE_REJECT = re.compile(
    r"^(?P<what>(?:(?:the|this|that|these|those|such|an?|its|their|his|her|[A-Z][\w’'-]*(?:’s|'s))\s+)?"
    r"(?:[\w’'-]+\s+){0,2}?(?:allegations?|accusations?|charges?|claims?|reports?|assertions?|suggestions?|"
    r"involvement|responsibility|role|links?|complicity)\s+(?:(?:was|were|has been|have been|had been|is|are)\s+)"
    r"(?:(?:swiftly|strongly|flatly|firmly|promptly|categorically|also|later|quickly)\s+)?"
    r"(?P<verb>denied|rejected|dismissed|refuted|disputed))\s+by\s+(?P<who>[^,;]{2,80}?)"
    r"(?=\s*(?:[,;]|[.]?$|\s+(?:in|as|on|at|through|via|which|who|saying|calling|adding|hours|days|later)\b))",
    re.IGNORECASE,
)
_BUT_SPLIT = re.compile(
    r",\s+but\s+(?=[^,;]{2,60}?\s+(?:denied|denies|rejected|rejects|dismissed|said|says|insisted|maintained|"
    r"blamed|accused|alleged|countered|disputed)\b)"
)
_CONCESSIVE = re.compile(
    r"^(?:Though|Although|Even though|While|Whereas)\s+(?P<sub>[^,;]{5,160}?),\s+(?P<main>[^,;]{2,80}?\s+"
    r"(?:said|says|believed?|believes|alleged|suspect(?:ed|s)?|insisted|maintained|claimed|blamed|accused)\b.+)$",
    re.S,
)
_DENY_OR_ACCUSE = (
    (_REJECT, "denial", ("deni", "deny", "reject", "dismiss", "refut")),
    (_SUSPECT, "allegation", ("suspect",)),
    (_HELD_RESPONSIBLE, "allegation", ("responsible",)),
    (_BLAMED_ON, "allegation", ("blame",)),
)
_CLAUSE_BREAK = re.compile(r",\s*(?:but|while|whereas|although|though)\s+|;\s*|\bbut\s+")
_SAID_PRONOUN = re.compile(
    r"^(?P<who>.+?)\s+(?:said|say|says|added|stated)\s+(?:that\s+)?(?:they|it|he|she|we)$"
)
_AND_VERB = re.compile(
    r"\s+and\s+(?:also\s+)?(?=(?:blamed|accused|alleged|said|insisted|suggested|claimed|added|held|suspected)\b)"
)
_HEARER = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w.’'&-]*\s+){1,4}(?=[a-z])|(?:reporters|journalists|him|her|them|us|me|"
    r"(?:a|the)\s+(?:reporter|journalist|correspondent|news agency|newspaper))\s+)"
)
# "X accused Y of Z, a charge the ministry rejected": a denial set in apposition to the allegation.
_REJECTED_APPOSITION = re.compile(
    r",\s+(?P<what>(?:a|an|the)\s+(?:charge|claim|allegation|accusation|assertion)s?\s+(?:that\s+|which\s+)?"
    r"(?P<who>[^,;]{2,80}?)\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|swiftly\s+|strongly\s+)?"
    r"(?P<verb>rejected|denied|dismissed|refuted|disputed|denies|rejects))\b[^.;]*?[.]?$"
)
_NEGATED_SPEAKER = re.compile(r"^(?:no|none|nobody|no one)\b", re.IGNORECASE)
_NO_SOURCE = re.compile(r"^(?:details|reports? say|it is learnt|sources close to)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|not|never|nobody|none)\b(?:\s+\w+){0,3}\s*$", re.IGNORECASE)
# "The TTP claimed on February 19 that it shot dead a retired spy": a claim of responsibility.
_CLAIMED_THAT_IT = re.compile(
    r"\bclaimed\s+(?:on\s+[^,]{3,25}?\s+)?that\s+(?P<what>(?:it|they|its fighters|their fighters)\s+(?:had\s+)?"
    r"(?:killed|shot|attacked|bombed|carried out|abducted|kidnapped|executed|blew up|targeted))",
    re.IGNORECASE,
)
# "The claim contradicted Pakistani Government assertions in January that <content>"
_ASSERTIONS = re.compile(
    r"(?P<who>(?:[A-Z][\w-]*\s+){1,4}?)(?:’s\s+|'s\s+)?(?P<noun>assertions?|claims?|statements?|allegations?|contention)\s+"
    r"(?:(?:in|on|of)\s+[A-Z]?\w+\s+)?that\s+(?P<what>[^.;]+)"
)
# "<content> on Sunday, police said, in an attack bearing the hallmarks of ...": the attribution in the middle
_SAYS_MID = re.compile(
    r"^(?P<what>.{20,}?),\s+(?P<who>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3})\s+(?P<verb>said|say|says|added|reported|confirmed)"
    r"\s*,\s+(?=\S)",
    re.S,
)
_TRAILING_TITLE = re.compile(
    r",\s+(?P<title>(?:the\s+|a\s+)?[^,]{0,50}\b(?:spokes\w+|official|officer|commander|chief|leader|minister|head)\b[^,]{0,30})$",
    re.IGNORECASE,
)
# "<content>, said Azam Tariq, a spokesman of the group, warning the group would continue to attack"
_SAYS_TAIL_INVERTED = re.compile(
    r"^(?P<what>.+?),\s+(?P<verb>said|added|says|adds)\s+(?P<who>(?:(?:an?|the)\s+[^,.;]{2,60}?|[A-Z][^,.;]{1,60}?)(?:,\s+(?:an?|the)\s+[^,.;]{3,60})?)"
    r"(?:,\s+(?P<verb2>warning|adding|saying|claiming|insisting)\s+(?:that\s+)?(?P<more>[^.;]+))?[.]?$",
    re.S,
)
_NOT_SPEAKER = re.compile(
    r"^(?:(?:the|this|that)\s+)?(?:it|this|that|which|there|what|who|one|those|these|claims?|assertions?|allegations?|"
    r"attacks?|incidents?|blasts?|murders?|killings?)$",
    re.IGNORECASE,
)
# The capitalised name that ends a speaker phrase of unpunctuated text.
_RUN_ON_SPEAKER = re.compile(
    r"(?<![\s(]a)(?<!\san)(?<!the)(?<!\sof)(?<!\sin)(?<!\sby)(?<!\son)(?<!\sat)(?<!for)(?<!\sto)(?<!with)(?<!from)"
    r"(?<=[a-z0-9])\s+(?P<name>(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)$"
)
# A phrase that tells a deed is no speaker phrase.
_DEED = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:killed|injured|wounded|attacked|reported|abducted|kidnapped|shot|found)\b|"
    r"\b(?:killed|injured|wounded|exploded|attacked|stormed|abducted|kidnapped|bombed|opened fire)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she|they|we|i)$", re.IGNORECASE)


@dataclass
class RawClaim:
    who: str
    kind: str
    start: int
    end: int
    cue: str
    responds_to_who: str | None = None  # "his argument", "Pakistan's position"
    extra: dict[str, str] = field(default_factory=dict)
    who_start: int = -1  # where the speaker phrase starts in the text (-1: not a substring)


def verb_kind(verb: str) -> str:
    v = verb.strip().lower()
    for kind, rx in _VERB_KIND:
        if rx.match(v):
            return kind
    return "statement"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, quotes and trailing punctuation from a span."""
    while start < end and text[start] in " \t\n,;:“\"‘'":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.”\"’'":
        end -= 1
    return start, end


def _cap(text: str, start: int, end: int, limit: int = 280) -> tuple[int, int]:
    """A claim's span is its content, kept short enough to read: cut long content at a clause end."""
    if end - start <= limit:
        return start, end
    window = text[start : start + limit]
    cut = max(window.rfind(", "), window.rfind("; "), window.rfind(" and "))
    return (start, start + cut) if cut > limit // 3 else (start, start + limit)


def find_claims(text: str, start: int, end: int) -> list[RawClaim]:
    """Attributed statements in one sentence text[start:end]."""
    sent = text[start:end]
    out: list[RawClaim] = []
    if not _ANY_CUE.search(sent):
        return out  # most sentences attribute nothing: one cheap test instead of every pattern
    appos = _REJECTED_APPOSITION.search(sent) if "," in sent else None
    if appos is not None and _speaker_phrase(appos.group("who")):
        first = find_claims(text, start, start + appos.start())
        a, b = _trim(text, start + appos.start("what"), start + appos.end("what"))
        who = appos.group("who")
        return [
            *first,
            RawClaim(who, "denial", a, b, appos.group("verb"), who_start=start + appos.start("who")),
        ]
    but = _BUT_SPLIT.search(sent) if ", but " in sent else None
    if but is not None:
        # "Local officials blamed the Taliban, but the group denied responsibility": two speakers.
        return find_claims(text, start, start + but.start()) + find_claims(text, start + but.end(), end)
    sub = _CONCESSIVE.match(sent)
    if sub is not None:
        # "Though the group denied involvement, police believed that ...": two speakers, two claims.
        return find_claims(text, start + sub.start("sub"), start + sub.end("sub")) + find_claims(
            text, start + sub.start("main"), end
        )

    def add(who: str, kind: str, a: int, b: int, cue: str, **extra: str) -> None:
        a, b = _trim(text, start + a, start + b)
        who = who.strip(" ,.")
        if kind != "responsibility":
            # "No group claimed responsibility, but Turkish officials accused ...": the last clause speaks.
            who = _CLAUSE_BREAK.split(who)[-1].strip(" ,.")
            said = _SAID_PRONOUN.match(who)
            if said:
                who = said.group("who")  # "Provincial officials said they held X responsible"
        if b - a < 8 or not who or _NOT_SPEAKER.match(who) or _NO_SOURCE.match(who):
            return
        a, b = _cap(text, a, b)
        pos = sent.find(who)
        out.append(
            RawClaim(
                who=who,
                kind=kind,
                start=a,
                end=b,
                cue=cue,
                extra=dict(extra),
                who_start=start + pos if pos >= 0 else -1,
            )
        )

    for r in _RESPONSIBILITY.finditer(sent):
        if _NEGATED.search(sent[max(0, r.start() - 40) : r.start()]):
            continue  # "No group has claimed responsibility", "with no outfit claiming the attack"
        add(sent[: r.start()], "responsibility", r.start(), r.end(), "claimed responsibility", subject="1")
    m: re.Match[str] | None = _CLAIMED_THAT_IT.search(sent)
    if m:
        add(sent[: m.start()], "responsibility", m.start("what"), len(sent), "claimed that it")
    m = _ASSERTIONS.search(sent)
    if m:
        add(m.group("who"), "statement", m.start("what"), m.end("what"), m.group("noun"))
    m = _REPORTS.match(sent) or _REPORTS_INVERTED.match(sent)
    if m:
        # "He further said, <content>, adds The News": the speaker inside comes first.
        inner = _speaker_claims(sent[: m.end("what")])
        if inner:
            for who, kind, a, b, cue, extra in inner:
                if not (kind == "statement" and cue.lower().startswith("claim") and out):
                    add(who, kind, a, b, cue, **extra)
            return _split_that(text, out)
        add(m.group("who"), "statement", m.start("what"), m.end("what"), "reports")
        return out
    m = _ACCORDING_LEAD.match(sent)
    if m:
        add(m.group("who"), "statement", m.start("what"), m.end("what"), "according to")
        return out
    m = _ACCORDING_TAIL.match(sent)
    if m:
        add(m.group("who"), "statement", m.start("what"), m.end("what"), "according to")
        return out
    m = _ACCUSE.match(sent)
    if (
        m
        and _speaker_phrase(_CLAUSE_BREAK.split(m.group("who"))[-1])
        and not _has_break(m.group("who"))
        and not re.search(r"\b(?:one|two|three|four|five|all|each|several|\d+)$", m.group("who"))
    ):
        second = _AND_VERB.search(sent, m.start("what"), m.end("what"))
        add(
            m.group("who"),
            "allegation",
            m.start("what"),
            second.start() if second else m.end("what"),
            m.group("verb"),
        )
        if second is not None:
            # "accused the MQM of the murder and said that the member had been threatened": two claims
            out.extend(
                _same_speaker(text, start + m.start("who"), start + m.end("who"), start + second.end(), end)
            )
        return out
    low = sent.lower()
    passive = _PASSIVE_REJECT.match(sent) if " by " in sent else None
    if passive is not None and _speaker_phrase(passive.group("who")):
        # The denial is the whole sentence's content: what was denied, and how ("as baseless").
        add(passive.group("who"), "denial", passive.start("what"), len(sent), passive.group("verb"))
        if out and out[-1].kind == "denial":
            out[-1].who_start = start + passive.start("who")  # the speaker after "by", not a same word before
        return out
    for rx, kind, cues in _DENY_OR_ACCUSE:
        if not any(cue in low for cue in cues):
            continue  # a substring test spares the patterns that scan for a clause break
        m = rx.match(sent)
        if m and _speaker_phrase(m.group("who")):
            a = m.start("what") + (5 if m.group("what").startswith("that ") else 0)
            second = _AND_VERB.search(sent, m.start("what"), m.end("what")) if kind == "denial" else None
            add(m.group("who"), kind, a, second.start() if second else m.end("what"), m.group("verb"))
            if second is not None:
                # "The YPG denied the accusation and blamed the attack on IS": the same speaker's second claim
                out.extend(
                    _same_speaker(
                        text, start + m.start("who"), start + m.end("who"), start + second.end(), end
                    )
                )
            if kind == "denial" or not out or len(out) == 1:
                return _split_that(text, out)
    if (
        out
        and any(c.kind == "responsibility" for c in out)
        and not re.search(r"\b(?:alleged|said|added|stated)\b", sent)
    ):
        return out
    for who, kind, a, b, cue, extra in _speaker_claims(sent):
        if kind == "statement" and cue.lower().startswith("claim") and out:
            continue  # "claimed responsibility" was taken already
        add(who, kind, a, b, cue, **extra)
    return _split_that(text, out)


def _speaker_claims(sent: str) -> list[tuple[str, str, int, int, str, dict[str, str]]]:
    """ "<content>, said X[, warning <content>]", "X said (that) <content>", "X confirmed the raid"."""
    found: list[tuple[str, str, int, int, str, dict[str, str]]] = []
    mid = _SAYS_MID.match(sent)
    if mid and _plausible_speaker(mid.group("who")):
        found.append(
            (
                mid.group("who"),
                verb_kind(mid.group("verb")),
                mid.start("what"),
                mid.end("what"),
                mid.group("verb"),
                {},
            )
        )
        return found
    tail = _SAYS_TAIL_INVERTED.match(sent)
    if tail and _plausible_speaker(tail.group("who")):
        found.append(
            (
                tail.group("who"),
                verb_kind(tail.group("verb")),
                tail.start("what"),
                tail.end("what"),
                tail.group("verb"),
                {},
            )
        )
        if tail.group("more"):
            found.append(
                (
                    tail.group("who"),
                    "statement",
                    tail.start("more"),
                    tail.end("more"),
                    tail.group("verb2") or "",
                    {},
                )
            )
        return found
    end_tail = _says_tail(sent)
    if end_tail and end_tail.group("who1") and "," in sent and _plausible_speaker(end_tail.group("who1")):
        # "<content>, a senior police official said.": the speaker at the end; a title set off by
        # commas before the name belongs to the speaker ("..., the group's spokesman, Qari Yousaf, told").
        who, verb = end_tail.group("who1"), end_tail.group("verb1")
        what_end = end_tail.end("what")
        titled = _TRAILING_TITLE.search(end_tail.group("what"))
        if titled:
            who = f"{titled.group('title')}, {who}"
            what_end = end_tail.start("what") + titled.start()
        found.append((who, verb_kind(verb.split()[0]), end_tail.start("what"), what_end, verb, {}))
        return found
    m = _SAYS_LEAD.match(sent)
    run_on = (
        _RUN_ON_SPEAKER.search(m.group("who"))
        if m is not None
        and _DEED.search(m.group("who"))
        and m.group("verb") in ("said", "says", "added", "told")
        else None
    )
    inverted = (
        re.match(r"\s+((?:the|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+[A-Z]|\s*$)", sent[m.end("verb") :])
        if m is not None
        else None
    )
    if inverted is not None and _plausible_speaker(inverted.group(1)):
        run_on = None  # "The bomber opened fire on the Policemen said the official He said ...": the speaker follows
    if run_on is not None and _plausible_speaker(run_on.group("name")):
        # Text without punctuation: "... were killed during the assault Mujahid said the attack ended":
        # the speaker is the name right before the verb; what comes before is read on its own.
        cut = run_on.start("name")
        found = [c for c in _speaker_claims(sent[:cut].rstrip()) if c[0] != sent[:cut].rstrip()]
        for who, kind, a, b, cue, extra in _speaker_claims(sent[cut:]):
            found.append((who, kind, a + cut, b + cut, cue, extra))
        return found
    if m is not None and (_has_break(m.group("who")) or not _plausible_speaker(m.group("who"))):
        m = None  # "The bomber opened fire on the Policemen said the official": the speaker comes last
    if m is None:
        c = _CONFIRM_OBJECT.match(sent)
        if c and _plausible_speaker(c.group("who")):
            found.append((c.group("who"), verb_kind(c.group("verb")), 0, len(sent), c.group("verb"), {}))
        else:
            t = _says_tail(sent)
            if t:
                who = t.group("who1") or t.group("who2") or ""
                verb = t.group("verb1") or t.group("verb2") or "said"
                if _plausible_speaker(who) and not re.match(r"(?i)(?:he|she|they|we|it|i)\s+\w", who):
                    found.append((who, verb_kind(verb.split()[0]), t.start("what"), t.end("what"), verb, {}))
        return found
    if _has_break(m.group("who")) or not _plausible_speaker(m.group("who")):
        return found
    if _NEGATED_SPEAKER.match(m.group("who")) or re.search(
        r"\b(?:is|are|was|were|been|being)\s*$", m.group("who")
    ):
        return found  # "No group has claimed ...", "he is said to have links": nobody is speaking
    verb = m.group("verb")
    kind = verb_kind(verb)
    what_start, what_end = m.start("what"), m.end("what")
    after_verb = sent[m.end("verb") :]
    that = re.match(r"^([^.;“\"]{0,110}?)\bthat[:,]?\s+", after_verb)
    lead = re.match(r"^([^.;“\"]{0,110}?)[,:]\s+", after_verb)
    if that and _gap_ok(that.group(1), verb):
        what_start = m.end("verb") + that.end()
    elif lead and not re.match(r"^\s+(?:to|the|a|an)\b", after_verb) and _gap_ok(lead.group(1), verb):
        what_start = m.end("verb") + lead.end()
    else:
        # "The army said troops repelled an attack, killing 12": the content is the whole clause.
        what_start = m.end("verb")
        hearer = _HEARER.match(after_verb) if verb.lower() in ("told", "informed") else None
        if hearer:
            what_start += hearer.end()  # "Witnesses told The Associated Press the gunmen ..."
    if kind in ("counter", "endorsement"):
        # "countered his argument by alleging that ...", "upheld Pakistan's position, clearly stating that ..."
        what_start = m.start("verb")
        if kind == "counter":
            saying = re.search(
                r",\s+(?:saying|adding|insisting|arguing|stating)\s+(?:that\s+)?", sent[m.end("verb") :]
            )
            inner = re.search(
                r"\bthat\s+(?!(?:figure|toll|number|claim|account|report|version|statement)\b)",
                sent[m.end("verb") :],
            )
            if saying:
                what_start = m.end("verb") + saying.end()  # "disputed that figure, saying only 10 died"
            elif inner:
                what_start = m.end("verb") + inner.end()
        owner = re.search(
            r"\b(his|her|their|[A-Z][\w]+’s|[A-Z][\w]+'s)\s+(?:argument|position|claim|stance|view|allegation)",
            sent,
        )
        found.append(
            (m.group("who"), kind, what_start, what_end, verb, {"owner": owner.group(1) if owner else ""})
        )
        return found
    found.append((m.group("who"), kind, what_start, what_end, verb, {}))
    return found


def _same_speaker(text: str, who_start: int, who_end: int, verb_start: int, end: int) -> list[RawClaim]:
    """Claims of a second verb phrase that shares the subject of the first: read as if the subject
    were written again before it, with the spans mapped back onto the text."""
    who = text[who_start:who_end]
    synthetic = f"{who} {text[verb_start:end]}"
    shift = verb_start - (len(who) + 1)

    def back(pos: int) -> int:
        return who_start + pos if pos <= len(who) else pos + shift

    return [
        RawClaim(
            c.who, c.kind, back(c.start), back(c.end), c.cue, c.responds_to_who, c.extra, back(c.who_start)
        )
        for c in find_claims(synthetic, 0, len(synthetic))
        if c.who_start >= 0
    ]


_ABBREVIATION = re.compile(
    r"\b(?:Jr|Sr|Lt|Gen|Col|Maj|Capt|Cpt|Dr|Mr|Mrs|Ms|St|Sgt|Brig|Gov|Sen|Rep|Prof|Adm|Cmdr|Insp|Supt|Hon|Rev|"
    r"No|[A-Z])\.",
)


def _has_break(who: str) -> bool:
    """A sentence or clause break inside a speaker phrase; the period of a title or an initial
    ("Lt. Gen. Roy Galido", "Ferdinand Marcos Jr.", "John F. Kennedy") is none."""
    return ";" in who or "." in _ABBREVIATION.sub("", who)


def _gap_ok(gap: str, verb: str) -> bool:
    """Whether the words between a reporting verb and the "that" (or comma) opening its content are
    an adjunct of the verb ("said on Monday that", "told reporters that") and not a clause of the
    content itself ("said troops repelled an attack that killed 12")."""
    if not gap.strip():
        return True
    if _LEAD_GAP.match(gap) or _GAP_VERB.search(gap):
        return True
    return verb.lower() in ("told", "informed", "assured", "warned") and bool(_TOLD_GAP.match(gap))


def _split_that(text: str, claims: list[RawClaim]) -> list[RawClaim]:
    out: list[RawClaim] = []
    for c in claims:
        body = text[c.start : c.end]
        parts = re.split(r"\s+and that\s+", body)
        if len(parts) == 1:
            out.append(c)
            continue
        offset = c.start
        for part in parts:
            s = text.index(part, offset)
            out.append(
                RawClaim(c.who, c.kind, s, s + len(part), c.cue, c.responds_to_who, c.extra, c.who_start)
            )
            offset = s + len(part)
    return out


def _speaker_phrase(who: str) -> bool:
    """A plausible speaker that is only a noun phrase: "police", "An MQM spokesman", not "Police
    arrested" (a verb in it: "Police arrested suspected militants")."""
    who = who.strip(" ,")
    if _NEGATED_SPEAKER.match(who) or re.search(r"\b(?:is|are|was|were|been|being)\s*$", who):
        return False
    if re.search(r"\b[a-z]+ed\b", who) and not re.search(r"\b(?:united|armed|retired|based|led)\b", who):
        return False
    return _plausible_speaker(who)


def _plausible_speaker(who: str) -> bool:
    who = who.strip(" ,")
    if not who or len(who) > 160:
        return False
    words = who.split()
    if _PRONOUN.match(who):
        return True
    if _DEED.search(who):
        return False  # "Two soldiers were killed in an attack (claimed by ...)": an event, not a speaker
    low = who.lower()
    if re.search(
        r"\b(?:police|officials?|sources?|spokes\w+|report|minister|chief|officer|president|government|"
        r"ministry|department|statement|residents?|witness\w*|civilian|agency|reports|cadres|group|"
        r"military|army|ISPR|administration|tehsildar|SHO|SSP|DG|he|she|they|"
        # common nouns that name who speaks in wire copy: "a local councillor", "hospital staff"
        r"council+or|mayor|governor|lawmakers?|legislators?|senator|doctors?|medics?|nurses?|paramedics?|"
        r"rescuers?|survivors?|villagers?|elders?|relatives?|analysts?|diplomats?|prosecutors?|judges?|"
        r"courts?|investigators?|authorities|commanders?|aides?|activists?|monitors?|observatory|"
        r"officers|troops|soldiers|representatives?|envoy|ambassador|director|secretary|commission|"
        r"mission|tribunal|inquiry|journalists?|reporters?|correspondents?|staff|"
        r"colonel|general|captain|major|lieutenant|sergeant|chairman|rebels|insurgents|militants|fighters)\b",
        low,
        re.IGNORECASE,
    ):
        return True
    # A name: mostly capitalised words.
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= max(1, len(words) // 2) and len(words) <= 12
