// ui/cases/cases.cpp — the body's cases in the store, and importing application packages into them.
#include "ui/cases/cases.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "domain/case_json.hpp"
#include "domain/json_read.hpp"

namespace certdesk::ui {

std::string case_file(const std::string& id) { return "cases/" + id + ".json"; }
std::string case_attachment_file(const std::string& case_id, const std::string& attachment_id) {
  return "cases/" + case_id + "/att/" + attachment_id;
}

Actor actor_from_profile(const Profile& p) {
  Actor a;
  a.user_id = p.name.empty() ? "本机用户" : p.name;
  a.name = a.user_id;
  for (const RoleInfo& r : known_roles())
    if (r.role && std::find(p.roles.begin(), p.roles.end(), r.id) != p.roles.end()) a.roles.push_back(*r.role);
  return a;
}

std::string time_text_zh(std::string_view iso) {
  const auto digits = [&iso](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return false;
    return true;
  };
  const bool date = digits(0, 4) && iso.size() >= 10 && iso[4] == '-' && digits(5, 2) && iso[7] == '-' && digits(8, 2);
  if (!date) return std::string(iso);
  if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ') && digits(11, 2) && iso[13] == ':' && digits(14, 2))
    return std::string(iso.substr(0, 10)) + " " + std::string(iso.substr(11, 5));
  return std::string(iso.substr(0, 10));
}

std::string note_time_text_zh(const std::string& note) {
  static constexpr std::string_view kOpen = "（", kClose = "）";
  const std::size_t open = note.rfind(kOpen);
  if (open == std::string::npos || note.size() < kClose.size() ||
      note.compare(note.size() - kClose.size(), kClose.size(), kClose) != 0 || open + kOpen.size() > note.size() - kClose.size())
    return note;
  const std::size_t from = open + kOpen.size();
  return note.substr(0, from) + time_text_zh(std::string_view(note).substr(from, note.size() - kClose.size() - from)) +
         std::string(kClose);
}

std::string time_of_day(std::string_view iso) {
  // Only a well-formed time reaches the record: the history's reader refuses any other.
  if (iso.size() < 19 || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':') return "";
  for (std::size_t i : {11, 12, 14, 15, 17, 18})
    if (iso[i] < '0' || iso[i] > '9') return "";
  const auto two = [&iso](std::size_t i) { return (iso[i] - '0') * 10 + (iso[i + 1] - '0'); };
  if (two(11) > 23 || two(14) > 59 || two(17) > 59) return "";
  return std::string(iso.substr(11, 8));
}

namespace {
// A case's files pending in the store: its own file or anything under cases/<id>/ (attachments).
bool files_pending(const StoreIo& io, const std::string& id) {
  return io.is_pending(case_file(id)) || io.is_pending("cases/" + id + "/");
}
}  // namespace

bool Workspace::contains(const std::string& id) const {
  return std::any_of(cases_.begin(), cases_.end(), [&](const CaseRecord& c) { return c.id == id; });
}

bool Workspace::pending(const std::string& id) const {
  return std::any_of(cases_.begin(), cases_.end(), [&](const CaseRecord& c) { return c.id == id && c.pending; });
}

Result<const CaseRecord*> Workspace::get(const std::string& id) const {
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (cases_[i].id != id) continue;
    if (cases_[i].pending)
      return RuleViolation{"CASE-LOADING", "正在载入案件数据…（案件 " + id + " 的记录尚未从浏览器存储中载入），请稍候", "case_id"};
    if (const CaseRecord* c = loaded(i)) return c;
    return input_error(case_file(id), cases_[i].problem.empty() ? std::string("案件文件无法读取")
                                                                : "案件文件无法读取（" + cases_[i].problem + "）");
  }
  return input_error("case_id", "没有编号为“" + id + "”的案件");
}

std::size_t Workspace::files_arrived() {
  if (pending_ == 0 || !io_) return pending_;
  bool changed = false;
  for (CaseRecord& c : cases_)
    if (c.pending && !files_pending(*io_, c.id)) {
      c.pending = false;  // still unread: read when needed or a slice per frame (a summary is checked then)
      --pending_;
      changed = true;
    }
  if (changed) ++loads_;  // the board takes rows of cases without a summary from their histories now
  return pending_;
}

const CaseRecord* Workspace::find(const std::string& id) const {
  for (std::size_t i = 0; i < cases_.size(); ++i)
    if (cases_[i].id == id) return loaded(i);
  return nullptr;
}

const std::vector<CaseRecord>& Workspace::cases() const {
  for (std::size_t i = 0; unread_ > 0 && i < cases_.size(); ++i) (void)loaded(i);
  return cases_;
}

const CaseRecord* Workspace::loaded(std::size_t i) const {
  if (i >= cases_.size() || cases_[i].pending) return nullptr;
  if (!cases_[i].loaded && !read_case(i)) return nullptr;
  return &cases_[i];
}

std::size_t Workspace::read_some(double budget_ms) const {
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; unread_ > 0 && i < cases_.size(); ++i) {
    if (cases_[i].loaded || cases_[i].unreadable || cases_[i].pending) continue;
    (void)read_case(i);
    if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() >= budget_ms) break;
  }
  return unread_;
}

const CaseSummary* Workspace::stored_summary(std::size_t i) const {
  if (i >= summaries_.size() || !summaries_[i] || summaries_[i]->file_hash != cases_[i].file_hash) return nullptr;
  return &*summaries_[i];
}

void Workspace::store_summary(CaseSummary s, const StoreIo* io) {
  for (std::size_t i = 0; i < cases_.size(); ++i)
    if (cases_[i].id == s.id) {
      if (io) io->write(summary_file(s.id), summary_to_json(s).dump());
      summaries_[i] = std::move(s);
      return;
    }
}

namespace {
bool safe_case_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || id.front() == '.') return false;
  for (unsigned char ch : id)
    if (!(std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.')) return false;
  return true;
}
}  // namespace

Result<std::vector<CaseIndexEntry>> case_index_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  CERTDESK_TRY_READ(json_read::require_object(j.value(), ""));
  const nlohmann::json* list = nullptr;
  CERTDESK_TRY_READ(json_read::read_array(j.value(), "cases", "", list));
  std::vector<CaseIndexEntry> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& e = (*list)[i];
    const std::string at = json_read::path("cases", i);
    CERTDESK_TRY_READ(json_read::require_object(e, at));
    CaseIndexEntry c;
    CERTDESK_TRY_READ(json_read::read_string(e, "id", at, c.id));
    if (!safe_case_id(c.id)) return input_error(json_read::path(at, "id"), "案件编号“" + c.id + "”含不允许的字符");
    CERTDESK_TRY_READ(json_read::read_string(e, "package_id", at, c.package_id, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "digest", at, c.digest, false, false));
    CERTDESK_TRY_READ(json_read::read_string(e, "organisation", at, c.organisation, false, false));
    for (const CaseIndexEntry& seen : out)
      if (seen.id == c.id) return input_error(json_read::path(at, "id"), "案件编号“" + c.id + "”出现两次");
    out.push_back(std::move(c));
  }
  return out;
}

Result<CaseFileContent> case_file_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  CERTDESK_TRY_READ(json_read::require_object(j.value(), ""));
  const auto h = j.value().find("history");
  if (h == j.value().end()) return input_error("history", "缺少字段");
  auto history = history_from_json(*h);
  if (!history) return json_read::in_file("history", history.error());
  CaseFileContent out;
  out.history = std::move(history.value());
  const nlohmann::json* list = nullptr;
  CERTDESK_TRY_READ(json_read::read_array(j.value(), "attachments", "", list, false));
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const nlohmann::json& a = (*list)[i];
    const std::string at = json_read::path("attachments", i);
    CERTDESK_TRY_READ(json_read::require_object(a, at));
    package::AttachmentMeta m;
    CERTDESK_TRY_READ(json_read::read_string(a, "id", at, m.id));
    CERTDESK_TRY_READ(json_read::read_string(a, "name", at, m.name, false, false));
    CERTDESK_TRY_READ(json_read::read_string(a, "media_type", at, m.media_type, false, false));
    CERTDESK_TRY_READ(json_read::read_string(a, "sha256", at, m.sha256, false, false));
    if (const auto size = a.find("size"); size != a.end()) {
      if (!size->is_number_unsigned()) return input_error(json_read::path(at, "size"), "应为非负整数");
      m.size = size->get<std::uint64_t>();
    }
    out.attachments.push_back(std::move(m));
  }
  return out;
}

// Reads a case file's history, state and attachments into `c`.
Result<void> Workspace::read_history(CaseRecord& c, const std::string& text) const {
  const std::string file = case_file(c.id);
  auto content = case_file_from_text(text);
  if (!content) return json_read::in_file(file, content.error());
  c.history = std::move(content.value().history);
  c.state = fold(c.history);
  c.attachments = std::move(content.value().attachments);
  c.file_hash = content_hash(text);
  c.loaded = true;
  c.problem.clear();
  return ok_void();
}

// A history not read at load: its file was checked then (a summary made from it exists, so it
// was read whole before); one changed since is read as it is now.
bool Workspace::read_case(std::size_t i) const {
  CaseRecord& c = cases_[i];
  if (c.unreadable || c.pending) return false;  // a pending file is not absent: never read as such
  std::optional<std::string> text = io_ ? io_->read(case_file(c.id)) : std::nullopt;
  Result<void> r = text ? read_history(c, *text) : Result<void>(input_error(case_file(c.id), "案件文件缺失"));
  if (!r) {
    // Gone or damaged since the start: not tried again; the app sets a damaged file aside (issue 17).
    c.unreadable = true;
    c.problem = r.error().message_zh;  // "cases/<id>.json.history[3].type: …"
    ++problems_;
  }
  --unread_;
  ++loads_;
  return r.ok();
}

Result<void> Workspace::load(const StoreIo& io) {
  std::optional<std::string> index_text = io.read(kCaseIndexFile);
  std::vector<CaseRecord> records;
  std::vector<std::optional<CaseSummary>> summaries;
  std::size_t unread = 0, pending = 0, problems = 0;
  if (index_text) {
    auto index = case_index_from_text(*index_text);
    if (!index) return json_read::in_file(kCaseIndexFile, index.error());
    for (CaseIndexEntry& e : index.value()) {
      CaseRecord c;
      c.id = std::move(e.id);
      c.package_id = std::move(e.package_id);
      c.digest = std::move(e.digest);
      c.organisation = std::move(e.organisation);
      const std::string file = case_file(c.id);
      if (files_pending(io, c.id)) {
        // Not in the file system yet: its summary as stored (made in the same IndexedDB
        // transaction as the file it names, and checked against it once the file is read).
        std::optional<CaseSummary> summary;
        if (std::optional<std::string> s = io.read(summary_file(c.id))) summary = summary_from_json(*s);
        if (summary && summary->id == c.id) c.file_hash = summary->file_hash;
        else summary.reset();
        c.pending = true;
        c.loaded = false;
        ++unread;
        ++pending;
        records.push_back(std::move(c));
        summaries.push_back(std::move(summary));
        continue;
      }
      std::optional<std::string> text = io.read(file);
      std::optional<CaseSummary> summary;
      if (!text) {
        // Listed without its file (set aside as damaged, or lost): the other cases work (issue 17).
        c.loaded = false;
        c.unreadable = true;
        c.problem = input_error(file, "案件文件缺失").message_zh;
        ++problems;
        records.push_back(std::move(c));
        summaries.push_back(std::nullopt);
        continue;
      }
      c.file_hash = content_hash(*text);
      if (std::optional<std::string> s = io.read(summary_file(c.id)))
        summary = summary_from_json(*s);
      if (summary && summary->id == c.id && summary->file_hash == c.file_hash) {
        c.loaded = false;  // read when needed
        ++unread;
      } else {
        summary.reset();
        if (Result<void> r = read_history(c, *text); !r) {
          c.loaded = false;
          c.unreadable = true;
          c.problem = r.error().message_zh;  // "cases/<id>.json.history[3].type: …"
          ++problems;
        }
      }
      records.push_back(std::move(c));
      summaries.push_back(std::move(summary));
    }
  }
  cases_ = std::move(records);
  summaries_ = std::move(summaries);
  unread_ = unread;
  pending_ = pending;
  problems_ = problems;
  io_ = io;
  ++revision_;
  for (CaseRecord& c : cases_) c.revision = revision_;
  return ok_void();
}

std::vector<std::pair<std::string, std::string>> Workspace::problems() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (problems_ == 0) return out;
  for (const CaseRecord& c : cases_)
    if (c.unreadable) out.emplace_back(c.id, c.problem);
  return out;
}

std::string Workspace::next_id(Date today) const {
  char head[16];
  std::snprintf(head, sizeof head, "C%04d-", today.year);
  const std::string prefix = head;
  int best = 0;
  for (const CaseRecord& c : cases_)
    if (c.id.rfind(prefix, 0) == 0) best = std::max(best, std::atoi(c.id.c_str() + prefix.size()));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", best + 1);
  return prefix + buf;
}

void Workspace::write_index(const StoreIo& io) const {
  nlohmann::json list = nlohmann::json::array();
  for (const CaseRecord& c : cases_)
    list.push_back({{"id", c.id}, {"package_id", c.package_id}, {"digest", c.digest}, {"organisation", c.organisation}});
  io.write(kCaseIndexFile, nlohmann::json{{"cases", list}}.dump());
}

Result<std::string> Workspace::import_application(const package::ImportedPackage& p, const Context& ctx,
                                                  const StoreIo& io) {
  std::vector<package::KnownPackage> known;
  for (const CaseRecord& c : cases_) known.push_back({c.package_id, c.digest});
  if (auto dup = package::find_duplicate(p.header, p.digest, known)) {
    for (const CaseRecord& c : cases_)
      if (c.package_id == p.header.package_id || c.digest == p.digest) dup->message_zh += "，对应案件 " + c.id;
    return *dup;
  }
  CaseRecord c;
  c.id = next_id(ctx.today);
  c.package_id = p.header.package_id;
  c.digest = p.digest;
  c.organisation = p.draft.organisation.name;
  c.attachments = p.draft.attachments;
  auto events = decide(CaseState{}, SubmitApplication{c.id, package::to_application(p.draft, p.header.catalogue)}, ctx);
  if (!events) return events.error();
  c.history = std::move(events.value());
  c.state = fold(c.history);
  // Attachments first, then the case, then the index: an index entry never points at nothing.
  for (std::size_t i = 0; i < p.draft.attachments.size() && i < p.data.size(); ++i)
    io.write(case_attachment_file(c.id, p.draft.attachments[i].id), p.data[i]);
  c.revision = ++revision_;
  write_case(io, c);
  std::string id = c.id;
  cases_.push_back(std::move(c));
  summaries_.emplace_back();
  if (summarizer_) store_summary(summarizer_(cases_.back()), &io);
  write_index(io);
  return id;
}

void Workspace::write_case(const StoreIo& io, CaseRecord& c) const {
  nlohmann::json atts = nlohmann::json::array();
  for (const auto& a : c.attachments) atts.push_back(package::attachment_meta_to_json(a));
  const std::string text = nlohmann::json{{"history", history_to_json(c.history)}, {"attachments", atts},
                                          {"package_id", c.package_id}}.dump();
  c.file_hash = content_hash(text);
  io.write(case_file(c.id), text);
}

Result<void> Workspace::check(const std::string& case_id, const certdesk::Command& command, const Context& ctx) const {
  Result<const CaseRecord*> c = get(case_id);
  if (!c) return c.error();
  auto events = decide(c.value()->state, command, ctx);
  if (!events) return events.error();
  return ok_void();
}

Result<std::vector<Event>> Workspace::execute(const std::string& case_id, const certdesk::Command& command,
                                              const Context& ctx, const StoreIo& io) {
  return execute_all(case_id, {{command, ctx}}, {}, {}, io);
}

Result<std::vector<Event>> Workspace::execute_all(const std::string& case_id,
                                                  const std::vector<std::pair<certdesk::Command, Context>>& commands,
                                                  const std::vector<package::AttachmentMeta>& attachments,
                                                  const package::AttachmentData& data, const StoreIo& io) {
  auto it = std::find_if(cases_.begin(), cases_.end(), [&](const CaseRecord& c) { return c.id == case_id; });
  if (it == cases_.end()) return input_error("case_id", "没有编号为“" + case_id + "”的案件");
  // A pending case is refused, never decided on an empty history (and its file never rewritten).
  if (Result<const CaseRecord*> ready = get(case_id); !ready) return ready.error();
  CaseState state = it->state;
  std::vector<Event> all;
  for (const auto& [command, ctx] : commands) {
    auto events = decide(state, command, ctx);
    if (!events) return events.error();
    for (const Event& e : events.value()) {
      state = apply(std::move(state), e);
      all.push_back(e);
    }
  }
  // Attachments first, then the case: the case never refers to a file that is not there.
  for (std::size_t i = 0; i < attachments.size() && i < data.size(); ++i)
    io.write(case_attachment_file(it->id, attachments[i].id), data[i]);
  it->attachments.insert(it->attachments.end(), attachments.begin(), attachments.end());
  it->history.insert(it->history.end(), all.begin(), all.end());
  it->state = std::move(state);
  it->revision = ++revision_;
  write_case(io, *it);
  // The list shows the certified name once a certificate carries one (e.g. after a name change).
  const std::string name = it->state.certificate && !it->state.certificate->name.empty()
                               ? it->state.certificate->name : it->organisation;
  if (name != it->organisation) {
    it->organisation = name;
    write_index(io);
  }
  if (summarizer_) store_summary(summarizer_(*it), &io);
  return all;
}

nlohmann::json Workspace::summary_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    const CaseRecord& c = cases_[i];
    // A case not read yet answers from its summary (made from the same file).
    const CaseSummary* s = c.loaded ? nullptr : stored_summary(i);
    const char* phase = "";
    if (s && s->phase) phase = enum_label(*s->phase);
    else if (!s && !c.state.cycles.empty()) phase = enum_label(c.state.cycles.back().phase);
    out.push_back({{"id", c.id}, {"organisation", c.organisation}, {"package_id", c.package_id},
                   {"phase", phase}, {"events", s ? s->events : c.history.size()},
                   {"attachments", s ? s->attachments : c.attachments.size()}, {"pending", c.pending}});
  }
  return out;
}

}  // namespace certdesk::ui
