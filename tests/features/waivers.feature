Feature: Waiving a failure
  A programme board can accept a failure for a time: an approved waiver, with a reference and an
  expiry date, turns that failure into "waived" in every report. A waiver that cannot apply is
  never silent: it is listed under Notes with its line in the waiver file.

  Background:
    Given a pack directory holding the test pack
    And the test proposal "proposal.yaml" with planned running costs of 9000000

  Scenario: An approved waiver turns the failure into a waived finding
    Given the file "waivers.yaml":
      """
      waivers:
        - condition: T-RC-01
          proposal: mini-case
          justification: Running costs fall in two steps; the second lands in 2021/22.
          requested_by: Director of Strategy
          approved_by: Director of Finance
          reference: CHG-1042
          expires: 2020-06-30
      """
    When I run "complychk check proposal.yaml --pack-dir . --as-of 2019-10-01 --waivers waivers.yaml"
    Then the exit status is 0
    And the output contains:
      """
        WAIVED        must      T-RC-01  Running costs cut by a fifth
            planned running costs are 90% of the baseline running costs; at most 80% of the baseline running costs required
      """
    And the output contains:
      """
            waived: Running costs fall in two steps; the second lands in 2021/22. (CHG-1042, requested by Director of Strategy, approved by Director of Finance, expires 2020-06-30)
      """
    And the output contains:
      """
      mini-case: 6 pass, 0 fail, 0 pending, 0 insufficient evidence, 1 not applicable, 1 waived
      """

  Scenario: Expired and self-approved waivers waive nothing and are reported
    Given the file "waivers.yaml":
      """
      waivers:
        - condition: T-RC-01
          proposal: mini-case
          justification: Running costs fall in two steps.
          requested_by: Director of Strategy
          approved_by: Director of Finance
          reference: CHG-1042
          expires: 2019-09-30
        - condition: T-RE-01
          proposal: mini-case
          justification: The plan is in a separate paper.
          requested_by: Director of Strategy
          approved_by: Director of Strategy
          reference: CHG-1043
          expires: 2020-06-30
      """
    When I run "complychk check proposal.yaml --pack-dir . --as-of 2019-10-01 --waivers waivers.yaml"
    Then the exit status is 1
    And the output contains:
      """
        FAIL          must      T-RC-01  Running costs cut by a fifth
      """
    And the output contains:
      """
      Notes
        waivers.yaml:2:5: waiver for T-RC-01 on mini-case expired on 2019-09-30, before the assessment date 2019-10-01, so it waives nothing
        waivers.yaml:9:5: waiver for T-RE-01 on mini-case is approved by its own requester (Director of Strategy); someone else must approve it, so it waives nothing
      """

  Scenario: A waiver that matches no failure is reported
    Given the file "waivers.yaml":
      """
      waivers:
        - condition: T-RE-01
          proposal: mini-case
          justification: The plan is in a separate paper.
          requested_by: Director of Strategy
          approved_by: Director of Finance
          reference: CHG-1043
          expires: 2020-06-30
      """
    When I run "complychk check proposal.yaml --pack-dir . --as-of 2019-10-01 --waivers waivers.yaml"
    Then the exit status is 1
    And the output contains:
      """
      Notes
        waivers.yaml:2:5: waiver for T-RE-01 on mini-case matches no failure: the condition's outcome is pass; remove the waiver if it is no longer needed
      """

  Scenario: Linting a waiver file on its own
    Given the file "waivers.yaml":
      """
      waivers:
        - condition: T-RC-01
          proposal: mini-case
          justification: Running costs fall in two steps.
          requested_by: Director of Strategy
          reference: CHG-1042
          expires: 2020-06-30
        - condition: T-XX-01
          proposal: mini-case
          justification: Not a real condition.
          requested_by: Director of Strategy
          approved_by: Chief Executive
          reference: CHG-1044
          expires: 30 June 2020
      """
    When I run "complychk waivers lint waivers.yaml --pack-dir . --as-of 2019-10-01"
    Then the exit status is 1
    And the output is:
      """
      waivers.yaml:2:5: waiver for T-RC-01 on mini-case has no approved_by, so it waives nothing
      waivers.yaml:14:5: waivers.1.expires: expected a date written as YYYY-MM-DD
      """

  Scenario: A malformed waiver file stops the check with one located line
    Given the file "waivers.yaml":
      """
      waivers:
        - condition: T-RC-01
          proposal: mini-case
          justification: Running costs fall in two steps.
          requested_by: Director of Strategy
          approved_by: Director of Finance
          expiry: 2020-06-30
      """
    When I run "complychk check proposal.yaml --pack-dir . --waivers waivers.yaml"
    Then the exit status is 2
    And standard error says "waivers.yaml:2:5: waivers.0.reference: this required field is missing (see docs/review.md for the waiver file; 2 more after this one)"
