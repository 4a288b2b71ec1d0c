@finance
Feature: Finance and management costs

  Background:
    Given the proposal is a CCG merger

  @FIN-RC-01 @must
  Scenario: Running costs fall by at least a fifth against 2017/18
    Source: SWI18; seeds 000, 001 ("80% of present cost") and 002
    Remedy: Plan 2020/21 running costs at no more than 80% of the 2017/18 baseline, and state
      both figures in pounds.
    Then the planned running costs must be at most 80% of the 2017/18 running costs
