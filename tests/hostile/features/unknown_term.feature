@core
Feature: A noun the glossary does not define

  Background:
    Given the proposal is a CCG merger

  @T-RC-01 @must
  Scenario: Running costs cut by a fifth
    Source: LTP
    Remedy: Plan at most 80%.
    Then the planned runing costs must be at most 80% of the baseline running costs
