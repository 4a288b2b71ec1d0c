Feature: Linting a policy pack
  A policy author runs complychk lint and sees every problem in the pack at once, each as
  FILE:LINE:COL with what is wrong, sorted, so an editor or CI log can jump to it.

  Background:
    Given a pack directory holding the test pack

  Scenario: A clean pack passes quietly
    When I run "complychk lint --pack-dir ."
    Then the exit status is 0
    And the output is empty
    And standard error says "no problems in 1 pack"

  Scenario: Every problem in a file is reported, not only the first
    Given the file "features/mini/draft.feature":
      """
      Feature: Draft conditions
        Given the proposal is a CCG merger

        @T-AO-01 @must
        Scenario: Reinvestment is described
          Source: LTP; REGZ reg 3
          Remedy: Describe it.
          When the plan is written
          Then the reinvestment plans must be stated

        @T-DR-02
        Scenario: Costs are cut
          Source: LTP
          Then the planned running costs must be at most the baseline running costs
      """
    When I run "complychk lint --pack-dir ."
    Then the exit status is 1
    And the output is:
      """
      features/mini/core.feature:7:3: duplicate condition ID T-AO-01 (also at features/mini/draft.feature:4) (give each scenario its own catalogue ID) [duplicate-id]
      features/mini/draft.feature:2:3: 'Given the proposal is a CCG merger' is not a step: Gherkin reads it as description text because no Scenario or Background comes before it [stray-step]
      features/mini/draft.feature:4:3: duplicate condition ID T-AO-01 (also at features/mini/core.feature:7) (give each scenario its own catalogue ID) [duplicate-id]
      features/mini/draft.feature:6:18: condition T-AO-01 cites 'REGZ', which is not a source key in the pack manifest (did you mean 'REGS'?) [unknown-source]
      features/mini/draft.feature:8:5: 'When' steps are not used in conditions: 'the plan is written' (use Given for when a condition applies and Then for what must be true) [when-step]
      features/mini/draft.feature:9:10: unknown term 'the reinvestment plans' (did you mean 'the reinvestment plan'?) [unknown-term]
      features/mini/draft.feature:12:3: condition T-DR-02 has no 'Remedy:' line in its description (write 'Remedy: <what would make it pass>' under the title) [missing-remedy]
      features/mini/draft.feature:12:3: condition T-DR-02 has no severity tag (tag it with exactly one of @must, @should or @advisory) [severity]
      """
    And standard error says "8 problems"

  Scenario: Linting one feature file reports only that file
    Given the file "features/mini/extra.feature":
      """
      Feature: Extra
        Background:
          Given the proposal is a CCG merger

        @T-EX-01 @advisory
        Scenario Outline: Each <thing> is stated
          Source: REGS
          Remedy: State it.
          Then the <term> must be stated

          Examples:
            | thing     | spare |
            | go-live   | x     |
      """
    When I run "complychk lint features/mini/extra.feature"
    Then the exit status is 1
    And the output is:
      """
      features/mini/extra.feature:9:10: unknown term 'the <term>' (define it under terms: in the pack manifest) [unknown-term]
      features/mini/extra.feature:9:14: <term> has no column in the Examples table at line 11 [unknown-placeholder]
      features/mini/extra.feature:12:21: Examples column 'spare' is not used by any <spare> in the outline [unused-column]
      """

  Scenario: An unknown step names the nearest known phrases
    Given the file "features/mini/draft.feature":
      """
      Feature: Draft
        @T-DR-01 @must
        Scenario: Costs are cut
          Source: LTP
          Remedy: Cut them.
          Then the planned running costs must be lower than the baseline running costs
      """
    When I run "complychk lint features/mini/draft.feature"
    Then the exit status is 1
    And the output contains:
      """
      features/mini/draft.feature:6:10: unknown step Then 'the planned running costs must be lower than the baseline running costs' (nearest known phrases: '
      """

  Scenario: A glossary term no condition uses
    Given the file "rules/mini.yaml":
      """
      name: mini
      version: "0.1"
      title: Test pack
      period_from: "2019-01-01"
      kinds: [ccg_merger]
      sources:
        - {key: LTP, title: The NHS Long Term Plan}
      terms:
        the reinvestment plan: {path: finance.reinvestment, unit: text}
        the go-live date: {path: go_live, unit: date}
      """
    And the file "features/mini/core.feature":
      """
      Feature: Core
        @T-RE-01 @advisory
        Scenario: Reinvestment stated
          Source: LTP
          Remedy: Say how savings are reinvested.
          Then the reinvestment plan must be stated
      """
    When I run "complychk lint rules/mini.yaml"
    Then the exit status is 1
    And the output is:
      """
      rules/mini.yaml:10:3: glossary term 'the go-live date' is defined but no condition uses it [unused-term]
      """

  Scenario: A path that does not exist
    When I run "complychk lint features/nope.feature"
    Then the exit status is 2
    And standard error says "features/nope.feature: no such file or directory"
