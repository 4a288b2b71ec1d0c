Feature: Checking a proposal at the command line
  A programme team points complychk at a proposal and reads a verdict per condition,
  with the proposal line and the policy source behind each one.

  Scenario: A merger whose member vote was not quorate has must-level failures
    Given the sample proposal "surrey-heartlands-2019.yaml"
    When I run "complychk check {proposal} --as-of 2019-09-30"
    Then the exit status is 1
    And the output has a "FAIL" line for a must condition
    And every failing finding cites evidence as file:line in the proposal
    And the last line summarises "1 proposal checked as of 2019-09-30"

  Scenario: Lowering the bar to advisory never makes a run pass that failed
    Given the sample proposal "kent-and-medway-2019-09.yaml"
    When I run "complychk check {proposal} --as-of 2019-09-30 --fail-on advisory"
    Then the exit status is 1

  Scenario: A malformed proposal gets one clear line and exit status 2
    Given a proposal file containing:
      """
      schema_version: 1
      id: broken
      kind: ccg_merger
      title: Broken
      go_live: 2020-04-01
      go_live: 2020-05-01
      predecessors: []
      """
    When I run "complychk check {proposal}"
    Then the exit status is 2
    And standard error is exactly one line starting with the file name and ":6:"
    And nothing is printed on standard output

  Scenario: The JSON report is machine-readable and says which pack was used
    Given the sample proposal "surrey-heartlands-2019.yaml"
    When I run "complychk check {proposal} --as-of 2019-09-30 --format json"
    Then the exit status is 1
    And the JSON report names the pack "ltp-2019" and gives an outcome for every condition

  Scenario: Listing the conditions of a pack
    When I run "complychk conditions --pack ltp-2019"
    Then the exit status is 0
    And every listed condition has an ID, a severity, a title and a source

  Scenario: A pre-commit run shows only the findings that block the commit
    Given the sample proposal "surrey-heartlands-2019.yaml"
    When I run "complychk check {proposal} --as-of 2019-09-30 --quiet"
    Then the exit status is 1
    And the output lists only the findings that fail the run, each at the proposal's file:line
    And the last line summarises "1 proposal checked as of 2019-09-30"

  Scenario: A team's settings file applies, and the command line wins over it
    Given the sample proposal "kent-and-medway-2019-09.yaml"
    And a repository whose .complychk.yaml says:
      """
      as-of: 2019-09-30
      fail-on: advisory
      """
    When I run "complychk check {proposal} --quiet"
    Then the exit status is 1
    And the last line summarises "1 proposal checked as of 2019-09-30"
    And the last line counts the findings failing "at or above advisory"
    When I run "complychk check {proposal} --quiet --fail-on must"
    Then the last line counts the findings failing "at or above must"
    When I run "complychk config --fail-on must"
    Then the output says "fail-on" is "must" from "command line"
    And the output says "as-of" is "2019-09-30" from ".complychk.yaml:1"
