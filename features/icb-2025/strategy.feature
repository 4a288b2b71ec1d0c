@strategy
Feature: Strategic commissioning

  @ICB-ST-01 @should
  Scenario: Every function leaving the ICB has a recipient and a date
    Secondary source: the Blueprint as reported lists functions moving out of ICBs, for example
    from commissioning support units that are closing.
    Source: S6
    Remedy: For each function the ICB gives up, name who takes it on and when.
    Then every function transfer must have its recipient stated
    And every function transfer must have its transfer date stated

  @ICB-ST-02 @should
  Scenario: Plans address the three shifts and neighbourhood health with local government
    Source: S12; S15
    Remedy: Show how the plans move care from hospital to community, from analogue to digital and
      from sickness to prevention, and plan neighbourhood health jointly with the councils.
    Then the plans address the shift from hospital to community must be true
    And the plans address the shift from analogue to digital must be true
    And the plans address the shift from sickness to prevention must be true
    And neighbourhood health is planned with local authorities must be true

  @ICB-ST-03 @advisory
  Scenario: Newly delegated vaccination and screening are in the budget and staffing plans
    Vaccination and most screening pass from NHS England to ICBs from 1 April 2026.
    Source: S17
    Remedy: Include vaccination and screening in the budget and staffing plans of the ICB after
      the change.
    Then by the effective date, the delegated services in budget and staffing plans must include "vaccination" and "screening"
