"""The CCG merger proposal (ltp-2019 pack): several CCGs becoming one, 2019-2021.

Every field is optional unless the proposal could not be identified without it: a field left
out means "the proposal does not say", which the checker reports as insufficient evidence (or
pending, when it is due later), never as a pass. An empty list means "none".
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from complychk.proposal.model.ccg_governance import Governance
from complychk.proposal.model.common import (
    Count,
    FinancialYear,
    Flag,
    IsoDate,
    Money,
    Name,
    OdsCode,
    Percent,
    Population,
    ProposalId,
    Section,
    Text,
)
from complychk.proposal.model.values import empty_list, nonzero_baseline

LtpPriority = Literal[
    "prevention",
    "smoking",
    "obesity",
    "alcohol",
    "air pollution",
    "antimicrobial resistance",
    "health inequalities",
    "maternity",
    "children's mental health",
    "learning disability and autism",
    "cancer",
    "cardiovascular disease",
    "stroke",
    "diabetes",
    "respiratory disease",
    "adult mental health",
]
"""The NHS Long Term Plan priorities (chapters 2 and 3) the POP-LTP-01 condition looks for."""


class Vote(Section):
    """A predecessor CCG's member vote on the merger."""

    result: Literal["carried", "not_carried", "not_quorate"] | None = Field(
        default=None, description="The declared result of the vote."
    )
    eligible: Count | None = Field(default=None, description="Member votes that could be cast.")
    cast: Count | None = Field(default=None, description="Member votes cast.")
    votes_for: Count | None = Field(default=None, description="Votes for the merger.")
    votes_against: Count | None = Field(
        default=None, description="Votes against the merger, including votes for other options."
    )
    quorum_percent: Percent | None = Field(
        default=None,
        description="Turnout the CCG's constitution requires, as a percentage of eligible votes.",
    )
    opened_on: IsoDate | None = Field(default=None, description="When voting opened.")
    closed_on: IsoDate | None = Field(default=None, description="When voting closed.")


class PredecessorCcg(Section):
    """A CCG that the merger dissolves."""

    name: Name = Field(description="The CCG's name, e.g. 'NHS Swale CCG'.")
    code: str | None = Field(default=None, description="ODS code, e.g. '09C'.")
    system: Name | None = Field(default=None, description="The ICS or STP the CCG belongs to.")
    population: Population | None = Field(default=None, description="Registered population.")
    in_deficit: Flag | None = Field(default=None, description="Whether the CCG is in deficit.")
    deficit_gbp: Money | None = Field(
        default=None,
        description="The CCG's deficit in whole pounds, as the merged financial plan states it.",
    )
    under_legal_directions: Flag | None = Field(
        default=None, description="Whether NHS England has given the CCG legal directions."
    )
    directions_exit_plan: Text | None = Field(
        default=None, description="How the CCG plans to come out of legal directions."
    )
    vote: Vote | None = Field(default=None, description="The member vote on the merger.")


class NewCcg(Section):
    """The single CCG the merger creates."""

    name: Name | None = Field(
        default=None, description="Legal name: 'NHS <place> Clinical Commissioning Group' (or CCG)."
    )
    population: Population | None = Field(default=None, description="Registered population.")
    upper_tier_councils: list[Name] | None = Field(
        default=None, description="Upper-tier and unitary councils in the CCG's area."
    )
    council_boundaries_crossed: list[Name] | None = Field(
        default=None,
        description="Councils whose area the CCG covers only in part (empty if coterminous).",
    )
    boundary_justification: Text | None = Field(
        default=None, description="Why covering part of a council's area is justified."
    )
    resident_patients_percent: Percent | None = Field(
        default=None,
        description="Share of member practices' registered patients who live in the CCG area.",
    )
    ods_code: OdsCode | None = Field(
        default=None, description="The new CCG's own organisation (ODS) code, e.g. '91Q'."
    )
    budget_gbp: Money | None = Field(
        default=None, description="The new CCG's yearly revenue allocation (its budget)."
    )
    staff: Count | None = Field(
        default=None, description="Staff (head count) the new CCG employs or takes on."
    )


class FinancialControls(Section):
    """Core financial governance documents of the new CCG."""

    standing_financial_instructions: Flag | None = Field(
        default=None, description="Standing financial instructions are in place."
    )
    scheme_of_delegation: Flag | None = Field(
        default=None, description="A scheme of reservation and delegation is in place."
    )


class CcgFinance(Section):
    """Running costs and financial recovery; money in whole pounds."""

    baseline_running_costs_gbp: Annotated[Money, AfterValidator(nonzero_baseline)] | None = Field(
        default=None,
        description="2017/18 running (management) costs of the predecessors, the cut's baseline "
        "(never 0).",
    )
    baseline_year: FinancialYear | None = Field(
        default=None,
        description="The financial year of that baseline, e.g. 2017/18; FIN-RC-01 "
        "measures the cut against 2017/18.",
    )
    planned_running_costs_gbp: Money | None = Field(
        default=None, description="Planned 2020/21 running costs of the new CCG."
    )
    running_cost_allowance_gbp: Money | None = Field(
        default=None, description="NHS England running cost allowance for the new CCG."
    )
    running_costs_cover: list[Name] | None = Field(
        default=None,
        description="The predecessor CCGs (named as in predecessors) whose costs the running "
        "cost figures include.",
    )
    reinvestment: Text | None = Field(
        default=None, description="How the savings are reinvested in front-line care."
    )
    controls: FinancialControls | None = Field(default=None, description="Financial controls.")
    recovery_plan: Text | None = Field(
        default=None, description="In-year financial recovery plan (summary or reference)."
    )
    improvement_plan: Text | None = Field(
        default=None, description="Multi-year financial improvement plan (summary or reference)."
    )
    merged_financial_plan: Text | None = Field(
        default=None,
        description="The new CCG's financial plan, bringing the predecessors' positions together "
        "(summary or reference).",
    )
    fair_shares_assurance: Text | None = Field(
        default=None, description="How legacy deficits are kept from reducing other places' shares."
    )


class Place(Section):
    """A place, or the integrated care partnership serving it."""

    name: Name = Field(description="The place or partnership, e.g. 'Rugby'.")
    population: Population | None = Field(default=None, description="People it serves.")


class PrimaryCareNetwork(Section):
    """A primary care network (PCN)."""

    name: Name = Field(description="The network's name.")
    registered_patients: Population | None = Field(
        default=None, description="Patients registered with its practices."
    )
    contiguous: Flag | None = Field(
        default=None, description="Whether its practices cover one geographically joined-up area."
    )
    clinical_director_named: Flag | None = Field(
        default=None, description="Whether it has named its clinical director."
    )


class System(Section):
    """The Integrated Care System (or STP) the merger sits in."""

    name: Name | None = Field(default=None, description="The ICS or STP.")
    ccgs: list[Name] | None = Field(
        default=None, description="Every CCG in the ICS/STP area, named as in predecessors."
    )
    population: Population | None = Field(default=None, description="People in the ICS area.")
    ics_target_date: IsoDate | None = Field(default=None, description="Planned ICS designation.")
    places: list[Place] | None = Field(
        default=None, description="Places or integrated care partnerships in the system."
    )
    primary_care_networks: list[PrimaryCareNetwork] | None = Field(
        default=None, description="Every primary care network in the area."
    )
    practices: Count | None = Field(default=None, description="GP practices in the area.")
    practices_in_networks: Count | None = Field(
        default=None, description="Practices that belong to a primary care network."
    )
    statutory_functions_outside_ccg: list[Name] | None = Field(
        default=None,
        description="Statutory functions given to the ICS, ICPs or PCNs (empty if none).",
    )


class EngagementRecord(Section):
    """One meeting, consultation or briefing about the merger."""

    body: Name = Field(description="Who was engaged, e.g. 'Kent County Council HOSC'.")
    councils: list[Name] = Field(
        default_factory=empty_list,
        description="Councils this covers, named as in upper_tier_councils (a joint board covers several).",
    )
    date: IsoDate | None = Field(default=None, description="When it took place.")
    feedback_recorded: Flag | None = Field(
        default=None, description="Whether the body's views were recorded (minutes, letter)."
    )
    summary: Text | None = Field(
        default=None, description="Summary of the responses, or where the evidence is."
    )


class CcgEngagement(Section):
    """Engagement on the merger, one list per audience: left out = not said; empty = none held."""

    councils: list[EngagementRecord] | None = Field(
        default=None, description="Formal consultation of upper-tier and unitary councils."
    )
    health_and_wellbeing_boards: list[EngagementRecord] | None = Field(
        default=None, description="Health and Wellbeing Boards engaged."
    )
    scrutiny_committees: list[EngagementRecord] | None = Field(
        default=None, description="Health overview and scrutiny committees briefed."
    )
    public: list[EngagementRecord] | None = Field(
        default=None, description="Engagement with patients and the public."
    )
    voluntary_sector: list[EngagementRecord] | None = Field(
        default=None, description="Engagement with the voluntary and community sector."
    )
    local_medical_committees: list[EngagementRecord] | None = Field(
        default=None, description="The Local Medical Committee(s) engaged."
    )
    staff: list[EngagementRecord] | None = Field(
        default=None, description="Staff of the predecessor CCGs engaged."
    )
    mps: list[EngagementRecord] | None = Field(
        default=None, description="Members of Parliament whose views were sought or received."
    )
    closed_on: IsoDate | None = Field(
        default=None, description="When engagement ahead of the member votes closed."
    )


class ApprovalCondition(Section):
    """A condition NHS England attached to its approval."""

    condition: Text = Field(description="The condition, in NHS England's words or a summary.")
    met_on: IsoDate | None = Field(default=None, description="When it was met (left out: not yet).")


class Constitution(Section):
    """The new CCG's constitution."""

    approved_by_members_on: IsoDate | None = Field(
        default=None, description="When the member practices approved it."
    )
    approved_by_nhse_on: IsoDate | None = Field(
        default=None, description="When NHS England approved it."
    )
    accountable_to_population: Flag | None = Field(
        default=None, description="States that member practices answer to their populations."
    )
    accountable_to_members: Flag | None = Field(
        default=None, description="States that member practices answer to their fellow members."
    )
    accountable_to_nhse: Flag | None = Field(
        default=None, description="States that member practices answer to NHS England."
    )
    predecessor_priorities: list[Text] | None = Field(
        default=None,
        description="Seats, votes or rights reserved for one predecessor CCG's area over the "
        "others ([] when none; equal representation of every area is not one).",
    )


class Membership(Section):
    """How member practices take part in the new CCG."""

    participation_arrangements: list[Text] | None = Field(
        default=None, description="Localities, GP representatives and other arrangements."
    )


class PopulationHealth(Section):
    """Population health and Long Term Plan priorities."""

    ltp_priorities: list[LtpPriority] | None = Field(
        default=None, description="Long Term Plan priorities the new CCG's plans cover."
    )
    inequalities_plan: Text | None = Field(
        default=None, description="The health inequalities plan (summary or reference)."
    )
    deprived_places: list[Name] | None = Field(
        default=None, description="The deprived places the inequalities plan names."
    )
    jsna_aligned_councils: list[Name] | None = Field(
        default=None,
        description="Councils whose joint strategic needs assessment the outcomes are aligned with.",
    )
    equality_impact_assessment_on: IsoDate | None = Field(
        default=None, description="When the equality impact assessment was completed."
    )


class Legal(Section):
    """The legal route and the transfers the merger needs."""

    decision_body: Name | None = Field(
        default=None, description="Who decides the application, e.g. 'NHS England'."
    )
    transfer_scheme_prepared_on: IsoDate | None = Field(
        default=None, description="When the staff and property transfer scheme was prepared."
    )
    nhse_approved_on: IsoDate | None = Field(
        default=None,
        description="When NHS England approved the merger (with or without conditions).",
    )
    contracts_novated_on: IsoDate | None = Field(
        default=None,
        description="When the predecessors' contracts were novated or transferred to the new CCG.",
    )


DayOneDuty = Literal["safeguarding", "continuing_healthcare", "emergency_preparedness"]
"""Statutory duties the new CCG must be able to carry from its first day."""


class Readiness(Section):
    """The case for the merger, who supports it, and what the new CCG holds from day one."""

    patient_benefits: list[Text] | None = Field(
        default=None,
        description="Each benefit to patients the merger will bring, and how ([] when none).",
    )
    performance_safeguards: list[Text] | None = Field(
        default=None,
        description="How the predecessor CCGs keep up their performance while the merger is "
        "prepared, one measure each ([] when none).",
    )
    system_supports: Flag | None = Field(
        default=None, description="Whether the ICS or STP leadership supports the merger."
    )
    region_supports: Flag | None = Field(
        default=None, description="Whether NHS England's regional team supports the merger."
    )
    duties_ready_from_day_one: list[DayOneDuty] | None = Field(
        default=None,
        description="Statutory duties with arrangements in place for the go-live date.",
    )


class CcgMergerProposal(Section):
    """A proposal to merge CCGs into one (ltp-2019)."""

    schema_version: Literal[1] = Field(description="Version of this proposal format; always 1.")
    id: ProposalId = Field(description="Short stable identifier, lower case with hyphens.")
    kind: Literal["ccg_merger"] = Field(description="What kind of proposal this is.")
    title: Name = Field(description="Human title of the proposal.")
    prepared_on: IsoDate | None = Field(default=None, description="Date of this version.")
    submitted_on: IsoDate | None = Field(
        default=None, description="When the application went to NHS England (left out: not yet)."
    )
    go_live: IsoDate | None = Field(default=None, description="When the new CCG takes effect.")
    new_ccg: NewCcg | None = Field(default=None, description="The CCG the merger creates.")
    predecessors: list[PredecessorCcg] = Field(
        min_length=1, description="The CCGs the merger dissolves."
    )
    system: System | None = Field(default=None, description="The ICS or STP the merger sits in.")
    governance: Governance | None = Field(default=None, description="Leadership and committees.")
    finance: CcgFinance | None = Field(default=None, description="Running costs and recovery.")
    engagement: CcgEngagement | None = Field(
        default=None, description="Engagement on the merger, by audience."
    )
    approval_conditions: list[ApprovalCondition] | None = Field(
        default=None, description="Conditions NHS England attached to its approval."
    )
    constitution: Constitution | None = Field(default=None, description="The new constitution.")
    membership: Membership | None = Field(default=None, description="Member practice involvement.")
    population_health: PopulationHealth | None = Field(
        default=None, description="Population health plans."
    )
    legal: Legal | None = Field(default=None, description="Legal route and transfers.")
    readiness: Readiness | None = Field(
        default=None, description="The case for patients, support, and readiness for day one."
    )
