@timeline
Feature: Timeline

  Background:
    Given the proposal is a CCG merger

  @TIM-COND-01 @must
  Scenario: NHS England's approval conditions are met before go-live
    Source: HSJCOND
    Remedy: Record the date each approval condition was met; each must be met before go-live.
      A condition not yet met while go-live is still ahead is reported as pending.
    Then every approval condition must have its met date before the go-live date

  @TIM-ICS-01 @should
  Scenario: The system becomes an Integrated Care System by April 2021
    Source: LTP; seeds 002 and 003
    Remedy: Plan ICS designation for no later than 1 April 2021 and say so.
    Then the ICS target date must be on or before 2021-04-01
