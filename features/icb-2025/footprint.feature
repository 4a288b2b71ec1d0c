@footprint
Feature: Footprint
  The size and shape of the area the change produces; for a cluster, the cluster as a whole.

  @ICB-FP-01 @should
  Scenario: The area serves at least a million people
    Secondary source: the cluster design principles are known from reports and a local board
    paper, not a national publication.
    Source: S10
    Remedy: Combine with neighbouring ICBs until the area serves at least 1,000,000 people, or
      explain why a smaller area is better.
    Then the population must be at least 1,000,000

  @ICB-FP-02 @should
  Scenario: Each upper-tier local authority works with only one ICB
    Secondary source: the cluster design principles, as reported.
    Source: S10
    Remedy: Draw the area so that no county or unitary council is shared with another ICB, or
      explain why one must be.
    Then the upper-tier authorities shared with another ICB must be empty

  @ICB-FP-03 @should
  Scenario: The area follows strategic authority boundaries where it can
    Source: S7; S12
    Remedy: Make the area coterminous with the strategic authorities it touches, or give the
      reason that is not feasible.
    Then the strategic authorities crossed must be empty unless the coterminosity rationale is stated

  @ICB-FP-04 @advisory
  Scenario: The area stays within one NHS region
    Secondary source: the Blueprint as reported, which also gives a guideline population of
    about 2 million (a guide, not a check).
    Source: S6
    Remedy: Keep the area inside one NHS England region.
    Then the number of NHS regions must be exactly 1
