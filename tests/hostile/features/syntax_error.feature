@core
Feature: A scenario outline missing its examples table

  @T-BAD-01 @must
  Scenario: Running costs
    Source: LTP
    Remedy: Plan at most 80%.
    Then the planned running costs must be at most 80% of the baseline running costs
    | not | a | table | here |
  Examples
