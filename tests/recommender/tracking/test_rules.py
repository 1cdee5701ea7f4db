"""The credential rules file: schema, a source for every number, unknowns kept."""

from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml

from catalog.paths import reference_path
from recommender.tracking.rules import (
    RulesError,
    category_fills,
    invariant_problem,
    load_rules,
    read_rules_data,
    rules_schema,
    schema_problem,
)

REQUIRED_IDS = (
    "ca-bpc-6450",
    "nala-cp",
    "nfpa-rp",
    "nfpa-crp",
    "nals-clp",
    "nals-pp",
    "nals-alp",
    "aapi-aacp",
    "fl-frp",
    "tx-sbot-pd",
    "nc-ncscp",
    "sc-sccp",
    "ky-ckp",
    "pa-pacp",
    "ut-lpp",
    "wa-lllt-lpo",
    "ca-ccls",
    "co-llp",
    "mn-lp",
    "nj-cp",
)


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(reference_path("credentials.yaml").read_text("utf-8"))


def test_rules_file_validates_against_its_schema(raw):
    jsonschema.Draft202012Validator.check_schema(rules_schema())
    jsonschema.validate(raw, rules_schema(), cls=jsonschema.Draft202012Validator)


def test_every_required_credential_is_present():
    missing = [i for i in REQUIRED_IDS if i not in load_rules()]
    assert not missing


def test_every_rule_names_sources_and_confidence(raw):
    for rule in raw["credentials"]:
        assert rule["sources"], rule["id"]
        assert all(s["url"].startswith("http") for s in rule["sources"])
        assert rule["confidence"] in (
            "official",
            "multiple_secondary",
            "uncertain",
            "mixed",
        )


def test_every_number_has_a_source(raw):
    for rule in raw["credentials"]:
        supported = {f for s in rule["sources"] for f in s["supports"]}
        facts = {
            "total_hours": rule["total_hours"] is not None,
            "cycle": rule["cycle"]["years"] is not None,
            "requirements": any(
                r["min_hours"] is not None for r in rule["requirements"]
            ),
            "caps": bool(rule["caps"]),
            "not_accepted": bool(rule["not_accepted"]),
            "unit": rule["unit"]["minutes"] is not None,
        }
        unsupported = [
            f for f, present in facts.items() if present and f not in supported
        ]
        assert not unsupported, f"{rule['id']}: no source for {unsupported}"


@pytest.mark.parametrize(
    "credential,total,years,placement,minimums",
    [
        # acceptance.md line 9
        ("ca-bpc-6450", 8, 2, "fixed", {"ethics": 4, "general_or_specialized": 4}),
        ("nala-cp", 50, 5, "rolling", {"ethics": 5}),  # line 15
        ("nfpa-rp", 12, 2, "rolling", {"ethics": 1}),  # line 22
        ("nfpa-crp", 8, 2, "rolling", {"ethics": 1}),  # line 23
        ("nals-clp", 75, 5, "rolling", {"ethics": 5}),  # line 26
        ("nals-pp", None, 5, "rolling", {"ethics": None}),  # line 30
        ("nals-alp", 50, 5, "rolling", {"ethics": None}),  # lines 28-29, s.2 item 3
        ("aapi-aacp", 18, 3, "rolling", {"ethics": None}),  # lines 32-33
        ("fl-frp", 30, 3, "rolling", {"ethics": None}),  # line 35, s.2 item 3
        ("tx-sbot-pd", 6, 1, "fixed", {"ethics": 1}),  # line 37
        ("tx-tbls-bcp", None, 5, "rolling", {"specialized": None}),  # lines 41-42
        ("nc-ncscp", 6, 1, "rolling", {"ethics": 1}),  # line 43
        ("sc-sccp", 12, 1, "fixed", {"ethics": 1}),  # line 48 (conflict: warning)
        ("ky-ckp", 8, 1, "fixed", {"ethics": 2}),  # line 50 (50-minute credits)
        # line 54 and s.2 item 6: 10 substantive + 2 ethics
        ("pa-pacp", 12, 2, "rolling", {"ethics": 2, "general_or_specialized": 10}),
        ("ut-lpp", 6, 1, "fixed", {"ethics": None}),  # lines 55-56, s.2 item 1
        ("wa-lllt-lpo", 30, 3, "rolling", {"ethics": None}),  # line 81
        ("ca-ccls", 15, None, "unknown", {}),  # line 85
        ("co-llp", None, None, "unknown", {}),  # line 82
        ("mn-lp", None, None, "unknown", {}),  # line 83
        ("nj-cp", None, None, "unknown", {}),  # line 84
    ],
)
def test_rules_carry_the_research(credential, total, years, placement, minimums):
    rule = load_rules()[credential]
    assert rule.total_hours == total
    assert rule.cycle.years == years
    assert rule.cycle.placement == placement
    assert {r.key: r.min_hours for r in rule.requirements} == minimums


def test_fixed_cycles_are_anchored_where_the_research_says():
    rules = load_rules()
    assert str(rules["ca-bpc-6450"].cycle.anchor) == "2007-01-01"
    assert rules["tx-sbot-pd"].cycle.anchor.strftime("%m-%d") == "06-01"
    assert rules["ut-lpp"].cycle.anchor.strftime("%m-%d") == "07-01"
    assert rules["sc-sccp"].cycle.anchor.strftime("%m-%d") == "07-01"
    assert rules["ky-ckp"].cycle.anchor.strftime("%m-%d") == "01-01"


def test_texas_caps_self_study_and_pro_bono_not_on_demand():
    # acceptance.md lines 38 and 40: the cap is on self-study and pro bono;
    # accredited online and on-demand CLE counts in full
    rule = load_rules()["tx-sbot-pd"]
    assert [(c.match.formats, c.match.activities, c.max_hours) for c in rule.caps] == [
        (("self_study",), ("pro_bono",), 2)
    ]
    assert [(n.match.formats, n.category) for n in rule.not_accepted] == [
        (("self_study",), "ethics")
    ]


@pytest.mark.parametrize(
    "key,expected",
    [
        ("ethics", {"ethics"}),
        ("general_or_specialized", {"general", "specialized"}),
        ("total", {"ethics", "general", "specialized"}),
    ],
)
def test_category_fills(key, expected):
    assert category_fills(key) == expected


def test_category_fills_rejects_unknown_keys():
    with pytest.raises(ValueError):
        category_fills("technology")


def _unsource_total(rule):
    for source in rule["sources"]:
        source["supports"] = [f for f in source["supports"] if f != "total_hours"]


def _break(raw, change):
    broken = copy.deepcopy(raw)
    change(broken["credentials"][0])
    return broken


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda r: r.update(total_hours=-1), "total_hours"),
        (lambda r: r["cycle"].update(placement="sometimes"), "placement"),
        (lambda r: r.update(sources=[]), "sources"),
        (lambda r: r.update(confidence="sure"), "confidence"),
        (lambda r: r["requirements"][0].update(counts=["ethic"]), "counts"),
        (lambda r: r.pop("unit"), "unit"),
    ],
)
def test_schema_rejects_bad_rules(raw, change, expected):
    problem = schema_problem(_break(raw, change))
    assert problem and expected in problem and "\n" not in problem


@pytest.mark.parametrize(
    "change,expected",
    [
        (_unsource_total, "no source supports total_hours"),
        (lambda r: r["cycle"].update(anchor=None), "fixed cycle needs"),
        (lambda r: r["requirements"][0].update(min_hours=7), "more than total_hours"),
        (lambda r: r["requirements"][1].update(counts=["ethics"]), "same categories"),
    ],
)
def test_invariants_reject_inconsistent_rules(raw, change, expected):
    broken = _break(raw, change)
    assert schema_problem(broken) is None
    assert expected in invariant_problem(broken)


def test_duplicate_ids_are_rejected(raw):
    broken = copy.deepcopy(raw)
    broken["credentials"].append(copy.deepcopy(broken["credentials"][0]))
    assert "duplicate id" in invariant_problem(broken)


def test_a_broken_rules_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\ncredentials: [\n", encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        read_rules_data(path)
    assert "\n" not in str(caught.value) and "not valid YAML" in str(caught.value)
    path.write_text("version: 1\nreviewed: '2026-11-27'\ncredentials: []\n", "utf-8")
    with pytest.raises(RulesError, match="credentials"):
        load_rules(path)


def test_unit_conversion_follows_the_unit():
    rules = load_rules()
    assert rules["ky-ckp"].units_per_hour == 1.2  # acceptance.md line 51
    assert rules["ky-ckp"].unit_label == "50-minute credit"
    assert rules["nfpa-rp"].units_per_hour == 1.0
    assert rules["nals-clp"].unit_label == "point"


def test_conflicts_and_stale_readings_are_carried_as_warnings():
    rules = load_rules()
    assert any("10-hour" in w for w in rules["sc-sccp"].warnings)  # line 48
    assert any("2018" in w for w in rules["ky-ckp"].warnings)  # line 52
    assert any("Elective CLE" in w for w in rules["ut-lpp"].warnings)  # line 57
    assert any("substantive" in w for w in rules["pa-pacp"].warnings)  # s.2 item 6


def test_utah_sources_cite_the_renumbered_rules():
    # acceptance.md line 58: 14-4xx renumbered to UCJA 11-6xx
    urls = [s.url for s in load_rules()["ut-lpp"].sources]
    assert any("11-602" in url for url in urls)


def test_every_credential_says_how_it_accepts_courses(raw):
    verdicts = {"counts", "counts_if_approved", "unknown"}
    for rule in raw["credentials"]:
        assert rule["acceptance"]["otherwise"]["verdict"] in verdicts, rule["id"]
    rules = load_rules()
    assert rules["ca-bpc-6450"].acceptance.approvals == {"ca-mcle"}  # line 12
    assert rules["nala-cp"].acceptance.otherwise_verdict == "counts"  # line 93
    assert rules["nfpa-rp"].acceptance.nfpa_member_associations  # line 24
    assert rules["nfpa-rp"].acceptance.government_employees_only  # line 24


def test_an_unestablished_acceptance_needs_no_source(raw):
    broken = copy.deepcopy(raw)
    rule = broken["credentials"][0]
    rule["acceptance"]["approvals"] = ["x-mcle"]
    for source in rule["sources"]:
        source["supports"] = [f for f in source["supports"] if f != "acceptance"]
    assert "no source supports acceptance" in invariant_problem(broken)
