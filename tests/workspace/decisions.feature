Feature: Recording a reviewer's decision on a finding
  A reviewer signed in to a shared workspace opens a finding, records a decision on it, and
  sees the decision, with who made it and the state before and after, in the finding's history.

  Scenario: A reviewer accepts a finding and sees it in the finding's history
    Given a workspace with sign-in where "rita" is a reviewer
    When the visitor opens Kent and Medway's page
    And "rita" signs in with her password
    And the reviewer opens finding FIN-RC-01 of Kent and Medway's submission 1
    Then the finding's review says "open" and its history is empty
    When the reviewer accepts the finding with the note "Costs fall by 20%, as planned"
    Then the finding's review says "accepted"
    And its history shows "rita" moving it from "open" to "accepted" with "note: Costs fall by 20%, as planned"
    And the page is saved as the screenshot "decision"
