// domain/case_step.hpp — where a case stands in the procedure (issue 16 item 4): the steps of the
// flow of §6 as the body works them (BRIEF "Initial certification, step by step" and "The
// certificate's life"), the step whose work is open now, and why a case ended. Derived from the
// folded state only, so every screen, list and export agrees on it.
#pragma once

#include <string>

#include "domain/case_model.hpp"
#include "domain/enum_table.hpp"

namespace certdesk {

// Steps are ordered; Life is everything after the certificate.
enum class Step {
  Application,  // §6.1 received, supplements (R17)
  Review,       // §6.2 acceptance review, person-days, approval and quote
  Contract,     // §6.3
  Preparation,  // §6.4.1 team, assignment, stage-1 plan
  Stage1,       // §6.4.2.1
  Stage2,       // §6.4.2.2 (remote only with cause, approval, agreement: R14)
  Findings,     // §6.4.4 nonconformities and observations
  Report,       // §6.4.3 report and its review
  Decision,     // §6.4.5 certificate data, §6.5 decision
  Certificate,  // §6.6 issue, register (R5), report delivery (R3)
  Life,         // §6.7–§6.10 surveillance, change, suspension…, recertification
  Ended         // rejected, withdrawn, failed, or certificate cancelled / revoked / expired
};
inline constexpr int kStepCount = 12;
// Ids are what the test hook and the stored view state carry ("review", "stage2"…).
CERTDESK_ENUM_TABLE(Step, {Step::Application, "application", "申请"}, {Step::Review, "review", "受理评审"},
    {Step::Contract, "contract", "合同"}, {Step::Preparation, "preparation", "审核准备"},
    {Step::Stage1, "stage1", "第一阶段审核"}, {Step::Stage2, "stage2", "第二阶段审核"},
    {Step::Findings, "findings", "不符合项"}, {Step::Report, "report", "审核报告"},
    {Step::Decision, "decision", "认证决定"}, {Step::Certificate, "certificate", "发证"},
    {Step::Life, "life", "证书维持"}, {Step::Ended, "ended", "已结束"})

// Where the case stands: the step whose work is open now.
Step current_step(const CaseState& s);
// Why a case ended ("不予受理"…), or "" while it is open.
std::string ended_reason_zh(const CaseState& s);

}  // namespace certdesk
