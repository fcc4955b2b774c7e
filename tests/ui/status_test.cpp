// Status that agrees with itself and times as people read them (issue 15 item 10): one
// description of where a case stands for every screen that lists cases, "closed" meaning the same
// everywhere (the domain's retention date), and timestamps shown as "2026-12-05 20:02".
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/support/case_script.hpp"
#include "ui/data/backup.hpp"
#include "ui/cases/case_board.hpp"
#include "ui/cases/cases.hpp"

using namespace certdesk;
using namespace certdesk::ui;

namespace {
WorkCalendar calendar() {
  std::ifstream in(std::string(CERTDESK_SOURCE_DIR) + "/domain/data/holidays-cn.json");
  std::stringstream buf;
  buf << in.rdbuf();
  auto cal = WorkCalendar::from_json(nlohmann::json::parse(buf.str(), nullptr, false));
  REQUIRE(cal.ok());
  return cal.value();
}
}  // namespace

TEST_CASE("a case with a valid certificate is listed by its step and status everywhere, and is not closed") {
  const WorkCalendar cal = calendar();
  int with_valid = 0;
  for (int i = 0; i < 41; ++i) {
    const std::string id = "C" + std::to_string(i);
    CaseRecord c;
    c.id = id;
    c.history = script::scripted_case(cal, i, id, 20 + static_cast<std::size_t>(i % 41));
    c.state = fold(c.history);
    const std::string text = case_status_text_zh(c.state);
    // The case list's step label first, then the certificate's status as the list shows it.
    CHECK(text.rfind(enum_label(current_step(c.state)), 0) == 0);
    CHECK(text.find("已关闭") == std::string::npos);
    if (c.state.status() == CertStatus::Valid) {
      ++with_valid;
      CHECK(text.find("｜证书有效") != std::string::npos);
      // The data panel's "closed" (R11 retention) is false while the certificate is in force.
      const RetentionStatus st = retention_status(c, Date{2026, 12, 5}, CaseRules{}, {});
      CHECK_FALSE(st.closed);
    }
  }
  CHECK(with_valid > 0);  // the scripted cases include issued certificates
  CHECK(std::string(enum_label(CyclePhase::Closed)) != "已关闭");
}

TEST_CASE("times as people read them") {
  CHECK(time_text_zh("2026-12-05T20:02:03+08:00") == "2026-12-05 20:02");
  CHECK(time_text_zh("2026-12-05T20:02") == "2026-12-05 20:02");
  CHECK(time_text_zh("2026-12-05") == "2026-12-05");
  CHECK(time_text_zh("") == "");
  CHECK(time_text_zh("昨天") == "昨天");
  CHECK(note_time_text_zh("厦门-申请-2026-12-05.json（2026-12-05T20:02）") == "厦门-申请-2026-12-05.json（2026-12-05 20:02）");
  CHECK(note_time_text_zh("没有时间的说明") == "没有时间的说明");
  CHECK(time_of_day("2026-12-05T20:02:03+08:00") == "20:02:03");
  CHECK(time_of_day("2026-12-05") == "");
  CHECK(time_of_day("2026-12-05T2x:02:03+08:00") == "");  // never a malformed time into the record
  CHECK(time_of_day("2026-12-05T24:02:03+08:00") == "");
}
