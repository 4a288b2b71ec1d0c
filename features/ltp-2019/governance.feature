@governance
Feature: Governance and leadership
  The merged CCG needs its statutory officers and a lawfully composed governing body from the
  day it goes live. A draft written before go-live may not know them yet: those checks are
  pending until the go-live date, and insufficient evidence after it if still not stated.

  Background:
    Given the proposal is a CCG merger

  @GOV-AO-01 @must
  Scenario: One Accountable Officer is approved and in post by go-live
    The NHS Act gives each CCG one accountable officer (Schedule 1A para 12), which NHS
    England looks for when it grants an application (s14B(3)(b)): a shared or joint post
    does not meet it, so the governing body lists exactly one.
    Source: ACT s14B(3)(b) and Schedule 1A para 12; REGS reg 11(2); HSJCOND; seed 004 (an NHS England condition for Kent and Medway)
    Remedy: Record when NHS England approved the new CCG's Accountable Officer and when the
      post holder starts, both on or before the go-live date, and list exactly one Accountable
      Officer seat on the governing body.
    Then by the go-live date, the Accountable Officer's NHS England approval date must be on or before the go-live date
    And by the go-live date, the Accountable Officer's start date must be on or before the go-live date
    And by the go-live date, the number of Accountable Officers must be exactly 1

  @GOV-CFO-01 @must
  Scenario: A qualified Chief Finance Officer employed by the CCG sits on the governing body
    The new CCG cannot employ anyone before it exists, so employment by the CCG is due by
    go-live, not with the application. The governing body seat is read from the governing
    body list as well as from the officer's own flag, so the two cannot disagree unnoticed.
    Source: REGS reg 11(3)(a) and 11(5); seed 004 (an NHS England condition for Kent and Medway)
    Remedy: Appoint a Chief Finance Officer, starting no later than go-live, who is a CCG
      employee with a recognised accountancy qualification and holds a governing body seat
      (listed on the governing body with the chief_finance_officer role).
    Then by the go-live date, the Chief Finance Officer's start date must be on or before the go-live date
    And by the go-live date, the Chief Finance Officer is a CCG employee must be true
    And by the go-live date, the Chief Finance Officer is qualified in accountancy must be true
    And by the go-live date, the Chief Finance Officer is on the governing body must be true
    And by the go-live date, the number of Chief Finance Officer seats on the governing body must be exactly 1

  @GOV-GB-01 @must
  Scenario: The governing body has at least six members, a chair and a deputy chair
    Source: REGS reg 11(1)
    Remedy: List every governing body seat; there must be at least six, one of them the chair
      and at least one the deputy chair.
    Then by the go-live date, the number of governing body members must be at least 6
    And by the go-live date, the number of chairs must be exactly 1
    And by the go-live date, the number of deputy chairs must be at least 1

  @GOV-GB-02 @must
  Scenario: A registered nurse sits on the governing body, independent of local providers
    Source: REGS reg 11(3)(b) and 12(1)
    Remedy: Give the governing body a registered nurse seat, held by someone not employed by
      any provider the CCG commissions services from.
    Then by the go-live date, the number of registered nurses must be at least 1
    And by the go-live date, every registered nurse member must have employer category not one of "commissioned_provider"

  @GOV-GB-03 @must
  Scenario: A qualified secondary care specialist from outside the local providers sits on the governing body
    Source: REGS reg 11(3)(c) and 11(6)
    Remedy: Give the governing body a secondary care doctor seat held by someone on the GMC
      specialist register, an NHS consultant within the last ten years, not on the GP register
      and not employed by a provider the CCG commissions from.
    Then by the go-live date, the number of secondary care doctors must be at least 1
    And by the go-live date, every secondary care doctor member must be on the specialist register
    And by the go-live date, every secondary care doctor member must have been an NHS consultant within the last 10 years
    And by the go-live date, every secondary care doctor member must not be on the GP register
    And by the go-live date, every secondary care doctor member must have employer category not one of "commissioned_provider"

  @GOV-GB-04 @must
  Scenario: Separate lay members lead on audit and on patient and public involvement
    Source: REGS reg 11(3)(d)-(e), 12(3)-(4)
    Remedy: Give one lay member the audit and finance lead and another the patient and public
      involvement lead; neither may hold both, and a lay chair may not be the audit lay member.
    Then by the go-live date, the number of audit lay members must be at least 1
    And by the go-live date, the number of patient involvement lay members must be at least 1
    And by the go-live date, the number of members holding both lay roles must be exactly 0
    And by the go-live date, the number of chairs who are also the audit lay member must be exactly 0

  @GOV-GB-05 @must
  Scenario: No lay member comes from an excluded organisation
    Source: REGS Schedule 4
    Remedy: Record each lay member's employer category; none may work for a council, an NHS
      trust (staff or governor), the Care Quality Commission or a provider to the CCG.
    Then by the go-live date, every lay member must have employer category not one of "council", "nhs_trust", "cqc" or "commissioned_provider"

  @GOV-GB-06 @should
  Scenario: At least three lay members sit on the governing body
    Source: COI (comply or explain)
    Remedy: Appoint a third lay member, or explain why two are enough.
    Then by the go-live date, the number of lay members must be at least 3

  @GOV-GB-07 @must
  Scenario: Council representatives on the governing body do not vote
    The rule is known from council minutes reporting the 2012 Act, not from the Act's text.
    Source: HSCA 2012 (via council minutes)
    Remedy: Make every local authority representative seat a non-voting one.
    Then by the go-live date, every local authority representative must not have a vote

  @GOV-COI-01 @should
  Scenario: Conflicts of interest are guarded, published and audited
    Source: COI (comply or explain)
    Remedy: Make the audit committee chair the conflicts of interest guardian, publish the
      registers of interests and of gifts and hospitality, and audit conflicts every year.
    Then by the go-live date, the audit chair is the conflicts of interest guardian must be true
    And by the go-live date, the register of interests is published must be true
    And by the go-live date, the gifts and hospitality register is published must be true
    And by the go-live date, conflicts of interest are audited every year must be true

  @GOV-COM-01 @must
  Scenario: Audit and remuneration committees are each chaired by a lay member
    Section 14M of the NHS Act requires a CCG's governing body to have an audit committee and
    a remuneration committee (checked against the Act's text); the lay chairs follow the lay
    audit lead of the CCG Regulations and NHS England's statutory guidance on conflicts of
    interest. The audit committee itself is also required by FIN-CTRL-01.
    Source: ACT s14M; REGS reg 11(3)(d); COI
    Remedy: Set up an audit committee and a remuneration committee, each with a lay chair.
    Then by the go-live date, the number of audit committees chaired by a lay member must be at least 1
    And by the go-live date, the number of remuneration committees chaired by a lay member must be at least 1

  @GOV-COM-02 @should
  Scenario: Delegated primary care commissioning has a lay-led committee with a lay and executive majority
    Source: COI
    Remedy: Where NHS England delegates primary care commissioning, set up a primary care
      commissioning committee with a lay chair and more lay and executive members than others.
    Given primary care commissioning is delegated is true
    Then by the go-live date, the number of primary care commissioning committees must be at least 1
    And by the go-live date, every primary care commissioning committee must have a lay chair
    And by the go-live date, every primary care commissioning committee must have more lay and executive members than other members

  @GOV-MGT-01 @should
  Scenario: One management team serves all the predecessor CCGs by go-live
    A local expectation from Coventry and Warwickshire's planning.
    Source: COVSB19
    Remedy: Give the date from which a single management team serves every predecessor CCG;
      it must be no later than go-live.
    Then by the go-live date, the single management team date must be on or before the go-live date

  @GOV-NAME-01 @must
  Scenario: The new CCG's name follows the statutory form and names a place
    Source: REGS regs 3-6
    Remedy: Name the CCG "NHS <place> Clinical Commissioning Group" (or "... CCG").
    Then the new CCG name must match the pattern "NHS \S.* (Clinical Commissioning Group|CCG)"
