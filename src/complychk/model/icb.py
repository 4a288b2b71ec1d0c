"""The ICB proposal (icb-2025 pack): a merger, boundary change or cluster of ICBs, 2025-2027."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from complychk.model.common import (
    Count,
    Days,
    EngagementEvent,
    Flag,
    IsoDate,
    Money,
    Name,
    Population,
    ProposalId,
    Section,
    Text,
)

BoardRole = Literal[
    "chair",
    "chief_executive",
    "deputy_chair",
    "ordinary_member",
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


class TransferScheme(Section):
    """How an abolished ICB's staff, property and liabilities pass on."""

    recipients: list[Name] | None = Field(default=None, description="Receiving ICBs.")
    all_liabilities: Flag | None = Field(
        default=None, description="Whether every liability (except criminal) transfers."
    )


class PredecessorIcb(Section):
    """An ICB whose area the change alters or abolishes."""

    name: Name
    ods_code: str | None = None
    region: Name | None = Field(default=None, description="NHS England region.")
    abolished: Flag | None = None
    area: list[Name] | None = Field(
        default=None, description="Lower-tier local authorities in its area."
    )
    transfer_scheme: TransferScheme | None = None


class SuccessorIcb(Section):
    """An ICB as it stands after the change (new, enlarged or unchanged in part)."""

    name: Name
    area: list[Name] | None = Field(
        default=None, description="Lower-tier local authorities in its area after the change."
    )


class BoardMember(Section):
    """One member of the ICB board."""

    name: Name = Field(description="Post title or holder.")
    roles: list[BoardRole] = Field(min_length=1)
    appointed_by: Name | None = None
    approved_by: Name | None = None
    secretary_of_state_approved_on: IsoDate | None = None
    employed_by_icb: Flag | None = None
    mental_health_expertise: Flag | None = None
    disqualifications: list[Name] | None = Field(
        default=None, description="Any disqualification that applies (should be empty)."
    )
    fit_and_proper_passed: Flag | None = None


class NewIcb(Section):
    """The ICB the change creates or enlarges."""

    name: Name | None = None
    ods_code: str | None = None
    population: Population | None = None
    population_basis: Literal["registered", "weighted", "resident"] | None = Field(
        default=None, description="Which population the per-head figures use."
    )
    regions: list[Name] | None = Field(default=None, description="NHS England regions covered.")
    lower_tier_authorities: list[Name] | None = None
    lsoas: list[Name] | None = Field(
        default=None, description="LSOAs listed where a local authority is split."
    )
    split_authorities: list[Name] | None = Field(
        default=None, description="Lower-tier authorities split between ICBs."
    )
    upper_tier_authorities: list[Name] | None = None
    upper_tier_authorities_split: list[Name] | None = Field(
        default=None, description="Upper-tier authorities working with more than one ICB."
    )
    strategic_authority_coterminous: Flag | None = None
    coterminosity_rationale: Text | None = None
    mayoral_strategic_authorities: list[Name] | None = None


class IcbLegal(Section):
    """The legal instrument and approvals."""

    instrument: Literal["establishment_order", "variation_order", "abolition_order", "none"] | None = (
        None
    )
    made_by: Name | None = None
    ministerial_approval_on: IsoDate | None = None
    ods_reconfiguration_submitted_on: IsoDate | None = None
    health_bill_in_force_on: IsoDate | None = None
    ordering_body_after_health_bill: Name | None = None
    applicant: Name | None = None
    route: Literal["icb_application", "nhse_led"] | None = None
    cluster_keeps_separate_boundaries: Flag | None = None
    cluster_keeps_separate_allocations: Flag | None = None


class IcbConstitution(Section):
    """The ICB constitution."""

    states_name: Flag | None = None
    states_area: Flag | None = None
    nhse_approved_on: IsoDate | None = None
    register_of_interests_url: Name | None = None
    declaration_update_days: Days | None = None


class IcbFinance(Section):
    """Running costs against the 2025 blueprint."""

    baseline_running_costs_gbp: Money | None = None
    target_running_costs_gbp: Money | None = None
    reduction_delivered_by: IsoDate | None = None
    recurrent_from: IsoDate | None = None
    cost_shifted_to_providers_gbp: Money | None = None
    net_system_saving_gbp: int | None = None
    over_target_covered_by_region: Flag | None = None
    redundancy_costs_gbp: Money | None = None
    redundancy_funding_source: Text | None = None


class FunctionTransfer(Section):
    """A function leaving the ICB under the strategic-commissioner model."""

    function: Name
    recipient: Name | None = None
    transfer_on: IsoDate | None = None


class Strategy(Section):
    """Strategic commissioning and the three shifts."""

    functions_transferred: list[FunctionTransfer] | None = None
    hospital_to_community: Flag | None = None
    analogue_to_digital: Flag | None = None
    sickness_to_prevention: Flag | None = None
    neighbourhood_health_with_local_authorities: Flag | None = None
    delegated_services_budgeted: list[Name] | None = None


class IcbProposal(Section):
    """A proposal to merge ICBs, change their boundaries, or form a cluster (icb-2025)."""

    schema_version: Literal[1]
    id: ProposalId
    kind: Literal["icb_merger", "icb_boundary_change", "icb_cluster"]
    title: Name
    prepared_on: IsoDate | None = None
    effective_on: IsoDate | None = Field(default=None, description="When the change takes effect.")
    new_icb: NewIcb | None = None
    predecessors: list[PredecessorIcb] = Field(min_length=1)
    successors: list[SuccessorIcb] | None = None
    legal: IcbLegal | None = None
    constitution: IcbConstitution | None = None
    board: list[BoardMember] | None = None
    finance: IcbFinance | None = None
    engagement: list[EngagementEvent] | None = None
    equality_impact_assessment_on: IsoDate | None = None
    strategy: Strategy | None = None
    board_size: Count | None = None
