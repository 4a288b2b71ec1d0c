@timeline
Feature: Timeline
  Applications go in by 30 September for a 1 April start, after every member vote, and NHS
  England's conditions must be met before the new CCG goes live.

  Background:
    Given the proposal is a CCG merger

  @TIM-GOLIVE-01 @must
  Scenario: The new CCG goes live on 1 April
    Source: PROC19; CASE
    Remedy: Set the go-live date to 1 April.
    Then the go-live date must fall on 1 April

  @TIM-APP-01 @must
  Scenario: The application goes in by 30 September of the year before go-live
    Source: OPG20
    Remedy: Submit the application to NHS England no later than 30 September before the
      1 April go-live, and record the date.
    Then the submission date must be on or before 30 September of the year before the go-live date

  @TIM-VOTE-01 @must
  Scenario: Every member vote has closed before the application is submitted
    Source: PROC19
    Remedy: Close the member vote in every predecessor CCG before submitting, and record each
      vote's closing date.
    Then the latest vote close date must be before the submission date

  @TIM-COND-01 @must
  Scenario: NHS England's approval conditions are met before go-live
    Source: HSJCOND
    Remedy: Record the date each approval condition was met; each must be met before go-live.
      A condition not yet met while go-live is still ahead is reported as pending.
    Then by the go-live date, every approval condition must have its met date before the go-live date

  @TIM-ICS-01 @should
  Scenario: The system becomes an Integrated Care System by April 2021
    The planned designation date belongs in the application: one that gives none is
    insufficient evidence, not pending until April 2021.
    Source: LTP; seed 002 and 003
    Remedy: Plan ICS designation for no later than 1 April 2021 and give the date in the
      application.
    Then the ICS target date must be on or before 2021-04-01

  @TIM-ENG-01 @should
  Scenario: Engagement closes before the member vote opens
    So that members vote knowing what stakeholders said; a local practice.
    Source: COVSB19
    Remedy: Finish engagement on the merger before the first member vote opens, and record
      both dates.
    Then the engagement close date must be on or before the earliest vote open date

  @TIM-NHSE-01 @must
  Scenario: NHS England approves the merger before go-live
    NHS England decides every merger application, often with conditions (its conditional
    approval of Kent and Medway was announced on 21 October 2019); without its approval the new
    CCG cannot be established.
    Source: PROC19; HSJCOND; MEDHASC20
    Remedy: Record the date NHS England approved the merger (with or without conditions); it
      must fall before the go-live date.
    Then by the go-live date, the NHS England approval date of the merger must be before the go-live date
