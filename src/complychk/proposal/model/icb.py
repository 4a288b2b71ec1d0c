"""The ICB proposal (icb-2025 pack): a merger, boundary change or cluster of ICBs, 2025-2027."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt

from complychk.proposal.model.common import (
    Count,
    Days,
    EngagementEvent,
    Flag,
    IsoDate,
    Money,
    Name,
    OdsCode,
    Population,
    ProposalId,
    Section,
    Text,
)

SignedMoney = Annotated[StrictInt, Field(ge=-(10**13), le=10**13)]
"""Whole pounds sterling that may be negative (a net cost rather than a saving)."""

PopulationBasis = Literal["registered", "resident", "weighted"]

Body = Literal[
    "nhs_england",
    "secretary_of_state",
    "icb_chair",
    "icb_board",
    "other",
]

BoardRole = Literal[
    "chair",
    "chief_executive",
    "deputy_chair",
    "partner_trust",
    "partner_primary_care",
    "partner_local_authority",
    "chief_finance_officer",
    "medical_director",
    "director_of_nursing",
    "non_executive",
    "audit_chair",
    "senior_non_executive",
    "mayor",
    "other",
]

Disqualification = Literal[
    "member_of_parliament",
    "prison_sentence_within_5_years",
    "bankruptcy_restrictions",
    "private_healthcare_interest",
    "other",
]


class TransferScheme(Section):
    """How an abolished ICB's staff, property and liabilities pass to the ICBs that follow it."""

    recipients: list[Name] | None = Field(
        default=None, description="The ICBs (or other bodies) the scheme transfers to."
    )
    all_liabilities: Flag | None = Field(
        default=None,
        description="Whether every liability transfers, criminal liabilities excepted.",
    )


class ExistingIcb(Section):
    """An ICB as it stands before the change (for a cluster: one of its members)."""

    name: Name = Field(description="The ICB's name.")
    ods_code: OdsCode | None = Field(default=None, description="ODS code, e.g. 'QU9'.")
    region: Name | None = Field(default=None, description="NHS England region, e.g. 'South East'.")
    abolished: Flag | None = Field(default=None, description="Whether the change abolishes it.")
    area: list[Name] | None = Field(
        default=None,
        description="Its area before the change, as lower-tier local authorities (name a split "
        "authority's part as it appears in split_authorities).",
    )
    transfer_scheme: TransferScheme | None = Field(
        default=None, description="For an abolished ICB: its transfer scheme."
    )
    keeps_own_boundary: Flag | None = Field(
        default=None, description="For a cluster member: whether it keeps its own area in law."
    )
    keeps_own_allocation: Flag | None = Field(
        default=None, description="For a cluster member: whether it keeps its own allocation."
    )
    board_endorsed_on: IsoDate | None = Field(
        default=None, description="When its board endorsed the plan for the change."
    )


class SuccessorIcb(Section):
    """An ICB after the change that takes on some or all of the existing ICBs' areas."""

    name: Name = Field(description="The ICB's name.")
    ods_code: OdsCode | None = Field(default=None, description="ODS code after the change.")
    created: Flag | None = Field(
        default=None, description="Whether the change creates it (false: it exists and grows)."
    )
    area: list[Name] | None = Field(
        default=None,
        description="The part of the existing ICBs' areas it covers after the change, as "
        "lower-tier local authorities (an ICB not among existing_icbs lists only what it gains).",
    )


class SplitAuthority(Section):
    """A lower-tier local authority whose area is divided between ICBs after the change."""

    name: Name = Field(description="The local authority.")
    lsoas: list[Name] | None = Field(
        default=None,
        description="Lower layer super output areas (codes) that place each part of it.",
    )


class Footprint(Section):
    """The area and population the change produces (for a cluster: the cluster as a whole)."""

    population: Population | None = Field(default=None, description="People in the area.")
    population_basis: PopulationBasis | None = Field(
        default=None, description="Whether population counts registered or resident people."
    )
    nhs_regions: list[Name] | None = Field(
        default=None, description="NHS England regions the area falls in."
    )
    upper_tier_authorities: list[Name] | None = Field(
        default=None,
        description="Upper-tier local authorities (counties and unitaries) in the area.",
    )
    upper_tier_authorities_shared: list[Name] | None = Field(
        default=None,
        description="Of those, the ones that also work with another ICB (should be none).",
    )
    strategic_authorities_crossed: list[Name] | None = Field(
        default=None,
        description="Strategic authorities only partly inside the area (empty: coterminous).",
    )
    coterminosity_rationale: Text | None = Field(
        default=None, description="Why the area cannot follow strategic authority boundaries."
    )
    mayoral_strategic_authority: Flag | None = Field(
        default=None, description="Whether a mayoral strategic authority covers any of the area."
    )


class IcbLegal(Section):
    """The legal instrument, the approvals and the route the change follows."""

    order_type: Literal["establishment", "variation", "abolition", "none", "other"] | None = Field(
        default=None,
        description="The order giving the change legal effect under s14Z25 NHS Act 2006 "
        "('none' for a cluster).",
    )
    order_made_by: Body | None = Field(default=None, description="Who makes that order.")
    health_bill_in_force_first: Flag | None = Field(
        default=None,
        description="Whether the Health Bill's transfer of order-making powers to the Secretary "
        "of State is in force before effective_on.",
    )
    ministerial_approval_on: IsoDate | None = Field(
        default=None, description="When ministers approved the change."
    )
    ministerial_approval_reference: Name | None = Field(
        default=None, description="Where the approval is recorded, e.g. a written statement."
    )
    ods_reconfiguration_submitted_on: IsoDate | None = Field(
        default=None, description="When the ODS reconfiguration request was submitted."
    )
    plan_submitted_on: IsoDate | None = Field(
        default=None, description="When the plan for the change was submitted to NHS England."
    )
    applicant: Literal["icb", "nhs_england", "local_authority", "other"] | None = Field(
        default=None,
        description="Who initiated the change: the ICBs (2023 procedure) or NHS England (2025 route).",
    )


class IcbConstitution(Section):
    """The constitution of the ICB after the change."""

    states_name: Flag | None = Field(default=None, description="Whether it states the ICB's name.")
    states_area: Flag | None = Field(default=None, description="Whether it states the ICB's area.")
    nhs_england_approved_on: IsoDate | None = Field(
        default=None, description="When NHS England approved the new or changed constitution."
    )
    register_of_interests_published: Flag | None = Field(
        default=None, description="Whether the register of members' interests is published."
    )
    register_of_interests_url: Name | None = Field(
        default=None, description="Where the register is published."
    )
    declaration_update_days: Days | None = Field(
        default=None, description="Days within which members must update a declaration."
    )


class BoardMember(Section):
    """One member of the ICB board, named by post title."""

    post: Name = Field(description="Post title, e.g. 'Chief Executive'; not a personal name.")
    roles: list[BoardRole] = Field(min_length=1, description="Every role the member holds.")
    appointed_by: Body | None = Field(default=None, description="Who appoints the member.")
    nhs_england_approved: Flag | None = Field(
        default=None, description="Whether NHS England approved the appointment."
    )
    secretary_of_state_approved_on: IsoDate | None = Field(
        default=None, description="When the Secretary of State approved it (the chair)."
    )
    employed_by_icb: Flag | None = Field(
        default=None, description="Whether the ICB employs the member."
    )
    mental_health_expertise: Flag | None = Field(
        default=None, description="Whether the member has mental health knowledge and experience."
    )
    disqualifications: list[Disqualification] | None = Field(
        default=None, description="Grounds for disqualification that apply ([] when none)."
    )
    fit_and_proper_person_test_passed: Flag | None = Field(
        default=None, description="Whether the member passed the fit and proper person test."
    )
    interim: Flag | None = Field(
        default=None, description="Whether the post holder is an interim (acting) appointment."
    )


class Board(Section):
    """The board of the ICB after the change."""

    complete: Flag | None = Field(
        default=None,
        description="Whether members lists every board member; counts are only judged when true.",
    )
    members: list[BoardMember] | None = Field(default=None, description="The board members.")


class IcbFinance(Section):
    """Running costs against the 2025 Model ICB Blueprint, in whole pounds a year."""

    baseline_running_costs_gbp: Money | None = Field(
        default=None, description="Running cost allowance before the cut (the baseline)."
    )
    target_running_costs_gbp: Money | None = Field(
        default=None,
        description="Planned running costs, excluding pharmacy, optical and dental and delegated "
        "specialised commissioning.",
    )
    running_cost_population: Population | None = Field(
        default=None, description="The population the per-head running costs are divided by."
    )
    running_cost_population_basis: PopulationBasis | None = Field(
        default=None, description="Whether that population is registered, resident or weighted."
    )
    reduction_delivered_on: IsoDate | None = Field(
        default=None, description="When the reduction is (to be) delivered."
    )
    recurrent_from: IsoDate | None = Field(
        default=None, description="When the reduced running costs become recurrent."
    )
    costs_shifted_to_providers: Flag | None = Field(
        default=None, description="Whether any saving moves costs to providers."
    )
    net_system_saving_gbp: SignedMoney | None = Field(
        default=None, description="Saving across the whole system after costs moved to providers."
    )
    over_target: Flag | None = Field(
        default=None, description="Whether this ICB's running costs exceed its target."
    )
    region_meets_target: Flag | None = Field(
        default=None, description="Whether its NHS region meets the target in total."
    )
    transition_costs_gbp: Money | None = Field(
        default=None, description="Estimated redundancy and transition costs."
    )
    transition_costs_funding: (
        Literal["national", "regional", "system", "own_budget", "not_identified"] | None
    ) = Field(default=None, description="Who funds the redundancy and transition costs.")
    transition_costs_cover: list[Name] | None = Field(
        default=None,
        description="The existing ICBs (named as in existing_icbs) the transition cost estimate "
        "includes.",
    )
    budget_gbp: Money | None = Field(
        default=None,
        description="Yearly revenue allocation (budget) of the ICB after the change (a cluster: "
        "of its members together).",
    )
    staff: Count | None = Field(
        default=None,
        description="Staff (head count) of the ICB after the change (a cluster: of its members).",
    )


class FunctionTransfer(Section):
    """A function leaving the ICB under the strategic-commissioner model."""

    function: Name = Field(description="The function, e.g. 'payroll (from the CSU)'.")
    recipient: Name | None = Field(default=None, description="Who takes the function on.")
    transfer_on: IsoDate | None = Field(default=None, description="When it moves.")


class Strategy(Section):
    """Strategic commissioning, the three shifts and newly delegated services."""

    functions_transferred: list[FunctionTransfer] | None = Field(
        default=None, description="Functions leaving the ICB ([] when none)."
    )
    hospital_to_community: Flag | None = Field(
        default=None, description="Whether plans address the shift from hospital to community."
    )
    analogue_to_digital: Flag | None = Field(
        default=None, description="Whether plans address the shift from analogue to digital."
    )
    sickness_to_prevention: Flag | None = Field(
        default=None, description="Whether plans address the shift from sickness to prevention."
    )
    neighbourhood_health_with_local_authorities: Flag | None = Field(
        default=None, description="Whether neighbourhood health is planned jointly with councils."
    )
    delegated_services_budgeted: list[Literal["vaccination", "screening", "other"]] | None = Field(
        default=None,
        description="Services delegated from 1 April 2026 that the budget and staffing plans include.",
    )


class IntegratedCarePartnership(Section):
    """The integrated care partnership for the area after the change."""

    name: Name | None = Field(default=None, description="The partnership's name.")
    councils: list[Name] | None = Field(
        default=None,
        description="Upper-tier councils that form it with the ICB, named as in "
        "footprint.upper_tier_authorities.",
    )
    agreed_on: IsoDate | None = Field(
        default=None, description="When the ICB and the councils agreed the partnership."
    )


class SharedPost(Section):
    """A leadership post one person holds across the ICBs of a cluster."""

    post: Name = Field(description="Post title, e.g. 'Joint Chief Executive'; not a name.")
    appointed_by_each_icb: Flag | None = Field(
        default=None,
        description="Whether each ICB of the cluster appointed the post holder as its own.",
    )
    interim: Flag | None = Field(
        default=None, description="Whether the post holder is an interim (acting) appointment."
    )


class ClusterGovernance(Section):
    """How ICBs that stay legally separate govern the leaders and functions they share."""

    collaboration_agreement_on: IsoDate | None = Field(
        default=None, description="When the ICBs signed the agreement governing the cluster."
    )
    shared_posts: list[SharedPost] | None = Field(
        default=None, description="Posts held by one person across the cluster ([] when none)."
    )


class IcbProposal(Section):
    """A proposal to merge ICBs, change their boundaries, or form a cluster (icb-2025)."""

    schema_version: Literal[1] = Field(description="Always 1.")
    id: ProposalId = Field(description="A short lower-case identifier.")
    kind: Literal["icb_merger", "icb_boundary_change", "icb_cluster"] = Field(
        description="What the change is."
    )
    title: Name = Field(description="A one-line title.")
    prepared_on: IsoDate | None = Field(default=None, description="When the proposal was written.")
    effective_on: IsoDate | None = Field(default=None, description="When the change takes effect.")
    existing_icbs: list[ExistingIcb] = Field(
        min_length=1, description="The ICBs the change affects (for a cluster: its members)."
    )
    successors: list[SuccessorIcb] | None = Field(
        default=None, description="The ICBs that take on the existing ICBs' areas."
    )
    split_authorities: list[SplitAuthority] | None = Field(
        default=None, description="Lower-tier authorities divided between ICBs ([] when none)."
    )
    footprint: Footprint | None = Field(default=None, description="The resulting area.")
    legal: IcbLegal | None = Field(default=None, description="Legal instrument and approvals.")
    constitution: IcbConstitution | None = Field(default=None, description="The constitution.")
    board: Board | None = Field(default=None, description="The board.")
    finance: IcbFinance | None = Field(default=None, description="Running costs.")
    engagement: list[EngagementEvent] | None = Field(
        default=None, description="Engagement with councils, the ICP and others on the change."
    )
    equality_impact_assessment_on: IsoDate | None = Field(
        default=None, description="When the equality impact assessment was completed."
    )
    strategy: Strategy | None = Field(default=None, description="Strategic commissioning.")
    integrated_care_partnership: IntegratedCarePartnership | None = Field(
        default=None, description="The integrated care partnership for the new area."
    )
    cluster: ClusterGovernance | None = Field(
        default=None, description="For a cluster: how the shared leadership is governed."
    )
