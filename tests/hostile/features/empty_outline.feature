@core
Feature: An outline left without its rows

  Background:
    Given the proposal is a CCG merger

  @T-RC-01 @must
  Scenario: Running costs cut by a fifth
    Source: LTP
    Remedy: Plan at most 80%.
    Then the planned running costs must be at most 80% of the baseline running costs

  @T-ST-01 @should
  Scenario Outline: Each plan is stated
    Source: LTP
    Remedy: State it.
    Then the <plan> must be stated

    Examples:
      | plan |
