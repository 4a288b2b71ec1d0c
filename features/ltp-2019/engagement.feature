@engagement
Feature: Engagement and consultation
  Councils, boards, scrutiny committees, the public, the voluntary sector, clinicians, staff and
  MPs have a say before a merger. A proposal lists its engagement by audience: an audience left
  out means the proposal does not say (insufficient evidence); an empty list means none was held.

  Background:
    Given the proposal is a CCG merger

  @ENG-LA-01 @must
  Scenario: Every upper-tier and unitary council is consulted and its feedback recorded
    A council's view counts wherever the proposal records it: a formal response (councils),
    its health overview and scrutiny committee or its Health and Wellbeing Board, each with
    feedback_recorded true. A council missing from the lists given is a failure when all three
    are given, and insufficient evidence while one is left out (its view may be recorded there).
    Source: PROC19; REGS Schedule 1
    Remedy: Consult each upper-tier or unitary council in the area and record its response,
      whether given formally, through its scrutiny committee or through its Health and
      Wellbeing Board.
    Then the councils whose feedback is recorded must include every item of the upper-tier councils

  @ENG-HWB-01 @should
  Scenario: Each Health and Wellbeing Board is engaged
    Source: seed 001, 002
    Remedy: Take the proposal to the Health and Wellbeing Board of every council in the area
      (a joint board covers each of its councils).
    Then the councils whose health and wellbeing board was engaged must include every item of the upper-tier councils

  @ENG-HOSC-01 @should
  Scenario: Each council's health overview and scrutiny committee is briefed
    Each council in the area scrutinises health services on its own (Kent's committee and
    Medway's each heard the Kent and Medway merger), so every council is needed, as for
    ENG-HWB-01; a joint committee covers each of its councils.
    Source: seed 000, 003, 004
    Remedy: Brief the health overview and scrutiny committee of every council in the area and
      record each briefing with the councils it covered.
    Then the councils whose scrutiny committee was briefed must include every item of the upper-tier councils

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
    And every MP engagement must have its views recorded
