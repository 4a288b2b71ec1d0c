@running-costs
Feature: Running costs
  In 2025 NHS England asked every ICB to cut its running costs by about half. These conditions
  apply to clusters as well as to mergers and boundary changes.

  @ICB-RC-01 @must
  Scenario: Running costs are no more than £18.76 per head, or £19 per weighted head
    Secondary source: the £18.76 figure is the Blueprint's as reported in May 2025, per head of
    registered or resident population; later regional papers quote £19 per weighted head, so
    the limit is read from the population basis the proposal records. The figure excludes
    pharmacy, optical and dental services and delegated specialised commissioning.
    Source: S6
    Remedy: State the planned running costs (without pharmacy, optical and dental or delegated
      specialised commissioning), the population they are divided by and whether that population
      is registered, resident or weighted; bring the cost to £18.76 a head (£19 a weighted head)
      or less.
    Then the running cost population basis must be one of "registered", "resident" or "weighted"
    And the running costs per head must be at most the per-head running cost limit for that basis

  @ICB-RC-02 @must
  Scenario: Running costs fall by about half against the allowance
    A cut of 50% or more passes; between 45% and 50% is a warning that needs an explanation;
    less than 45% fails.
    Source: S5
    Remedy: Plan running costs at no more than half the baseline allowance, and state both
      figures in pounds.
    Then the running cost reduction must be at least 50%, or at least 45% with a warning

  @ICB-RC-03 @must
  Scenario: The reduction is delivered by the end of 2025 and recurrent from April 2026
    Secondary source: the Blueprint's deadlines (end of quarter 3 of 2025/26; recurrent from
    2026/27) as reported.
    Source: S6
    Remedy: Deliver the lower running costs by 31 December 2025 and make them recurrent from
      1 April 2026, and give both dates.
    Then the reduction delivery date must be on or before 31 December 2025
    And the date the lower running costs are recurrent from must be on or before 1 April 2026

  @ICB-RC-04 @must
  Scenario: Costs moved to providers still leave the system better off
    Secondary source: the Blueprint as reported warns against savings that only move cost.
    Source: S6
    Remedy: Where functions and their costs move to providers, show a net saving across the
      whole system, in pounds.
    Given costs are shifted to providers is true
    Then the net system saving must be more than £0

  @ICB-RC-05 @should
  Scenario: An ICB over its target is covered by its region meeting the target
    Secondary source: the regional balancing of the target is reported, not published.
    Source: S6
    Remedy: If the ICB's running costs stay above its target, show that its NHS region meets the
      target in total.
    Given the ICB is over its running cost target is true
    Then the region meets the running cost target must be true

  @ICB-RC-06 @should
  Scenario: Redundancy and transition costs are estimated and funded
    Inferred: funding for redundancies was unsettled in 2025, so a proposal should show both the
    estimate and who pays.
    Source: S16
    Remedy: Estimate the redundancy and transition costs in pounds and name the funding source.
    Then the transition cost estimate must be more than £0
    And the transition cost funding must not be "not_identified"

  @ICB-RC-07 @advisory
  Scenario: The transition cost estimate covers every ICB the change affects
    Inferred: like ICB-RC-06, from funding for redundancies being unsettled in 2025; an estimate
    that leaves out some of the ICBs understates what the change costs. Without an estimate there
    is nothing to cover, and ICB-RC-06 already asks for one.
    Source: S16
    Remedy: List the existing ICBs whose redundancy and transition costs the estimate includes;
      every ICB the change affects should be among them.
    Given the transition cost estimate is stated
    Then the ICBs the transition cost estimate covers must include every item of the existing ICB names
