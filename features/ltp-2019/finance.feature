@finance
Feature: Finance and management costs
  Merging was meant to make commissioning leaner: at least a fifth off running costs, within
  NHS England's allowance, with sound controls and a credible way out of any legacy deficit.

  Background:
    Given the proposal is a CCG merger

  @FIN-RC-01 @must
  Scenario: Running costs fall by at least a fifth against 2017/18
    The cut is measured against 2017/18, the year NHS England's letter set as the baseline; the
    message gives it to two decimals with the gap in pounds, so 19.99% never reads as 20%.
    Source: SWI18; seed 000, 001 ("80% of present cost") and 002
    Remedy: Plan 2020/21 running costs at no more than 80% of the 2017/18 baseline, state both
      figures in pounds and give the baseline year as 2017/18.
    Then the running cost baseline year must be "2017/18"
    And the planned running costs must fall by at least 20% against the 2017/18 running costs

  @FIN-RC-02 @must
  Scenario: Planned running costs stay within the running cost allowance
    Source: RCA
    Remedy: State NHS England's running cost allowance for the new CCG and plan running costs
      at or below it.
    Then the planned running costs must be at most the running cost allowance

  @FIN-RC-03 @advisory
  Scenario: The proposal says how the savings go back into front-line care
    Source: SWI18
    Remedy: Say where the running cost savings will be reinvested in patient care.
    Then the reinvestment plan must be stated

  @FIN-CTRL-01 @must
  Scenario: Standing financial instructions, a scheme of delegation and an audit committee are in place
    Source: REGS Schedule 1 para 2(b)
    Remedy: Adopt standing financial instructions and a scheme of reservation and delegation,
      and set up an audit committee, all by go-live.
    Then by the go-live date, standing financial instructions are in place must be true
    And by the go-live date, a scheme of delegation is in place must be true
    And by the go-live date, the number of audit committees must be at least 1

  @FIN-RC-04 @must
  Scenario: The running cost figures cover every predecessor CCG
    The cut of a fifth is measured across the merger: a baseline or plan that leaves out one of
    the CCGs says nothing about the merged CCG's running costs. Without a baseline there is
    nothing to cover, and FIN-RC-01 already asks for it.
    Source: SWI18
    Remedy: List the predecessor CCGs whose costs the 2017/18 baseline and the planned running
      costs include; every predecessor must be among them.
    Given the 2017/18 running costs is stated
    Then the predecessors the running cost figures cover must include every item of the predecessor CCG names

  @FIN-DEF-01 @must
  Scenario: A predecessor in deficit or under directions brings recovery and improvement plans
    NHS England approved Kent and Medway on condition that it delivered its in-year recovery
    plan and plans for continued improvement: the plans themselves belong in the application,
    so they are due with it, not by go-live.
    Source: CASE (Kent and Medway approval conditions); seed 004
    Remedy: Where any predecessor CCG is in deficit or under legal directions, state the
      in-year financial recovery plan and the multi-year improvement plan in the application.
    Given any predecessor in deficit or under legal directions is true
    Then the financial recovery plan must be stated
    And the financial improvement plan must be stated

  @FIN-DEF-02 @should
  Scenario: Legacy deficits do not eat into other places' fair shares
    A local assurance asked for in Medway's scrutiny of the Kent and Medway merger; it only
    arises where a predecessor is in deficit.
    Source: seed 004
    Remedy: State how the new CCG will keep the predecessors' deficits from reducing the fair
      share of resources of places that were not in deficit.
    Given any predecessor in deficit is true
    Then the fair shares assurance must be stated

  @FIN-DEF-03 @should
  Scenario: A merged financial plan quantifies each predecessor's deficit
    Medway's councillors asked what six of Kent and Medway's eight CCGs being in deficit (a
    system deficit of £450m in 2016, down to £190m) meant for the single CCG; NHS England's
    approvals often asked for robust financial plans. A plan that names each deficit in pounds
    answers both.
    Source: seed 004; HSJCOND
    Remedy: State the merged financial plan, and give the deficit in pounds of every
      predecessor CCG in deficit.
    Given any predecessor in deficit is true
    Then the merged financial plan must be stated
    And every predecessor CCG in deficit must have its deficit more than £0
