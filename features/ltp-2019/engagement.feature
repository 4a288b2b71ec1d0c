@engagement
Feature: Engagement and consultation
  Councils, boards, scrutiny committees, the public, the voluntary sector, clinicians, staff and
  MPs have a say before a merger. A proposal lists its engagement by audience: an audience left
  out means the proposal does not say (insufficient evidence); an empty list means none was held.

  Background:
    Given the proposal is a CCG merger

  @ENG-LA-01 @must
  Scenario: Every upper-tier and unitary council is consulted and its feedback recorded
    Source: PROC19; REGS Schedule 1
    Remedy: Consult each upper-tier or unitary council in the area and record its response.
    Then the councils consulted with feedback recorded must include every item of the upper-tier councils

  @ENG-HWB-01 @should
  Scenario: Each Health and Wellbeing Board is engaged
    Source: seed 001, 002
    Remedy: Take the proposal to the Health and Wellbeing Board of every council in the area
      (a joint board covers each of its councils).
    Then the councils whose health and wellbeing board was engaged must include every item of the upper-tier councils

  @ENG-HOSC-01 @should
  Scenario: Health overview and scrutiny committees are briefed
    Source: seed 000, 003, 004
    Remedy: Brief the councils' health overview and scrutiny committees and record it.
    Then the number of scrutiny committee briefings must be at least 1

  @ENG-PUB-01 @must
  Scenario: Patients and the public are engaged and their responses summarised
    The NHS Act section on public involvement (s14Z2) is cited unverified; the CCG
    Regulations' Schedule 1 carries the severity.
    Source: ACT s14Z2 (unverified); REGS Schedule 1
    Remedy: Engage patients and the public on the merger and summarise what they said.
    Then the number of public engagements must be at least 1
    And every public engagement must have summary of responses stated

  @ENG-VCS-01 @should
  Scenario: The voluntary and community sector is engaged, with evidence
    Medway's scrutiny committee criticised the Kent and Medway report for giving none.
    Source: seed 004
    Remedy: Engage voluntary and community organisations and record what was heard or where
      the evidence is.
    Then the number of voluntary sector engagements must be at least 1
    And every voluntary sector engagement must have summary of responses stated

  @ENG-LMC-01 @should
  Scenario: The Local Medical Committee and staff are engaged
    Source: CASE (Kent and Medway; Nottinghamshire)
    Remedy: Engage the Local Medical Committee and the predecessors' staff, and record it.
    Then the number of local medical committee engagements must be at least 1
    And the number of staff engagements must be at least 1

  @ENG-MP-01 @advisory
  Scenario: MPs' views are recorded, opposition included
    Source: seed 004
    Remedy: Seek the area's MPs' views and record them, including any opposition.
    Then the number of MP engagements must be at least 1
    And every MP engagement must have views recorded true
