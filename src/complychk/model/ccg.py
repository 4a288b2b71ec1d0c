"""The CCG merger proposal (ltp-2019 pack): several CCGs becoming one, 2019-2021."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from complychk.model.common import (
    Count,
    EngagementEvent,
    Flag,
    IsoDate,
    Money,
    Name,
    Percent,
    Population,
    ProposalId,
    Section,
    Text,
)

GoverningBodyRole = Literal[
    "chair",
    "deputy_chair",
    "accountable_officer",
    "chief_finance_officer",
    "gp",
    "registered_nurse",
    "secondary_care_doctor",
    "lay_audit",
    "lay_patient_involvement",
    "lay_member",
    "local_authority_representative",
    "other",
]

EmployerCategory = Literal[
    "none",
    "ccg",
    "gp_practice",
    "council",
    "nhs_trust",
    "cqc",
    "commissioned_provider",
    "other",
]


class Vote(Section):
    """A predecessor CCG's member vote on the merger."""

    result: Literal["carried", "not_carried", "not_quorate"] | None = Field(
        default=None, description="The declared result of the vote."
    )
    eligible: Count | None = Field(default=None, description="Member votes that could be cast.")
    cast: Count | None = Field(default=None, description="Member votes cast.")
    votes_for: Count | None = Field(default=None, description="Votes for the merger.")
    votes_against: Count | None = Field(
        default=None, description="Votes against the merger (including votes for other options)."
    )
    quorum_percent: Percent | None = Field(
        default=None, description="Turnout the CCG's constitution requires, as % of eligible votes."
    )
    opened_on: IsoDate | None = Field(default=None, description="When voting opened.")
    closed_on: IsoDate | None = Field(default=None, description="When voting closed.")


class PredecessorCcg(Section):
    """A CCG that the merger dissolves."""

    name: Name = Field(description="The CCG's name.")
    code: str | None = Field(default=None, description="ODS code, e.g. '09C'.")
    system: Name | None = Field(default=None, description="The ICS or STP the CCG belongs to.")
    population: Population | None = Field(default=None, description="Registered population.")
    in_deficit: Flag | None = Field(default=None, description="Whether the CCG is in deficit.")
    under_legal_directions: Flag | None = Field(
        default=None, description="Whether NHS England has given the CCG legal directions."
    )
    directions_exit_plan: Text | None = Field(
        default=None, description="How the CCG plans to come out of legal directions."
    )
    vote: Vote | None = Field(default=None, description="The member vote on the merger.")


class NewCcg(Section):
    """The single CCG the merger creates."""

    name: Name | None = Field(default=None, description="The new CCG's legal name.")
    population: Population | None = Field(default=None, description="Registered population.")
    upper_tier_councils: list[Name] | None = Field(
        default=None, description="Upper-tier and unitary councils in the CCG's area."
    )
    council_boundaries_crossed: list[Name] | None = Field(
        default=None, description="Council boundaries the CCG area crosses (empty if none)."
    )
    boundary_justification: Text | None = Field(
        default=None, description="Why crossing a council boundary is justified."
    )
    resident_patients_percent: Percent | None = Field(
        default=None, description="Share of member practices' patients living in the CCG area."
    )


class Officer(Section):
    """A statutory officer post (Accountable Officer or Chief Finance Officer)."""

    name: Name | None = Field(default=None, description="Post holder (or 'to be appointed').")
    appointed: Flag | None = Field(default=None, description="Whether someone is appointed.")
    approved_by_nhse: Flag | None = Field(
        default=None, description="Whether NHS England approved the appointment."
    )
    start_date: IsoDate | None = Field(default=None, description="First day in post.")
    ccg_employee: Flag | None = Field(default=None, description="Employed by the CCG.")
    accountancy_qualified: Flag | None = Field(
        default=None, description="Holds a recognised accountancy qualification."
    )
    on_governing_body: Flag | None = Field(default=None, description="Sits on the governing body.")


class GoverningBodyMember(Section):
    """One seat on the governing body."""

    name: Name = Field(description="Post title or holder, as the proposal names it.")
    roles: list[GoverningBodyRole] = Field(min_length=1, description="Roles this member holds.")
    voting: Flag = Field(default=True, description="Whether the member votes.")
    employer_category: EmployerCategory | None = Field(
        default=None, description="Kind of employer, for the lay member and nurse exclusions."
    )
    predecessor_area: Name | None = Field(
        default=None, description="Which predecessor CCG's area a GP member represents."
    )
    on_specialist_register: Flag | None = Field(
        default=None, description="Secondary care doctor: on the GMC specialist register."
    )
    consultant_within_10_years: Flag | None = Field(
        default=None, description="Secondary care doctor: an NHS consultant in the last 10 years."
    )
    on_gp_register: Flag | None = Field(
        default=None, description="Secondary care doctor: on the GMC GP register."
    )


class Committee(Section):
    """A committee of the governing body."""

    name: Name = Field(description="The committee's name.")
    type: Literal["audit", "remuneration", "primary_care_commissioning", "other"] = Field(
        description="What the committee is for."
    )
    chair_is_lay: Flag | None = Field(default=None, description="Chaired by a lay member.")
    lay_members: Count | None = Field(default=None, description="Lay members on it.")
    executive_members: Count | None = Field(default=None, description="Executives on it.")
    other_members: Count | None = Field(default=None, description="Everyone else on it.")


class Delegation(Section):
    """A function the CCG delegates to someone."""

    function: Name = Field(description="What is delegated.")
    delegate: Name = Field(description="To whom.")
    delegate_type: Literal[
        "members",
        "governing_body",
        "employee",
        "committee",
        "joint_committee",
        "integrated_care_partnership",
        "primary_care_network",
        "provider",
        "other",
    ] = Field(description="The kind of body or person receiving it.")
    redelegates_nhse_function: Flag = Field(
        default=False, description="Whether this passes on a function NHS England delegated."
    )


class ConflictsOfInterest(Section):
    """Arrangements under the statutory conflicts of interest guidance."""

    guardian_is_audit_chair: Flag | None = None
    register_of_interests_published: Flag | None = None
    gifts_register_published: Flag | None = None
    annual_audit: Flag | None = None


class Governance(Section):
    """Leadership, the governing body and its committees."""

    accountable_officer: Officer | None = None
    chief_finance_officer: Officer | None = None
    governing_body: list[GoverningBodyMember] | None = None
    committees: list[Committee] | None = None
    primary_care_commissioning_delegated: Flag | None = Field(
        default=None, description="Whether NHS England delegates primary care commissioning."
    )
    delegations: list[Delegation] | None = None
    conflicts_of_interest: ConflictsOfInterest | None = None
    single_management_team_from: IsoDate | None = Field(
        default=None, description="When one management team serves all predecessor CCGs."
    )


class FinancialControls(Section):
    """Core financial governance documents."""

    standing_financial_instructions: Flag | None = None
    scheme_of_delegation: Flag | None = None
    audit_committee: Flag | None = None


class CcgFinance(Section):
    """Running costs and financial recovery."""

    baseline_running_costs_gbp: Money | None = Field(
        default=None, description="2017/18 running (management) costs, the cut's baseline."
    )
    planned_running_costs_gbp: Money | None = Field(
        default=None, description="Planned 2020/21 running costs."
    )
    running_cost_allowance_gbp: Money | None = Field(
        default=None, description="NHS England running cost allowance for the new CCG."
    )
    reinvestment: Text | None = Field(
        default=None, description="How the savings are reinvested in front-line care."
    )
    controls: FinancialControls | None = None
    recovery_plan: Text | None = Field(default=None, description="In-year financial recovery plan.")
    improvement_plan: Text | None = Field(
        default=None, description="Multi-year financial improvement plan."
    )
    fair_shares_assurance: Text | None = Field(
        default=None, description="How legacy deficits are kept from reducing places' shares."
    )


class Place(Section):
    """A place or integrated care partnership within the system."""

    name: Name
    population: Population | None = None


class PrimaryCareNetwork(Section):
    """A primary care network (PCN)."""

    name: Name
    registered_patients: Population | None = None
    contiguous: Flag | None = None
    clinical_director: Name | None = None


class System(Section):
    """The Integrated Care System (or STP) the merger sits in."""

    name: Name | None = None
    ccgs: list[Name] | None = Field(default=None, description="Every CCG in the ICS/STP area.")
    population: Population | None = None
    ics_target_date: IsoDate | None = Field(default=None, description="Planned ICS designation.")
    places: list[Place] | None = None
    primary_care_networks: list[PrimaryCareNetwork] | None = None
    practices: Count | None = Field(default=None, description="GP practices in the area.")
    practices_in_networks: Count | None = Field(
        default=None, description="Practices that belong to a PCN."
    )
    statutory_functions_outside_ccg: list[Name] | None = Field(
        default=None,
        description="Statutory functions given to the ICS, ICPs or PCNs (should be none).",
    )


class ApprovalCondition(Section):
    """A condition NHS England attached to its approval."""

    condition: Text
    met_on: IsoDate | None = Field(default=None, description="When it was met (absent: not yet).")


class Constitution(Section):
    """The new CCG's constitution."""

    approved_by_members_on: IsoDate | None = None
    approved_by_nhse_on: IsoDate | None = None
    accountable_to_population: Flag | None = None
    accountable_to_members: Flag | None = None
    accountable_to_nhse: Flag | None = None


class Membership(Section):
    """How member practices take part."""

    participation_arrangements: list[Text] | None = Field(
        default=None, description="Localities, GP representatives and other arrangements."
    )


class PopulationHealth(Section):
    """Population health and Long Term Plan priorities."""

    ltp_priorities: list[Name] | None = Field(
        default=None, description="Long Term Plan priorities the plans cover."
    )
    inequalities_plan: Text | None = None
    deprived_places: list[Name] | None = None
    jsna_aligned_councils: list[Name] | None = Field(
        default=None, description="Councils whose JSNA the outcomes are aligned with."
    )
    equality_impact_assessment_on: IsoDate | None = None


class Legal(Section):
    """Legal route and transfers."""

    decision_body: Name | None = Field(default=None, description="Who decides the application.")
    transfer_scheme_prepared: Flag | None = None


class CcgMergerProposal(Section):
    """A proposal to merge CCGs into one (ltp-2019)."""

    schema_version: Literal[1] = Field(description="Version of this proposal format; always 1.")
    id: ProposalId = Field(description="Short stable identifier, lower case with hyphens.")
    kind: Literal["ccg_merger"] = Field(description="What kind of proposal this is.")
    title: Name = Field(description="Human title of the proposal.")
    prepared_on: IsoDate | None = Field(default=None, description="Date of this version.")
    submitted_on: IsoDate | None = Field(default=None, description="Application submitted.")
    go_live: IsoDate | None = Field(default=None, description="When the new CCG takes effect.")
    new_ccg: NewCcg | None = None
    predecessors: list[PredecessorCcg] = Field(min_length=1)
    system: System | None = None
    governance: Governance | None = None
    finance: CcgFinance | None = None
    engagement: list[EngagementEvent] | None = None
    approval_conditions: list[ApprovalCondition] | None = None
    constitution: Constitution | None = None
    membership: Membership | None = None
    population_health: PopulationHealth | None = None
    legal: Legal | None = None
