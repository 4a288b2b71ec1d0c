@system
Feature: System architecture
  One CCG per Integrated Care System, lined up with council boundaries, with places and primary
  care networks beneath it that hold no statutory functions of their own.

  Background:
    Given the proposal is a CCG merger

  @SYS-ICS-01 @must
  Scenario: The merged CCG covers the whole ICS or STP footprint
    A must because NHS England applied it as one: it refused the 2020 application to merge 4
    of North Merseyside's 9 CCGs because the merger covered only part of the system, in line
    with "typically one CCG per system" (OPG20) and the Long Term Plan's single CCG for each
    ICS area.
    Source: LTP; OPG20; SWI18; CASE
    Remedy: Bring every CCG in the ICS or STP into the merger.
    Then the predecessor CCG names must include every item of the CCGs in the system

  @SYS-ICS-02 @must
  Scenario: All predecessor CCGs belong to the same ICS or STP
    Source: PROC19
    Remedy: Merge only CCGs of one ICS or STP, and record each predecessor's system.
    Then the number of systems the predecessors belong to must be exactly 1

  @SYS-LA-01 @must
  Scenario: The CCG is coterminous with upper-tier councils, or says why not
    Source: REGS Schedule 1 para 2(d); PROC19
    Remedy: Cover whole upper-tier and unitary council areas, or justify covering part of one.
    Then the council boundaries crossed must be empty unless the boundary justification is stated

  @SYS-RES-01 @must
  Scenario: Most of the member practices' patients live in the CCG's area
    Source: REGS Schedule 1 para 2(c)
    Remedy: State the share of registered patients living in the area; it must be over half.
    Then the share of patients resident in the area must be more than 50%

  @SYS-POP-01 @advisory
  Scenario: The system's population is within the usual range
    The Long Term Plan sets no size; "about a million" is commentary. The 0.5 to 3 million
    range is the King's Fund's description, so this is information only.
    Source: KF; COVSB19
    Remedy: If the system is smaller than 500,000 or larger than 3 million people, say why
      the footprint still works.
    Then the ICS population must be between 500,000 and 3,000,000

  @SYS-ICP-01 @advisory
  Scenario: Each place serves a quarter to half a million people
    The 250,000-500,000 band is the King's Fund's national description; Kent and Medway
    planned places of 250,000-750,000 locally. Neither is a rule, so this is advisory.
    Source: KF; KMHWB19; MEDHASC20
    Remedy: Give each place's population; explain any place outside 250,000-500,000.
    Then every place must have population between 250,000 and 500,000

  @SYS-PCN-01 @should
  Scenario: Each primary care network serves 30,000 to 50,000 patients
    The Network Contract allows exceptions; a failure here needs that explanation.
    Source: PCN19; KMHWB19
    Remedy: Give each network's registered list; explain any outside 30,000-50,000.
    Then every primary care network must have registered patients between 30,000 and 50,000

  @SYS-PCN-02 @should
  Scenario: Every practice is in a contiguous primary care network with a clinical director
    A requirement of the Network Contract DES on practices and their networks, not a
    condition NHS England set for approving a merger: a gap needs an explanation.
    Source: PCN19
    Remedy: Bring every practice into a network; each network must be geographically
      contiguous and name its clinical director.
    Then the share of practices in a primary care network must be at least 100%
    And every primary care network must have a contiguous area
    And every primary care network must have a named clinical director

  @SYS-DEL-01 @must
  Scenario: No two-stage delegation
    Source: KMHWB19; ACT Sch 1A para 3(3); LRO14
    Remedy: Delegate only to members, the governing body, employees, committees or joint
      committees, and never pass on a function NHS England delegated to the CCG.
    Then every delegation must have its delegate type one of "members", "governing_body", "employee", "committee" or "joint_committee"
    And every delegation must not be a re-delegated NHS England function

  @SYS-STAT-01 @advisory
  Scenario: Statutory functions stay with the CCG and NHS England
    The ICS, places and networks had no statutory basis in 2019-20 (Medway minutes).
    Source: MEDCOM19
    Remedy: Keep statutory accountability with the CCG and NHS England; give the ICS, ICPs and
      PCNs no statutory functions.
    Then the statutory functions given to the ICS, ICPs or PCNs must be empty
