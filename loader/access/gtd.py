"""GTD-compatible column names for incident exports (`eventsdb export incidents --gtd`).

The Global Terrorism Database codebook names and codes its variables (iyear, imonth, iday,
country_txt, provstate, attacktype1_txt, gname, nkill, ...); a researcher with GTD scripts can run
them on eventsdb incidents. Where GTD has a convention, it is followed: imonth and iday are 0 when
the source does not give them (never a made-up day), approxdate holds the date as the source gives
it, claimed and suicide are 1/0. Columns GTD has no name for keep ours, prefixed `eventsdb_`
(date_start, date_end, the high ends of the tolls, ...). GTD columns we cannot fill (region,
weapon types, ...) are left out rather than invented.
"""

from __future__ import annotations

import warnings
from functools import cache

import pandas as pd

from loader.access.views import PANDAS_DTYPES, ColumnKind

# GTD codebook: attack types (attacktype1, attacktype1_txt) for our vocabulary.
ATTACK_TYPES: dict[str, tuple[int, str]] = {
    "assassination": (1, "Assassination"),
    "armed_assault": (2, "Armed Assault"),
    "bombing": (3, "Bombing/Explosion"),
    "hijacking": (4, "Hijacking"),
    "hostage_barricade": (5, "Hostage Taking (Barricade Incident)"),
    "kidnapping": (6, "Hostage Taking (Kidnapping)"),
    "facility_attack": (7, "Facility/Infrastructure Attack"),
    "unarmed_assault": (8, "Unarmed Assault"),
    "unknown": (9, "Unknown"),
}

# GTD codebook: target types (targtype1, targtype1_txt). GTD's 5 (Abortion Related) has no
# counterpart in our vocabulary.
TARGET_TYPES: dict[str, tuple[int, str]] = {
    "business": (1, "Business"),
    "government_general": (2, "Government (General)"),
    "police": (3, "Police"),
    "military": (4, "Military"),
    "airports_aircraft": (6, "Airports & Aircraft"),
    "government_diplomatic": (7, "Government (Diplomatic)"),
    "educational_institution": (8, "Educational Institution"),
    "food_water": (9, "Food or Water Supply"),
    "journalists_media": (10, "Journalists & Media"),
    "maritime": (11, "Maritime"),
    "ngo": (12, "NGO"),
    "other": (13, "Other"),
    "private_citizens": (14, "Private Citizens & Property"),
    "religious": (15, "Religious Figures/Institutions"),
    "telecommunication": (16, "Telecommunication"),
    "terrorists_militia": (17, "Terrorists/Non-State Militia"),
    "tourists": (18, "Tourists"),
    "transportation": (19, "Transportation"),
    "unknown": (20, "Unknown"),
    "utilities": (21, "Utilities"),
    "violent_political_party": (22, "Violent Political Party"),
}

# GTD's specificity (1 = the city itself ... 5 = no place below the country) for our precision.
SPECIFICITY: dict[str, int] = {"city": 1, "admin2": 3, "admin1": 4, "country": 5, "region": 5}

# Country names as GTD spells them where they differ from ISO 3166's.
GTD_COUNTRY_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "KP": "North Korea",
    "KR": "South Korea",
    "MK": "Macedonia",
    "PS": "West Bank and Gaza Strip",
    "RU": "Russia",
    "TR": "Turkey",
    "TW": "Taiwan",
}

GTD_COLUMN_KINDS: dict[str, ColumnKind] = {
    "eventid": "integer",
    "iyear": "integer",
    "imonth": "integer",
    "iday": "integer",
    "approxdate": "text",
    "country_txt": "text",
    "provstate": "text",
    "city": "text",
    "latitude": "float",
    "longitude": "float",
    "specificity": "integer",
    "suicide": "integer",
    "attacktype1": "integer",
    "attacktype1_txt": "text",
    "targtype1": "integer",
    "targtype1_txt": "text",
    "target1": "text",
    "gname": "text",
    "gname2": "text",
    "gname3": "text",
    "guncertain1": "integer",
    "claimed": "integer",
    "nkill": "integer",
    "nwound": "integer",
    "summary": "text",
    "scite1": "text",
    "dbsource": "text",
    "eventsdb_date_start": "date",
    "eventsdb_date_end": "date",
    "eventsdb_date_precision": "text",
    "eventsdb_country": "text",
    "eventsdb_admin1_code": "text",
    "eventsdb_killed_high": "integer",
    "eventsdb_wounded_high": "integer",
    "eventsdb_perpetrators": "text",
    "eventsdb_attribution": "text",
    "eventsdb_source_count": "integer",
}
GTD_COLUMNS: tuple[str, ...] = tuple(GTD_COLUMN_KINDS)


@cache
def country_name(code: str) -> str:
    """The country's name as GTD writes it ('Syria', 'Iran', 'Afghanistan'); the code if unknown."""
    if code in GTD_COUNTRY_NAMES:
        return GTD_COUNTRY_NAMES[code]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def _coded(values: pd.Series, table: dict[str, tuple[int, str]], part: int) -> pd.Series:
    return values.map(lambda value: table[value][part] if isinstance(value, str) and value in table else None)


def _nth_group(perpetrators: pd.Series, index: int) -> pd.Series:
    def pick(names: object) -> str | None:
        if not isinstance(names, str):
            return "Unknown" if index == 0 else None
        parts = [part.strip() for part in names.split("; ") if part.strip()]
        return parts[index] if index < len(parts) else None

    return perpetrators.map(pick)


def _flag(values: pd.Series) -> pd.Series:
    return values.astype("boolean").astype("Int64")


def to_gtd(incidents: pd.DataFrame) -> pd.DataFrame:
    """research.incidents rows (as `frames.incidents()` returns them) in GTD's columns and codes."""
    frame = incidents
    precision = frame["date_precision"]
    approximate = precision.notna() & (precision != "day")
    columns: dict[str, pd.Series] = {
        "eventid": frame["incident_id"],
        "iyear": frame["year"],
        "imonth": frame["month"].fillna(0).astype("Int64").where(frame["year"].notna()),
        "iday": frame["day"].fillna(0).astype("Int64").where(frame["year"].notna()),
        "approxdate": frame["date_label"].where(approximate),
        "country_txt": frame["country"].map(
            lambda code: country_name(code) if isinstance(code, str) else None
        ),
        "provstate": frame["admin1_name"],
        "city": frame["city"],
        "latitude": frame["latitude"],
        "longitude": frame["longitude"],
        "specificity": frame["location_precision"].map(
            lambda value: SPECIFICITY.get(value, 5) if isinstance(value, str) else 5
        ),
        "suicide": _flag(frame["suicide"]),
        "attacktype1": _coded(frame["attack_type"], ATTACK_TYPES, 0),
        "attacktype1_txt": _coded(frame["attack_type"], ATTACK_TYPES, 1),
        "targtype1": _coded(frame["target_type"], TARGET_TYPES, 0),
        "targtype1_txt": _coded(frame["target_type"], TARGET_TYPES, 1),
        "target1": frame["target_description"],
        "gname": _nth_group(frame["perpetrators"], 0),
        "gname2": _nth_group(frame["perpetrators"], 1),
        "gname3": _nth_group(frame["perpetrators"], 2),
        "guncertain1": (frame["attribution"] == "suspected").astype("boolean").astype("Int64"),
        "claimed": _flag(frame["claimed"]),
        "nkill": frame["killed_low"],
        "nwound": frame["wounded_low"],
        "summary": frame["summary"],
        "scite1": frame["sources"],
        "dbsource": pd.Series(["eventsdb"] * len(frame), index=frame.index),
        "eventsdb_date_start": frame["date_start"],
        "eventsdb_date_end": frame["date_end"],
        "eventsdb_date_precision": frame["date_precision"],
        "eventsdb_country": frame["country"],
        "eventsdb_admin1_code": frame["admin1_code"],
        "eventsdb_killed_high": frame["killed_high"],
        "eventsdb_wounded_high": frame["wounded_high"],
        "eventsdb_perpetrators": frame["perpetrators"],
        "eventsdb_attribution": frame["attribution"],
        "eventsdb_source_count": frame["source_count"],
    }
    result = pd.DataFrame(columns, index=frame.index)
    return result.astype({name: PANDAS_DTYPES[kind] for name, kind in GTD_COLUMN_KINDS.items()})
