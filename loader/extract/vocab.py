"""Lexicons that map wording to the GTD codes: attack types (with GTD's hierarchy for attacks that
combine methods) and target types (with GTD's conventions: a hospital is a business, a political
rally government_general, a protest or a wedding private_citizens, a mosque or shrine religious,
an embassy or consulate government_diplomatic).
"""

from __future__ import annotations

import re

# GTD codes the attack type of a multi-method attack by the first one in this order.
ATTACK_PRIORITY = [
    "assassination",
    "hijacking",
    "kidnapping",
    "hostage_barricade",
    "bombing",
    "armed_assault",
    "unarmed_assault",
    "facility_attack",
    "unknown",
]

_ATTACK_CUES: list[tuple[str, str]] = [
    ("assassination", r"assassinat\w*|target(?:ed)? killing|behead\w*|executed(?!\s+by)|execution"),
    ("hijacking", r"hijack\w*"),
    ("kidnapping", r"kidnap\w*|abduct\w*|taken captive|held captive|captive"),
    (
        "hostage_barricade",
        r"(?:held|taken|took|holding)\s+(?:\w+\s+){0,3}hostages?|hostages?|siege|barricaded",
    ),
    (
        "bombing",
        r"suicide\s+(?:bomb\w*|attack\w*|vest|blast|car|truck)|bomb\w*|blasts?|explo(?:sion|sive|ded|de|sives)\w*|"
        r"IEDs?|improvised explosive|grenades?|land\s?mines?|(?:car|truck|roadside|magnetic|sticky)\s+bomb|"
        r"blew\s+(?:himself|herself|themselves|up)|detonat\w*|air\s?strikes?|drone (?:strike|attack)s?|air raids?|"
        # GTD codes explosive projectiles (rockets, mortars, RPGs, shelling) as bombing/explosion.
        r"rockets?|mortars?|RPGs?|rocket-propelled grenades?|missiles?|shelling|shelled",
    ),
    (
        "armed_assault",
        r"shot|shoot\w*|gun\s?(?:men|man|fire|battle|attack|fight)|gunmen|gunned down|gunning down|gunfire|gunfight|opened?\s+fir\w*|firing|fired (?:at|on|upon)|"
        r"sprayed bullets|ambush\w*|storm\w*|clash\w*|encounter|exchange of fire|armed (?:men|assailants|attackers)|"
        r"armed with",
    ),
    ("unarmed_assault", r"stabb\w*|knife attack|beaten to death|hacked to death|acid attack|lynch\w*|stoned"),
    (
        "facility_attack",
        r"set (?:\w+ )?(?:on fire|ablaze|alight)|torch\w*|arson|burnt down|burned down|vandali[sz]\w*",
    ),
]
ATTACK_CUES = [(kind, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for kind, rx in _ATTACK_CUES]
GENERIC_ATTACK = re.compile(
    r"\b(?:attack\w*|assault\w*|raid\w*|struck|targeted|targeting|killed|killing|kills|murder\w*|injured|wounded)\b",
    re.I,
)
SUICIDE = re.compile(
    r"\bsuicide\b|\bblew\s+(?:himself|herself|themselves)\s+up|\bself[- ]immolat", re.IGNORECASE
)
# Victims of a targeted killing that GTD codes as an assassination when they are shot dead.
PROMINENT_VICTIM = re.compile(
    r"\b(?:SHO|Station House Officer|commander|leader|president|chief|judge|minister|governor|mayor|"
    r"politician|lawmaker|MNA|MPA|senator|cleric|scholar|official|officer|elder|head)\b",
    re.IGNORECASE,
)

_TARGET_LEXICON: list[tuple[str, str]] = [
    ("government_diplomatic", r"embass\w*|consulat\w*|diplomat\w*|high commission|ambassador"),
    (
        "educational_institution",
        r"schools?|college|universit\w*|madrass?as?|seminar(?:y|ies)|students?|teachers?|campus",
    ),
    (
        "religious",
        r"mosques?|masjid|shrines?|church\w*|temples?|imambargah\w*|gurdwara|worshipp\w*|"
        r"(?:Friday|Eid|funeral|Juma) prayers|clerics?|pilgrims?|prayer leader|synagogue",
    ),
    ("journalists_media", r"journalists?|reporters?|press club|media|cameram[ae]n|newspaper|TV station"),
    ("ngo", r"NGO\w*|aid workers?|charity|humanitarian|polio (?:workers?|team|vaccinators?)"),
    ("airports_aircraft", r"airports?|aircraft|airplane|helicopter|airfield|air base|airbase"),
    ("telecommunication", r"(?:mobile|telecom|cell(?:ular)?|communication) towers?|telecom\w*"),
    (
        "utilities",
        r"power (?:pylons?|lines?|station|plant|grid)|pylons?|electricity|gas pipeline|pipeline|"
        r"transmission line|grid station|power supply",
    ),
    ("food_water", r"tube ?wells?|water (?:supply|tank|well)|food"),
    ("tourists", r"tourists?|hunters?|hunting party|sightseers?|mountaineers?|climbers?"),
    (
        "transportation",
        r"bus(?:es)?|trains?|railway|passenger|container|truck|tanker|coach|van|"
        r"supply convoy|oil tanker|bus stand|bus station|railway station",
    ),
    (
        "police",
        r"Station House Officer|police\w*|policem[ae]n|constables?|SHO|khasadars?|levies|police station|checkpost|check post|"
        r"check-?point|ALP|patrol|cops?|recruits",
    ),
    (
        "military",
        r"soldiers?|troops?|army|military|Frontier Corps|FC|paramilitary|security forces?|"
        r"security personnel|SF personnel|SFs?|convoy|cantonment|forces|border posts?|outposts?|border guards?",
    ),
    (
        "government_general",
        r"spy|spies|intelligence|ministry|government|courthouse|court|judge|lawyers?|officials?|election|polling|"
        r"rally|political|politician|lawmaker|minister|governor|administrative|council|parliament|"
        r"district headquarters?|secretariat|party (?:leader|office|worker)|President of|MNA|MPA|senator|tax",
    ),
    (
        "business",
        r"hospital|bank|hotel|shops?|shopkeepers?|markets?|bazaars?|traders?|business\w*|factory|"
        r"construction (?:site|company|workers?|camp)|company|restaurant|medical store|store|guest ?house|snooker|workers?|contractors?|"
        r"petrol pump|gas station|vegetable supplier|supplier|pharmacy|cinema",
    ),
    ("terrorists_militia", r"militants?|militia|lashkar|peace committee|insurgents?|terrorists?|fighters?"),
    (
        "private_citizens",
        r"civilians?|people|persons|residents?|villagers?|passers[- ]?by|pedestrians?|"
        r"protest\w*|demonstrat\w*|weddings?|wedding hall|neighbou?rhoods?|(?<!Station )houses?|homes?|famil(?:y|ies)|"
        r"tribal elders?|elders?|children|women|men|man|woman|boys?|girls?|child|person|citizens?|commuters?|crowd|gathering|Shia|Hazara|Sunni|"
        r"Christian|Hindu|Sikh|Ahmadi|minorit\w*|funeral|hostages?|captives?",
    ),
]
TARGET_LEXICON = [(kind, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for kind, rx in _TARGET_LEXICON]


_ARMED_WITH = re.compile(
    r"\barmed with\b[^,.;]*?(?=\s+(?:attacked|struck|stormed|raided|entered|opened)\b|[,.;]|$)", re.I
)


def attack_types_in(text: str) -> list[str]:
    """Attack types whose wording appears in a text; weapons someone is only "armed with" are
    not the method ("bombers armed with guns and grenades attacked" is an armed assault)."""
    armed = _ARMED_WITH.search(text)
    if armed:
        text = text[: armed.start()] + " armed with " + text[armed.end() :]
    return [kind for kind, rx in ATTACK_CUES if rx.search(text)]


def pick_attack_type(kinds: list[str]) -> str:
    for kind in ATTACK_PRIORITY:
        if kind in kinds:
            return kind
    return "unknown"
