@members
Feature: Member support and constitution
  A CCG is a membership body: its GP practices must back the merger in every predecessor, and
  approve the new constitution before NHS England does.

  Background:
    Given the proposal is a CCG merger

  @MEM-VOTE-01 @must
  Scenario: Members of every predecessor CCG back the merger
    A vote that missed its quorum fails MEM-VOTE-02, not this condition, so one failed vote
    is not counted twice: here it is judged by its majority, from its tallies where given.
    Source: CASE (the Nottinghamshire LMC rule; Kent and Medway; Coventry and Warwickshire)
    Remedy: Hold a member vote in each predecessor CCG; each must carry on its own, as an
      aggregate majority across the CCGs is not enough. Give the tallies where published.
    Then every predecessor CCG must have vote result one of "carried" or "not_quorate"
    And every predecessor CCG must have more votes for than votes against, where stated

  @MEM-VOTE-02 @must
  Scenario: Every member vote is quorate
    Surrey Downs missed its 75% quorum in 2019 and had to run its vote again.
    Source: CASE (Surrey Heartlands)
    Remedy: Give each vote's eligible and cast votes and the quorum its constitution sets;
      turnout must reach the quorum, or the vote must be run again.
    Then every predecessor CCG must have vote result not one of "not_quorate"
    And every predecessor CCG must have turnout at least quorum

  @MEM-VOTE-03 @should
  Scenario: Each predecessor's vote tallies are supplied
    Source: CASE (common practice in the 2019-20 votes)
    Remedy: Give, for each predecessor CCG, the eligible votes, votes cast, votes for and
      votes against.
    Then every predecessor CCG must have eligible votes stated
    And every predecessor CCG must have votes cast stated
    And every predecessor CCG must have votes for stated
    And every predecessor CCG must have votes against stated

  @MEM-CONST-01 @must
  Scenario: Members approve the new constitution, then NHS England does, before go-live
    Source: HSJCOND
    Remedy: Record when the member practices approved the constitution and when NHS England
      did; members first, both no later than go-live.
    Then by the go-live date, the members' approval date of the constitution must be on or before the go-live date
    And by the go-live date, NHS England's approval date of the constitution must be on or before the go-live date
    And by the go-live date, NHS England's approval date of the constitution must be on or after the members' approval date of the constitution

  @MEM-PART-01 @must
  Scenario: Every member practice has a way to take part
    Source: REGS Schedule 1 para 2(a)
    Remedy: Describe how every member practice takes part: localities, GP representatives,
      networks or other arrangements.
    Then the number of participation arrangements must be at least 1

  @MEM-GBGP-01 @advisory
  Scenario: GPs hold most voting seats, with every locality represented
    Kent and Medway's own constitutional choice, not a national rule.
    Source: CASE (Kent and Medway constitution)
    Remedy: Give GPs a majority of the governing body's voting seats, including a GP seat for
      each predecessor CCG's area.
    Then by the go-live date, the number of voting GP members must be more than 50% of the number of voting members
    And by the go-live date, the GP areas represented must include every item of the predecessor CCG names
