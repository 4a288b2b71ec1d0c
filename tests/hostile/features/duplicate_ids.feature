@core
Feature: Two scenarios claim one condition ID

  Background:
    Given the proposal is a CCG merger

  @T-RC-01 @must
  Scenario: Running costs cut by a fifth
    Source: LTP
    Remedy: Plan at most 80%.
    Then the planned running costs must be at most 80% of the baseline running costs

  @T-RC-01 @advisory
  Scenario: Reinvestment stated
    Source: LTP
    Remedy: Say how savings are reinvested.
    Then the reinvestment plan must be stated
