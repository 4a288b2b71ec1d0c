@constitution
Feature: Constitution and board
  The ICB after a merger or boundary change must have a lawful constitution and board from the
  day the change takes effect. Counts of board members are judged only when the proposal says
  its board list is complete; until the effective date, what is not yet stated is pending.

  @ICB-CN-01 @must
  Scenario: The constitution names the ICB and describes its area
    Source: S1 para 2
    Remedy: State the ICB's name and its area in the constitution.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the constitution states the ICB's name must be true
    And by the effective date, the constitution states the ICB's area must be true

  @ICB-CN-02 @must
  Scenario: The board has one chair, one chief executive and at least three ordinary members
    Source: S1 para 3
    Remedy: Constitute the board with a chair, a chief executive and at least three other
      (ordinary) members, and list them all.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of chairs must be exactly 1
    And by the effective date, the number of chief executives must be exactly 1
    And by the effective date, the number of ordinary members must be at least 3

  @ICB-CN-03 @must
  Scenario: NHS England appoints the chair with the Secretary of State's approval
    Source: S1 paras 5-6
    Remedy: Have NHS England appoint the chair, and record the date the Secretary of State
      approved the appointment (no later than the effective date).
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, every chair must have its appointing body one of "nhs_england"
    And by the effective date, every chair must have its Secretary of State approval date on or before the effective date

  @ICB-CN-04 @must
  Scenario: The chair appoints the chief executive, NHS England approves, and the ICB employs them
    Source: S1 para 7
    Remedy: Have the chair appoint the chief executive with NHS England's approval, and employ
      the chief executive in the ICB itself.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, every chief executive must have its appointing body one of "icb_chair"
    And by the effective date, every chief executive must have their appointment approved by NHS England
    And by the effective date, every chief executive must be employed by the ICB

  @ICB-CN-05 @must
  Scenario: Partner members come from trusts, primary medical services and local authorities
    Source: S1 para 8; S4
    Remedy: Appoint at least one partner member nominated by NHS trusts and foundation trusts, one
      by providers of primary medical services, and one by the local authorities with social
      care duties in the area.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of partner members from NHS trusts and foundation trusts must be at least 1
    And by the effective date, the number of partner members from primary medical services must be at least 1
    And by the effective date, the number of partner members from local authorities must be at least 1

  @ICB-CN-06 @must
  Scenario: The board includes a finance director, a medical director and a director of nursing
    NHS England's guidance on ICB constitutions sets these three as executive members every
    board must have; one ICB's constitution (S4 §2.1.5) shows them in practice.
    Source: S3 (minimum board membership); S4 §2.1.5
    Remedy: Make the chief finance officer, the medical director and the director of nursing
      executive members of the board.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of chief finance officers must be at least 1
    And by the effective date, the number of medical directors must be at least 1
    And by the effective date, the number of directors of nursing must be at least 1

  @ICB-CN-07 @must
  Scenario: At least two non-executive members on a board of at least ten
    NHS England's guidance on ICB constitutions asks for at least two independent
    non-executive members; its minimum membership (chair, chief executive, three partner
    members, three executive directors, two non-executives) makes ten. One ICB's constitution
    (S4 §2.1.5) shows it in practice.
    Source: S3 (minimum board membership); S4 §2.1.5
    Remedy: Appoint at least two non-executive members, and a board of ten or more in all.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of non-executive members must be at least 2
    And by the effective date, the number of board members must be at least 10

  @ICB-CN-08 @should
  Scenario: A non-executive deputy chair who does not chair audit, and a senior non-executive
    Source: S3
    Remedy: Name a deputy chair who is a non-executive member and not the audit committee chair,
      and name a senior non-executive member.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of deputy chairs must be at least 1
    And by the effective date, the number of deputy chairs who are not non-executives must be exactly 0
    And by the effective date, the number of deputy chairs who also chair the audit committee must be exactly 0
    And by the effective date, the number of senior non-executive members must be at least 1

  @ICB-CN-09 @must
  Scenario: At least one board member brings mental health knowledge and experience
    Secondary source: the requirement is reported by the Health Foundation and NHS Providers
    rather than read in the Act itself.
    Source: S4 (Health Foundation explainer, also reported by NHS Providers)
    Remedy: Appoint at least one board member with knowledge and experience of mental health
      services, and say which member it is.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of members with mental health expertise must be at least 1

  @ICB-CN-10 @must
  Scenario: No board member is disqualified
    Grounds include being an MP, a prison sentence of three months or more in the last five
    years, bankruptcy restrictions, and private healthcare interests that could undermine the
    NHS.
    Source: S1 para 4; S4 §3.2
    Remedy: Check every board member against the disqualification grounds and record the result
      for each (an empty list when none applies); replace anyone disqualified.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, every board member must have its number of disqualifications exactly 0

  @ICB-CN-11 @must
  Scenario: Every board member has passed the fit and proper person test
    Source: S4 §3.1
    Remedy: Complete the fit and proper person test for every board member before the effective
      date and record the result.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, every board member must have passed the fit and proper person test

  @ICB-CN-12 @must
  Scenario: NHS England approves the new or changed constitution
    Source: S2
    Remedy: Obtain NHS England's approval of the constitution and record the date, no later than
      the effective date.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, NHS England's approval date of the constitution must be on or before the effective date

  @ICB-CN-13 @must
  Scenario: Members' interests are published and kept up to date within 28 days
    Secondary source: the 28-day rule is taken from a parliamentary written answer of December
    2021, not from the Act.
    Source: WA2021
    Remedy: Publish the register of members' interests and require members to update a
      declaration within 28 days of a change.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the register of interests is published must be true
    And by the effective date, the declaration update period must be at most 28 days

  @ICB-CN-14 @advisory
  Scenario: A mayor in the area, or the mayor's representative, sits on the board
    This is government policy rather than law, hence advisory.
    Source: S12
    Remedy: Where a mayoral strategic authority covers part of the area, invite the mayor (or a
      representative) onto the board.
    Given the proposal is an ICB merger or ICB boundary change
    And a mayoral strategic authority covers the area is true
    Then by the effective date, the number of mayors or their representatives on the board must be at least 1

  @ICB-CN-15 @must
  Scenario: A leader shared across a cluster is appointed by each of its ICBs
    Clustered ICBs stay legally separate, so a chair or chief executive they share holds each
    ICB's post under its own constitution: each ICB appoints the post holder as its own.
    Source: S1 paras 5-7; S8; S11
    Remedy: Have every ICB of the cluster appoint each shared leader to its own post (the chief
      executive by each chair with NHS England's approval), and record it for each shared post.
    Given the proposal is an ICB cluster
    Then every shared post must have appointed by each ICB true

  @ICB-CN-16 @should
  Scenario: A collaboration agreement governs the cluster from its start
    Thames Valley's predecessor ICBs shared one chief executive under a collaboration agreement
    before they merged.
    Source: S8; TV26
    Remedy: Sign a collaboration agreement between the ICBs of the cluster setting out how the
      shared leaders answer to each board, and record its date (no later than the effective date).
    Given the proposal is an ICB cluster
    Then by the effective date, the collaboration agreement date must be on or before the effective date
