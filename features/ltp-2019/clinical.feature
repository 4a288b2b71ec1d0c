@clinical
Feature: Clinical leadership and triple accountability
  A bigger CCG must stay clinically led, with no former CCG dominating the clinical seats.

  Background:
    Given the proposal is a CCG merger

  @CLN-CHAIR-01 @should
  Scenario: A GP chairs the governing body
    Kent and Medway appointed a clinical chair before go-live; a local expectation.
    Source: seed 004
    Remedy: Appoint a GP as chair of the governing body.
    Then by the go-live date, the number of GP chairs must be at least 1

  @CLN-LEAD-01 @should
  Scenario: No predecessor CCG holds most of the GP seats
    The source is a secondary account of NHS England's procedures.
    Source: PROC19 (secondary source)
    Remedy: Spread the GP seats (other than the chair) so that no former CCG's area holds a
      majority of them, and record which area each seat represents.
    Then by the go-live date, the most GP seats held by one predecessor area must be at most 50% of the number of area GP members

  @CLN-TRIPLE-01 @advisory
  Scenario: Member practices stay accountable three ways
    This principle is local to Kent and Medway, not national policy, hence advisory.
    Source: seed 001
    Remedy: State in the constitution that member practices answer to their populations, to
      their fellow members and to NHS England.
    Then accountability to the population is stated must be true
    And accountability to members is stated must be true
    And accountability to NHS England is stated must be true
