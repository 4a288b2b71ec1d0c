@clinical
Feature: Clinical leadership and triple accountability

  Background:
    Given the proposal is a CCG merger

  @CLN-TRIPLE-01 @advisory
  Scenario: Member practices stay accountable three ways
    This principle is local to Kent and Medway, not national policy, hence advisory.
    Source: seed 001
    Remedy: State in the constitution that member practices answer to their populations, to
      their fellow members and to NHS England.
    Then accountability to the population is stated must be true
    And accountability to members is stated must be true
    And accountability to NHS England is stated must be true
