Feature: Signing in to a shared workspace
  On a shared server every page needs sign-in. A reviewer who opens the workspace is asked to
  sign in first, then works as in the local workspace, and signs out at the end.

  Scenario: A reviewer signs in, edits a proposal, saves it and signs out
    Given a workspace with sign-in where "rita" is a reviewer
    When the visitor opens Kent and Medway's page
    Then the sign-in page is shown
    When "rita" signs in with her password
    Then Kent and Medway's page is shown, signed in as "rita"
    When the reviewer edits Kent and Medway's submission 1
    And changes "planned_running_costs_gbp: 40000000" to "planned_running_costs_gbp: 60000000"
    Then FIN-RC-01 shows as FAIL before anything is saved
    When the reviewer saves
    Then a new submission of Kent and Medway opens with FIN-RC-01 among its failures
    When the reviewer signs out
    Then the sign-in page is shown
    And the page is saved as the screenshot "signin"
