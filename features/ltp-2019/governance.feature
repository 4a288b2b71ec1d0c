@governance
Feature: Governance and leadership
  The merged CCG needs the statutory officers and a lawfully composed governing body
  from the day it goes live.

  Background:
    Given the proposal is a CCG merger

  @GOV-AO-01 @must
  Scenario: One Accountable Officer is in post or approved by go-live
    Source: REGS reg 11(2); HSJCOND; seed 004 (an NHS England condition for Kent and Medway)
    Remedy: Name the Accountable Officer for the new CCG, record NHS England's approval, and
      give a start date no later than the go-live date.
    Then the Accountable Officer must be stated
    And the Accountable Officer is approved by NHS England must be true
    And the Accountable Officer's start date must be on or before the go-live date

  @GOV-CFO-01 @must
  Scenario: A qualified Chief Finance Officer employed by the CCG sits on the governing body
    Source: REGS reg 11(3)(a) and 11(5); seed 004
    Remedy: Appoint a Chief Finance Officer who is a CCG employee with a recognised accountancy
      qualification, and make the post a governing body seat.
    Then the Chief Finance Officer must be stated
    And the Chief Finance Officer is a CCG employee must be true
    And the Chief Finance Officer is qualified in accountancy must be true
    And the Chief Finance Officer is on the governing body must be true
