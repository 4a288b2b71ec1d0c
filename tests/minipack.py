"""A small custom pack written to tmp_path, so core tests don't depend on the shipped packs."""

from __future__ import annotations

import textwrap
from pathlib import Path

MANIFEST = """\
name: mini
version: "0.1"
title: Test pack
period_from: "2019-01-01"
kinds: [ccg_merger]
sources:
  - {key: REGS, title: The CCG Regulations 2012, section: reg 11}
  - {key: LTP, title: The NHS Long Term Plan, date: 7 January 2019}
terms:
  the go-live date: {path: go_live, unit: date}
  the submission date: {path: submitted_on, unit: date}
  the Accountable Officer's start date: {path: governance.accountable_officer.start_date, unit: date}
  the planned running costs: {path: finance.planned_running_costs_gbp, unit: gbp}
  the baseline running costs: {path: finance.baseline_running_costs_gbp, unit: gbp}
  the reinvestment plan: {path: finance.reinvestment, unit: text}
  the new CCG name: {path: new_ccg.name, unit: text}
  predecessor CCG: {path: predecessors}
  votes for: {path: vote.votes_for, scope: item, unit: count}
  votes against: {path: vote.votes_against, scope: item, unit: count}
  votes cast: {path: vote.cast, scope: item, unit: count}
  eligible votes: {path: vote.eligible, scope: item, unit: count}
  turnout: {ratio: [votes cast, eligible votes], scope: item, unit: percent}
  quorum: {path: vote.quorum_percent, scope: item, unit: percent}
  the number of predecessors: {count: predecessor CCG, unit: count}
  the upper-tier councils: {path: new_ccg.upper_tier_councils, unit: list}
  the council boundaries crossed: {path: new_ccg.council_boundaries_crossed, unit: list}
  the boundary justification: {path: new_ccg.boundary_justification, unit: text}
  primary care commissioning is delegated: {path: governance.primary_care_commissioning_delegated, unit: flag}
"""

FEATURE = """\
@core
Feature: Core checks

  Background:
    Given the proposal is a CCG merger

  @T-AO-01 @must
  Scenario: Accountable Officer in post by go-live
    Source: REGS reg 11(2)
    Remedy: Give a start date on or before go-live.
    Then by the go-live date, the Accountable Officer's start date must be on or before the go-live date

  @T-RC-01 @must
  Scenario: Running costs cut by a fifth
    Source: LTP
    Remedy: Plan at most 80%.
    Then the planned running costs must be at most 80% of the baseline running costs

  @T-RE-01 @advisory
  Scenario: Reinvestment stated
    Source: LTP
    Remedy: Say how savings are reinvested.
    Then the reinvestment plan must be stated

  @T-VOTE-01 @must
  Scenario: Every CCG votes for
    Source: REGS
    Remedy: Win each vote.
    Then every predecessor CCG must have more votes for than votes against
    And every predecessor CCG must have turnout at least its quorum, where stated

  @T-NAME-01 @must
  Scenario: Name pattern
    Source: REGS
    Remedy: Rename.
    Then the new CCG name must match the pattern "NHS .+ (Clinical Commissioning Group|CCG)"

  @T-GO-01 @must
  Scenario: Go-live on 1 April
    Source: REGS
    Remedy: Move it.
    Then the go-live date must fall on 1 April
    And the submission date must be on or before 30 September of the year before the go-live date

  @T-LA-01 @should
  Scenario: Coterminous
    Source: REGS
    Remedy: Justify.
    Then the council boundaries crossed must be empty unless the boundary justification is stated
    And the upper-tier councils must include all of:
      | Kent County Council |

  @T-PC-01 @should
  Scenario: Only when delegated
    Source: REGS
    Remedy: n/a
    Given primary care commissioning is delegated is true
    Then the number of predecessors must be at least 2
"""


def write_pack(
    root: Path, manifest: str = MANIFEST, features: dict[str, str] | None = None
) -> Path:
    """Write a pack named ``mini`` under ``root``; returns root (a pack root for load_pack)."""
    (root / "rules").mkdir(parents=True, exist_ok=True)
    (root / "features" / "mini").mkdir(parents=True, exist_ok=True)
    (root / "rules" / "mini.yaml").write_text(manifest, encoding="utf-8")
    for name, text in (features or {"core.feature": FEATURE}).items():
        (root / "features" / "mini" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


BASE = {
    "schema_version": 1,
    "id": "mini-case",
    "kind": "ccg_merger",
    "title": "Test merger",
    "submitted_on": "2019-09-30",
    "go_live": "2020-04-01",
    "new_ccg": {
        "name": "NHS Kent and Medway CCG",
        "upper_tier_councils": ["Kent County Council", "Medway Council"],
        "council_boundaries_crossed": [],
    },
    "predecessors": [
        {
            "name": "NHS Ashford CCG",
            "vote": {
                "votes_for": 30,
                "votes_against": 10,
                "cast": 40,
                "eligible": 50,
                "quorum_percent": 75,
            },
        },
        {"name": "NHS Swale CCG", "vote": {"votes_for": 20, "votes_against": 5}},
    ],
    "governance": {
        "accountable_officer": {"start_date": "2020-03-01"},
        "primary_care_commissioning_delegated": False,
    },
    "finance": {
        "baseline_running_costs_gbp": 10_000_000,
        "planned_running_costs_gbp": 8_000_000,
        "reinvestment": "Into community services.",
    },
}
