Feature: Reviewing applications in the workspace
  A reviewer opens the workspace in a browser, reads an application's verdicts failures
  first, follows a finding to the proposal line it is about, edits the proposal and watches the
  verdict change, saves it, and compares two submissions.

  Background:
    Given the demo workspace is open in the browser

  Scenario: The demo lists every sample application
    Then the home page lists "Kent and Medway single CCG (at go-live)" with 2 submissions
    And the page is saved as the screenshot "home"

  Scenario: Kent and Medway's failures come first
    When the reviewer opens Kent and Medway
    And opens submission 1
    Then the first section of findings is "Failures"
    And every failure is listed before any other finding
    And the page is saved as the screenshot "submission"

  Scenario: A finding shows its proposal line highlighted
    When the reviewer opens finding FIN-RC-01 of Kent and Medway's submission 1
    Then the highlighted proposal lines include "planned_running_costs_gbp: 40000000"
    And the page is saved as the screenshot "finding"

  Scenario: Changing a value changes the verdict as the reviewer types, and saving keeps it
    When the reviewer edits Kent and Medway's submission 1
    And changes "planned_running_costs_gbp: 40000000" to "planned_running_costs_gbp: 60000000"
    Then FIN-RC-01 shows as FAIL before anything is saved
    And the page is saved as the screenshot "edit"
    When the reviewer clicks FIN-RC-01 among the live verdicts
    Then the editor selects its first evidence line, "baseline_running_costs_gbp: 50000000"
    When the reviewer saves
    Then a new submission of Kent and Medway opens with FIN-RC-01 among its failures

  Scenario: Text that cannot be read is marked at its line
    When the reviewer edits Kent and Medway's submission 1
    And changes "kind: ccg_merger" to "kind: [ccg_merger"
    Then the editor marks a line at or after "kind: [ccg_merger" with the error

  Scenario: Comparing the two Kent and Medway submissions
    When the reviewer compares Kent and Medway's submissions 1 and 2
    Then the outcomes that changed are listed with the fields and lines that changed
    And the page is saved as the screenshot "compare"

  Scenario: A script in a proposal stays inert
    When a proposal whose title is a script is uploaded
    And the reviewer opens its submission
    Then its title shows as text and no injected script ran
    When the reviewer opens its editor
    Then the editor holds the script as text and no injected script ran
