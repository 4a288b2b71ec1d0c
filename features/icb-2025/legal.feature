@legal
Feature: Legal form of the change
  An ICB merger or boundary change only happens through an order under the NHS Act 2006; a
  cluster changes how ICBs work together, not what they are in law.

  @ICB-LG-01 @must
  Scenario: The change takes effect through an NHS England order
    Today NHS England makes the orders that establish, vary or abolish ICBs. If the Health Bill
    moves that power to the Secretary of State before the change takes effect, ICB-LG-09
    applies instead.
    Source: S2 s14Z25
    Remedy: Give the change legal effect with an establishment, variation or abolition order made
      by NHS England under section 14Z25, and say which kind of order it is.
    Given the proposal is an ICB merger or ICB boundary change
    And the Health Bill is in force before the effective date is false or not stated
    Then by the effective date, the order type must be one of "establishment", "variation" or "abolition"
    And by the effective date, the order maker must be "nhs_england"

  @ICB-LG-02 @must
  Scenario: The new areas neither overlap nor leave a gap
    ICB areas must not overlap and together must cover England, so the areas after the change
    must cover exactly what the existing ICBs covered before it.
    Source: S2 s14Z25(3)-(4)
    Remedy: List the area of every existing ICB and of every ICB that takes on part of it, as
      lower-tier local authorities, so that no authority (or split part) is given to two ICBs or
      left out.
    Given the proposal is an ICB merger or ICB boundary change
    Then the areas given to more than one successor ICB must be empty
    And the successor ICB areas must have exactly the items of the existing ICB areas

  @ICB-LG-03 @should
  Scenario: Areas are described by local authority, with LSOAs where one is split
    Source: S2
    Remedy: Describe each successor ICB's area as a list of lower-tier local authorities, and for
      any authority divided between ICBs list the LSOAs that place each part.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, every successor ICB must have its number of area entries at least 1
    And by the effective date, every split authority must have its number of LSOAs at least 1

  @ICB-LG-04 @must
  Scenario: Every abolished ICB hands on all its liabilities under a transfer scheme
    Source: S2 s14Z28
    Remedy: Make a transfer scheme for each ICB the change abolishes, naming at least one
      receiving body and passing on every liability except criminal liability.
    Given the proposal is an ICB merger or ICB boundary change
    And an existing ICB is abolished is true
    Then by the effective date, every abolished ICB must have its number of transfer recipients at least 1
    And by the effective date, every abolished ICB must have all liabilities transferred

  @ICB-LG-05 @must
  Scenario: Ministers approve the change before it takes effect
    Source: S7; S8
    Remedy: Obtain ministerial approval and record its date, which must come before the
      effective date.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the ministerial approval date must be before the effective date

  @ICB-LG-06 @should
  Scenario: The change takes effect on 1 April in an approved year
    April 2026 was the first wave; April 2027 is the next window. A change outside those
    windows needs an explanation.
    Source: S8; S9
    Remedy: Plan the change for 1 April 2026 or 1 April 2027.
    Given the proposal is an ICB merger or ICB boundary change
    Then the effective date must fall on 1 April
    And the effective date must be on or after 1 April 2026
    And the effective date must be on or before 1 April 2027

  @ICB-LG-07 @must
  Scenario: ICBs in a cluster stay separate bodies with their own areas and allocations
    A cluster shares leadership and functions, but it is not a merger: no ICB is abolished.
    Source: S8; S11 (written question 73486)
    Remedy: Keep every ICB in the cluster in being, with its own area in law and its own
      financial allocation; if the ICBs are to become one, propose a merger instead.
    Given the proposal is an ICB cluster
    Then every existing ICB must not be abolished
    And every existing ICB must have its own area kept
    And every existing ICB must have its own allocation kept

  @ICB-LG-08 @should
  Scenario: The ODS reconfiguration is submitted at least 28 days before the legal date
    Source: S18
    Remedy: Submit the organisation data service reconfiguration request at least 28 days
      before the effective date, and record when it was sent.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the ODS reconfiguration submission date must be at least 28 days before the effective date

  @ICB-LG-09 @advisory
  Scenario: If the Health Bill comes into force first, the Secretary of State makes the order
    Inferred: the Health Bill would fold NHS England into the Department of Health and Social
    Care; whether and when that takes effect is not yet known, so this is advisory.
    Source: S13
    Remedy: Where the Health Bill is in force before the effective date, have the order made by
      the Secretary of State and re-check the approval route.
    Given the proposal is an ICB merger or ICB boundary change
    And the Health Bill is in force before the effective date is true
    Then the order maker must be "secretary_of_state"
