@engagement
Feature: Engagement and route
  Beyond the councils and the partnership (ICB-EN-01): the public and local Healthwatch, the
  integrated care partnership of the new area, the staff of the ICBs, and the boards that put
  the plan to NHS England.

  @ICB-EN-04 @should
  Scenario: The public and local Healthwatch are involved in the change
    NHS England's procedure asks for engagement with the partners in the integrated care
    partnership; the Act has a partnership involve local Healthwatch and the people of its area in
    its strategy, which a new area needs. The procedure does not list them by name, so this is a
    should.
    Source: S9 §1.3; LGPIH s116ZB(4)
    Remedy: Involve the public and each local Healthwatch in the area on the change before it takes
      effect, and record each engagement (audience public or healthwatch) with its date.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of public engagements must be at least 1
    And by the effective date, the number of Healthwatch engagements must be at least 1

  @ICB-EN-05 @must
  Scenario: The new area has an integrated care partnership formed with every council in it
    The integrated care partnership is the statutory committee an ICB forms with every upper-tier
    council in its area; a change of area changes the partnership.
    Source: S9 §1.1 and §1.3
    Remedy: Agree the integrated care partnership for the new area with every upper-tier council in
      it, and record the councils and the date it was agreed (no later than the effective date).
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the integrated care partnership agreement date must be on or before the effective date
    And by the effective date, the councils forming the integrated care partnership must include every item of the upper-tier authorities

  @ICB-EN-06 @should
  Scenario: The staff of the ICBs are consulted on the change
    The procedure's implementation steps move staff to the ICBs that follow; redundancy funding was
    unsettled in 2025 (S16). No source gives a date, so this is a should, due by the effective date.
    Source: S9; S16
    Remedy: Consult the staff of every ICB the change affects (and their trade unions) before it
      takes effect, and record the consultation (audience staff) with its date.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the number of staff consultations must be at least 1

  @ICB-EN-07 @should
  Scenario: Each ICB's board endorses the plan before it goes to NHS England
    The ICBs concerned put the plan to NHS England (the 2023 procedure) or take part in the route
    NHS England leads (2025); either way each board should have agreed it first. The procedures'
    wording on board endorsement is not verified here, hence a should.
    Source: S9
    Remedy: Take the plan to the board of every ICB the change affects, and record each board's
      endorsement date and the date the plan was submitted to NHS England.
    Given the proposal is an ICB merger or ICB boundary change
    Then every existing ICB must have board endorsement date on or before the plan submission date
