@population
Feature: Population health and Long Term Plan priorities
  The merged CCG's plans must take on the Long Term Plan's priorities, tackle inequalities and
  build on each council's assessment of local needs.

  Background:
    Given the proposal is a CCG merger

  @POP-LTP-01 @should
  Scenario Outline: Plans cover every Long Term Plan priority
    Each priority is one check; the condition passes only when the plans cover all of them.
    Source: LTP chapter 2 (prevention and inequalities) and chapter 3 (care quality and outcomes); seed 001
    Remedy: Cover each Long Term Plan priority in the new CCG's plans and list it.
    Then the Long Term Plan priorities covered must include "<priority>"

    Examples:
      | priority                       |
      | prevention                     |
      | smoking                        |
      | obesity                        |
      | alcohol                        |
      | air pollution                  |
      | antimicrobial resistance       |
      | health inequalities            |
      | maternity                      |
      | children's mental health       |
      | learning disability and autism |
      | cancer                         |
      | cardiovascular disease         |
      | stroke                         |
      | diabetes                       |
      | respiratory disease            |
      | adult mental health            |

  @POP-INEQ-01 @must
  Scenario: A health inequalities plan names the deprived places
    Section 14T of the NHS Act (checked against its text) puts every CCG under a duty to have
    regard to reducing inequalities in access to services and in their outcomes; Medway's
    scrutiny asked which places the merged CCG would target.
    Source: ACT s14T; seed 004
    Remedy: Include a health inequalities plan and name the deprived places it targets.
    Then the health inequalities plan must be stated
    And the number of deprived places named must be at least 1

  @POP-JSNA-01 @should
  Scenario: Outcomes align with each council's joint strategic needs assessment
    Source: seed 004
    Remedy: Align the CCG's outcomes with the joint strategic needs assessment of every
      council's Health and Wellbeing Board, and list the councils.
    Then the councils whose JSNA the outcomes align with must include every item of the upper-tier councils

  @POP-EQIA-01 @must
  Scenario: An equality impact assessment is done before submission
    The public sector equality duty (s149) needs due regard before the decision, so the
    assessment is due with the application, at must, as for ICB changes (ICB-EN-03).
    Source: EQA s149
    Remedy: Complete an equality impact assessment of the merger before submitting, and give
      its date.
    Then the equality impact assessment date must be on or before the submission date
