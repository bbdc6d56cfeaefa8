"""Names the eval sets do not hold: particles in personal names, spellings of group names."""

import pytest

from loader.extract.actors import actor_index, person_name


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Iraqi Prime Minister Mustafa al-Kadhimi", "Mustafa al-Kadhimi"),
        ("Egyptian President Abdel Fattah el-Sisi", "Abdel Fattah el-Sisi"),
        ("the group's leader, Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi"),
        ("Crown Prince Mohammed bin Salman", "Mohammed bin Salman"),
        ("spokesman Abdul Rahman ad-Dakhil", "Abdul Rahman ad-Dakhil"),
        ("Commission President Ursula von der Leyen", "Ursula von der Leyen"),
        ("Brazilian President Luiz Inacio Lula da Silva", "Luiz Inacio Lula da Silva"),
        ("spokesman al-Adnani", "al-Adnani"),
        ("Governor Babagana Zulum and", "Babagana Zulum"),
    ],
)
def test_names_keep_their_particles(phrase: str, name: str) -> None:
    assert person_name(phrase) == name


@pytest.mark.parametrize(
    "spelling", ["Jaish-e-Mohammed", "Jaish-e-Mohammad", "Jaish e Muhammed", "Jaish-i-Muhammad"]
)
def test_group_spellings_with_o_or_u(spelling: str) -> None:
    found = actor_index().find(f"Officials blamed {spelling} for the raid.")
    assert [m.actor.name for m in found] == ["Jaish-e-Mohammed"]
