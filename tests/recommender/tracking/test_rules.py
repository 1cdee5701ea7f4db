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
        ("ca-bpc-6450", 8, 2, "fixed", {"ethics": 4, "general_or_specialized": 4}),
        ("nala-cp", 50, 5, "rolling", {"ethics": 5}),
        ("nfpa-rp", 12, 2, "rolling", {"ethics": 1}),
        ("nfpa-crp", 8, 2, "rolling", {"ethics": 1}),
        ("nals-clp", 75, 5, "rolling", {"ethics": 5}),
        ("nals-pp", None, 5, "rolling", {"ethics": None}),
        ("nals-alp", 50, 5, "rolling", {}),
        ("aapi-aacp", 18, 3, "rolling", {}),
        ("fl-frp", 30, 3, "rolling", {}),
        ("tx-sbot-pd", 6, 1, "fixed", {"ethics": 1}),
        ("nc-ncscp", 6, 1, "rolling", {"ethics": 1}),
        ("sc-sccp", 12, 1, "fixed", {"ethics": 1}),
        ("ky-ckp", 8, 1, "fixed", {"ethics": 2}),
        ("pa-pacp", 12, 2, "rolling", {"ethics": 2}),
        ("ut-lpp", 6, 1, "fixed", {}),
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


def test_texas_caps_self_study_and_refuses_self_study_ethics():
    rule = load_rules()["tx-sbot-pd"]
    assert [(c.match.formats, c.max_hours) for c in rule.caps] == [(("self_study",), 2)]
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
        (lambda r: r["requirements"][0].update(min_hours=None), "unknown only when"),
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
