@clinical
Feature: Clinical leadership and triple accountability
  A bigger CCG must stay clinically led, with no former CCG dominating the clinical seats.

  Background:
    Given the proposal is a CCG merger

  @CLN-CHAIR-01 @must
  Scenario: A clinician chairs the governing body
    Medway's scrutiny committee heard that Kent and Medway had appointed its "Clinical Chair"
    while meeting NHS England's conditions. A chair who is a GP, a registered nurse or a
    secondary care doctor meets it; that the chair should be a GP is CLN-CHAIR-02.
    Source: seed 004; PROC19 (secondary source: strong clinical leadership)
    Remedy: Appoint a clinician (a GP, registered nurse or secondary care doctor member) as
      chair of the governing body.
    Then by the go-live date, the number of clinical chairs must be at least 1

  @CLN-CHAIR-02 @should
  Scenario: A GP chairs the governing body
    The CCGs were built as GP-led bodies and most appointed GP chairs (Kent and Medway among
    them); another clinician in the chair needs an explanation, not a refusal.
    Source: seed 004; CASE (Kent and Medway)
    Remedy: Appoint a GP member as chair of the governing body, or explain why another
      clinician chairs it.
    Then by the go-live date, the number of GP chairs must be at least 1

  @CLN-LEAD-01 @should
  Scenario: No predecessor CCG is given priority in the new CCG
    The source asks for strong clinical leadership "with no predecessor given priority": a
    seat, vote or right the constitution reserves for one former CCG's area over the others.
    Equal representation of every area is not priority. The source is a secondary account of
    NHS England's procedures.
    Source: PROC19 (secondary source)
    Remedy: List any seat, vote or right the constitution gives one predecessor CCG's area
      over the others, and remove it; record an empty list when there is none.
    Then the priorities given to one predecessor CCG must be empty

  @CLN-TRIPLE-01 @advisory
  Scenario: Member practices stay accountable three ways
    This principle is local to Kent and Medway, not national policy, hence advisory.
    Source: seed 001
    Remedy: State in the constitution that member practices answer to their populations, to
      their fellow members and to NHS England.
    Then accountability to the population is stated must be true
    And accountability to members is stated must be true
    And accountability to NHS England is stated must be true
