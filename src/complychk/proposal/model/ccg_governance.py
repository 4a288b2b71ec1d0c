"""Leadership of the merged CCG (ltp-2019): officers, governing body, committees, delegations."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from complychk.proposal.model.common import Count, Flag, IsoDate, Name, Section

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
"""Seats the CCG Regulations 2012 (regs 11-12) and the constitution describe."""

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
"""Who employs a member, as the lay member, nurse and doctor exclusions need it.

``commissioned_provider`` is any organisation the CCG buys services from, an NHS trust included;
``nhs_trust`` is an NHS trust or foundation trust the CCG does not commission from (or a
governor's trust).
"""

DelegateType = Literal[
    "members",
    "governing_body",
    "employee",
    "committee",
    "joint_committee",
    "integrated_care_partnership",
    "primary_care_network",
    "provider",
    "other",
]


class Officer(Section):
    """A statutory officer post of the new CCG (Accountable Officer or Chief Finance Officer).

    Record the post by its dates, never the holder's name: a draft written before the
    appointment leaves the dates out, and the checker reports them as due by go-live.
    """

    appointed_on: IsoDate | None = Field(
        default=None, description="When the appointment was made (offer accepted)."
    )
    approved_by_nhse_on: IsoDate | None = Field(
        default=None, description="When NHS England approved the appointment (Accountable Officer)."
    )
    start_date: IsoDate | None = Field(
        default=None, description="First day in post for the new CCG."
    )
    ccg_employee: Flag | None = Field(
        default=None,
        description="Employed by the CCG itself (not seconded from a provider); due by go-live.",
    )
    accountancy_qualified: Flag | None = Field(
        default=None, description="Holds a recognised professional accountancy qualification."
    )
    on_governing_body: Flag | None = Field(
        default=None,
        description="Holds a seat on the governing body (which must list it with the "
        "chief_finance_officer role).",
    )
    interim: Flag | None = Field(
        default=None, description="Whether the post holder is an interim (acting) appointment."
    )


class GoverningBodyMember(Section):
    """One seat on the governing body, named by its post title."""

    name: Name = Field(description="Post title, e.g. 'Clinical Chair' or 'Lay Member for Audit'.")
    roles: list[GoverningBodyRole] = Field(min_length=1, description="Roles this seat holds.")
    voting: Flag = Field(default=True, description="Whether the seat votes (default true).")
    employer_category: EmployerCategory | None = Field(
        default=None,
        description="Kind of employer, for the lay member, nurse and doctor exclusions.",
    )
    predecessor_area: Name | None = Field(
        default=None,
        description="GP seats: the predecessor CCG whose area the seat represents (its exact name).",
    )
    on_specialist_register: Flag | None = Field(
        default=None, description="Secondary care doctor: on the GMC specialist register."
    )
    consultant_within_10_years: Flag | None = Field(
        default=None,
        description="Secondary care doctor: an NHS consultant within the last 10 years.",
    )
    on_gp_register: Flag | None = Field(
        default=None, description="Secondary care doctor: on the GMC GP register (must not be)."
    )


class Committee(Section):
    """A committee of the governing body."""

    name: Name = Field(description="The committee's name.")
    type: Literal["audit", "remuneration", "primary_care_commissioning", "other"] = Field(
        description="What the committee is for."
    )
    chair_is_lay: Flag | None = Field(default=None, description="Chaired by a lay member.")
    lay_members: Count | None = Field(default=None, description="Lay members on the committee.")
    executive_members: Count | None = Field(
        default=None, description="Executives (employees of the CCG) on the committee."
    )
    other_members: Count | None = Field(
        default=None, description="Everyone else on the committee, GPs included."
    )


class Delegation(Section):
    """A function the CCG delegates to someone."""

    function: Name = Field(description="What is delegated.")
    delegate: Name = Field(description="To whom (a body or post, not a person's name).")
    delegate_type: DelegateType = Field(description="The kind of body or post receiving it.")
    redelegates_nhse_function: Flag = Field(
        default=False,
        description="Whether this passes on to another body a function NHS England delegated to the CCG.",
    )


class ConflictsOfInterest(Section):
    """Arrangements under NHS England's statutory conflicts of interest guidance."""

    guardian_is_audit_chair: Flag | None = Field(
        default=None, description="The audit committee chair is the conflicts of interest guardian."
    )
    register_of_interests_published: Flag | None = Field(
        default=None, description="The register of interests is published."
    )
    gifts_register_published: Flag | None = Field(
        default=None, description="The register of gifts and hospitality is published."
    )
    annual_audit: Flag | None = Field(
        default=None, description="Internal audit reviews conflicts of interest every year."
    )


class Governance(Section):
    """Leadership, the governing body and its committees."""

    accountable_officer: Officer | None = Field(
        default=None, description="The new CCG's single Accountable Officer."
    )
    chief_finance_officer: Officer | None = Field(
        default=None, description="The new CCG's Chief Finance Officer."
    )
    governing_body: list[GoverningBodyMember] | None = Field(
        default=None, description="Every seat on the governing body; leave out until it is known."
    )
    committees: list[Committee] | None = Field(
        default=None, description="Committees of the governing body."
    )
    primary_care_commissioning_delegated: Flag | None = Field(
        default=None, description="Whether NHS England delegates primary care commissioning."
    )
    delegations: list[Delegation] | None = Field(
        default=None, description="Every delegation of the CCG's functions (empty if none)."
    )
    conflicts_of_interest: ConflictsOfInterest | None = Field(
        default=None, description="Conflicts of interest arrangements."
    )
    single_management_team_from: IsoDate | None = Field(
        default=None, description="When one management team serves all the predecessor CCGs."
    )
