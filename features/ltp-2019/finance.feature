@finance
Feature: Finance and management costs
  Merging was meant to make commissioning leaner: at least a fifth off running costs, within
  NHS England's allowance, with sound controls and a credible way out of any legacy deficit.

  Background:
    Given the proposal is a CCG merger

  @FIN-RC-01 @must
  Scenario: Running costs fall by at least a fifth against 2017/18
    Source: SWI18; seed 000, 001 ("80% of present cost") and 002
    Remedy: Plan 2020/21 running costs at no more than 80% of the 2017/18 baseline, and state
      both figures in pounds.
    Then the planned running costs must be at most 80% of the 2017/18 running costs

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
    NHS England made delivering these plans a condition of approving Kent and Medway, so they
    are due by go-live rather than at submission.
    Source: CASE (Kent and Medway approval conditions); seed 004
    Remedy: Where any predecessor CCG is in deficit or under legal directions, state the
      in-year financial recovery plan and the multi-year improvement plan.
    Given any predecessor in deficit or under legal directions is true
    Then by the go-live date, the financial recovery plan must be stated
    And by the go-live date, the financial improvement plan must be stated

  @FIN-DEF-02 @should
  Scenario: Legacy deficits do not eat into other places' fair shares
    A local assurance asked for in Medway's scrutiny of the Kent and Medway merger.
    Source: seed 004
    Remedy: State how the new CCG will keep the predecessors' deficits from reducing the fair
      share of resources of places that were not in deficit (or that none carries a deficit).
    Then the fair shares assurance must be stated
