"""One family that holds every relation of C2 to one official, for the named tests.

    GF ──┬── F ══ M          (F and M the official's birth parents; U the father's brother)
         └── U
    F ──┬── O ══ S ── SP     (S the spouse; SP the spouse's parent, SS the spouse's sibling)
        ├── B ══ BW          (B a full brother with his wife BW)
        └── H                (H a half-brother: F and another mother W2)
    SP ── SS
    O ── C ══ CS             (C a child, CS the child's spouse)
    C ── G                   (G a grandchild)

`══` is a marriage (2000-01-01 on), `──` a birth edge. Everyone lives, is born before the
date of the tests, and is a person only: C2 needs no household.
"""

from datetime import date

from tests.scoring.kin import Family

ON = date(2026, 6, 1)


def c2_family() -> Family:
    fam = Family()
    born = {
        "GF": date(1930, 1, 1),
        "F": date(1955, 1, 1),
        "M": date(1956, 1, 1),
        "W2": date(1960, 1, 1),
        "U": date(1958, 1, 1),
        "SP": date(1952, 1, 1),
        "O": date(1980, 1, 1),
        "S": date(1981, 1, 1),
        "B": date(1983, 1, 1),
        "BW": date(1984, 1, 1),
        "H": date(1990, 1, 1),
        "SS": date(1985, 1, 1),
        "C": date(2002, 1, 1),
        "CS": date(2001, 1, 1),
        "G": date(2024, 1, 1),
    }
    for name, day in born.items():
        fam.person(name, day)
    n = fam.names
    for parent, child in [
        ("GF", "F"),
        ("GF", "U"),
        ("F", "O"),
        ("M", "O"),
        ("F", "B"),
        ("M", "B"),
        ("F", "H"),
        ("W2", "H"),
        ("SP", "S"),
        ("SP", "SS"),
        ("O", "C"),
        ("C", "G"),
    ]:
        fam.parent(n[parent], n[child])
    for a, b in [("F", "M"), ("O", "S"), ("B", "BW"), ("C", "CS")]:
        fam.spouse(n[a], n[b], start=date(2000, 1, 1) if a != "C" else date(2022, 1, 1))
    return fam
