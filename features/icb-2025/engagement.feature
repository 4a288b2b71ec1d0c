@engagement
Feature: Engagement and route

  @ICB-EN-01 @must
  Scenario: Every council in the area and the integrated care partnership are engaged
    The councils checked are the upper-tier ones (counties and unitaries), the authorities with
    social care duties that sit on the partnership.
    Source: S9 §1.3
    Remedy: Engage each upper-tier council in the area and the integrated care partnership on the
      change, and record each engagement with the councils it covered.
    Given the proposal is an ICB merger or ICB boundary change
    Then by the effective date, the councils engaged must include every item of the upper-tier authorities
    And by the effective date, the number of ICP engagements must be at least 1

  @ICB-EN-02 @must
  Scenario: The change comes from the ICBs themselves or from NHS England
    Under the 2023 procedure the ICBs apply; the 2025 route is led by NHS England.
    Source: S9
    Remedy: Have the ICBs concerned make the application, or follow the route NHS England leads.
    Given the proposal is an ICB merger or ICB boundary change
    Then the applicant must be one of "icb" or "nhs_england"

  @ICB-EN-03 @must
  Scenario: An equality impact assessment is completed before the change
    The public sector equality duty (Equality Act 2010 s149) needs due regard before the
    decision, so the assessment is due with the proposal, at must, as for CCG mergers
    (POP-EQIA-01); ministers confirmed every ICB completes one (S11).
    Source: EQA s149; S11 (written question 66063)
    Remedy: Complete an equality impact assessment of the change and record the date, no later
      than the effective date.
    Then the equality impact assessment date must be on or before the effective date
