@readiness
Feature: Case for change and readiness
  NHS England's merger procedure asks more of an application than lawful governance: a case
  that patients will benefit, no harm to the predecessors' performance while the merger is
  prepared, the support of the system and of NHS England's region, and a new CCG that can carry
  its statutory duties, its contracts and its own organisation code from the day it goes live.
  The benefit and performance criteria are quoted in published legal summaries of the procedure;
  the others are paraphrased from its application criteria, paragraph numbers not verified.

  Background:
    Given the proposal is a CCG merger

  @RDY-BEN-01 @must
  Scenario: The application shows how patients will benefit
    NHS England considers a merger only where it brings demonstrable benefits to patients.
    Medway's scrutiny committee found the Kent and Medway papers did not set out the impact of
    the change, and that improvement looked driven by savings rather than by patients.
    Source: PROC19; PROC16; KMHWB19 (the benefits for the population); MEDHASC20
    Remedy: Name, in the application, each benefit the merger brings to patients (for example
      consistent services across the area, or clinical leadership of pathway design) and how it
      will be delivered.
    Then the number of patient benefits named must be at least 1

  @RDY-PERF-01 @must
  Scenario: Preparing the merger does not harm the predecessors' performance
    NHS England's procedure asks that managing a merger is not detrimental to the performance of
    the individual CCGs while it is under way.
    Source: PROC19; PROC16
    Remedy: Say how each predecessor CCG keeps up its performance (finance, quality, access
      targets) while the merger is prepared, for example through named leads and monthly
      reporting to the governing bodies.
    Then the number of performance safeguards must be at least 1

  @RDY-SUP-01 @must
  Scenario: The system and NHS England's region support the merger
    The procedure asks applicants to show the support of their ICS or STP and of NHS England's
    regional team before NHS England decides (paraphrased; the paragraph is not verified).
    Source: PROC19
    Remedy: Record that the ICS or STP leadership and NHS England's regional team support the
      merger (letters of support, or the minutes that record it).
    Then the ICS or STP supports the merger must be true
    And the NHS England region supports the merger must be true

  @RDY-STAT-01 @must
  Scenario: The new CCG carries its statutory duties from its first day
    The duties of the predecessors pass to the new CCG on go-live and cannot lapse for a day:
    safeguarding children and adults, NHS continuing healthcare, and emergency preparedness,
    resilience and response (the procedure's wording is paraphrased; paragraph not verified).
    Source: PROC19
    Remedy: Put arrangements in place for safeguarding, continuing healthcare and emergency
      preparedness that run from the go-live date, and list each duty they cover.
    Then by the go-live date, the statutory duties ready from day one must include "safeguarding", "continuing_healthcare" and "emergency_preparedness"

  @RDY-CON-01 @should
  Scenario: The predecessors' contracts pass to the new CCG by go-live
    Contracts may pass by novation or under the transfer scheme (LEG-TRF-01); either way they
    must be the new CCG's by the day it goes live.
    Source: PROC19; PROC16
    Remedy: Novate or transfer every contract of the predecessor CCGs to the new CCG, and give the
      date this was done (no later than the go-live date).
    Then by the go-live date, the contract novation date must be on or before the go-live date

  @RDY-ODS-01 @should
  Scenario: The new CCG has its own organisation code by go-live
    A merged CCG is a new organisation with a new ODS code, which national systems, contracts and
    payments use from the go-live date.
    Source: PROC19
    Remedy: Obtain the new CCG's organisation (ODS) code and record it before go-live.
    Then by the go-live date, the new CCG's organisation code must be stated
