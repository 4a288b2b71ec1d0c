@legal
Feature: Legal
  The statutory route: who decides, what happens to legal directions, and how staff and
  property move to the new CCG.

  Background:
    Given the proposal is a CCG merger

  @LEG-DEC-01 @advisory
  Scenario: NHS England decides the application
    Kent's scrutiny minutes said the Secretary of State would approve; that is doubtful. The
    statutory section (s14G) is cited unverified, so this is advisory.
    Source: ACT s14G (unverified); REGS; KCCHOSC19
    Remedy: Address the application to NHS England, which decides mergers of CCGs.
    Then the decision body must be "NHS England"

  @LEG-DIR-01 @should
  Scenario: Legal directions on a predecessor come with an exit plan
    The statutory section on directions (s14Z21) is cited unverified; NHS England's Kent and
    Medway conditions (a review of the east Kent directions) carry the severity.
    Source: ACT s14Z21 (unverified); CASE (Kent and Medway)
    Remedy: Disclose any legal directions on a predecessor CCG and state the plan to lift them.
    Given any predecessor under legal directions is true
    Then every predecessor CCG under legal directions must have a directions exit plan stated

  @LEG-TRF-01 @should
  Scenario: A staff and property transfer scheme is ready by go-live
    Source: PROC16
    Remedy: Prepare the scheme transferring the predecessors' staff, property and liabilities,
      and give the date it was prepared (no later than go-live).
    Then by the go-live date, the transfer scheme date must be on or before the go-live date
