@system
Feature: System architecture

  Background:
    Given the proposal is a CCG merger

  @SYS-DEL-01 @must
  Scenario: No two-stage delegation
    Source: seed 001; ACT Sch 1A para 3(3); LRO14
    Remedy: Delegate only to members, the governing body, employees, committees or joint
      committees, and never pass on a function NHS England delegated to the CCG.
    Then every delegation must have its delegate type one of "members", "governing_body", "employee", "committee" or "joint_committee"
    And every delegation must have a re-delegated NHS England function false
