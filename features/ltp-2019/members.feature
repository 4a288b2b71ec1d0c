@members
Feature: Member support and constitution

  Background:
    Given the proposal is a CCG merger

  @MEM-VOTE-01 @must
  Scenario: Members of every predecessor CCG back the merger
    Source: CASE (the Nottinghamshire LMC rule; Kent and Medway; Coventry and Warwickshire)
    Remedy: Hold a member vote in each predecessor CCG; each must carry on its own, as an
      aggregate majority across the CCGs is not enough. Give the tallies where published.
    Then every predecessor CCG must have vote result one of "carried"
    And every predecessor CCG must have more votes for than votes against, where stated
