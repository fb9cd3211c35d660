"""Supplier names of a question resolved to the agencies that answer it: an agency by any of its
names, and a body that is not an agency (the Forum Anak Daerah, the business community) through
the agency that coordinates it, kept beside it so pages can name the supplier."""

from __future__ import annotations

from layak.core.agencies import alias_index, assign

# Kota Metro as the demo records it: DP3AP2KB coordinates the Forum Anak Daerah and the
# business community, which are no agencies of their own.
NAMES = {
    "DP3AP2KB": ["Dinas PPPA", "DPPPAPPKB"],
    "Disdikbud": ["Dinas Pendidikan"],
    "FAD": ["Forum Anak Daerah (FAD)"],
    "Dunia Usaha": ["Pelaku Usaha"],
}
COORDINATORS = {"FAD": "DP3AP2KB", "Dunia Usaha": "DP3AP2KB"}
INDEX = alias_index((short, [short, *aliases]) for short, aliases in NAMES.items())


def test_a_forum_anak_question_goes_to_dp3ap2kb_with_the_forum_named() -> None:
    assigned = assign(["DPPPAPPKB", "Forum Anak Daerah (FAD)"], INDEX, COORDINATORS)
    assert assigned.agencies == ["DP3AP2KB"]
    assert assigned.suppliers == {"DP3AP2KB": ["FAD"]}
    assert assigned.unmatched == []


def test_a_supplier_named_alone_makes_its_coordinator_the_lead() -> None:
    assigned = assign(["forum anak daerah (fad)", "Dinas Pendidikan"], INDEX, COORDINATORS)
    assert assigned.agencies == ["DP3AP2KB", "Disdikbud"]
    assert assigned.suppliers == {"DP3AP2KB": ["FAD"]}


def test_two_suppliers_of_one_coordinator_are_both_named_once() -> None:
    names = ["Disdikbud", "Dunia Usaha", "Forum Anak Daerah (FAD)", "Pelaku Usaha"]
    assigned = assign(names, INDEX, COORDINATORS)
    assert assigned.agencies == ["Disdikbud", "DP3AP2KB"]
    assert assigned.suppliers == {"DP3AP2KB": ["Dunia Usaha", "FAD"]}


def test_names_that_match_nothing_are_reported_and_agencies_stay_agencies() -> None:
    assigned = assign(["Dinas Antah Berantah", "Disdikbud"], INDEX, COORDINATORS)
    assert assigned.agencies == ["Disdikbud"]
    assert assigned.suppliers == {}
    assert assigned.unmatched == ["Dinas Antah Berantah"]
    # Without the coordinators the supplier would be an agency of its own: the mistake the
    # demo used to make with aliases is now a decision written as data.
    assert assign(["Forum Anak Daerah (FAD)"], INDEX, {}).agencies == ["FAD"]
