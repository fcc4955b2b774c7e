// ui/shell/store.cpp — the store layout (versions and migration: store.hpp).
#include "ui/shell/store.hpp"

#include <nlohmann/json.hpp>

namespace certdesk::ui {

namespace {

Result<nlohmann::json> parse_file(const std::string& name, const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return input_error(name, "文件已损坏（不是有效的 JSON 对象）");
  return j;
}

}  // namespace

std::string meta_file() {
  return nlohmann::json{{"format", "certdesk-store"}, {"format_version", kStoreFormatVersion}}.dump(2);
}

std::string profile_file(const AppModel& model) {
  const Profile& p = model.profile;
  return nlohmann::json{{"name", p.name}, {"roles", p.roles}, {"note", p.note}, {"mode", enum_id(model.mode)}}.dump(2);
}

std::string applicant_file(const AppModel& model) { return applicant_to_json(model.applicant).dump(); }

std::string file_content(const char* file, const AppModel& model) {
  const std::string f = file;
  if (f == kProfileFile) return profile_file(model);
  if (f == kApplicantFile) return applicant_file(model);
  return meta_file();
}

Result<void> load_store(const StoreIo& io, AppModel& model) {
  std::optional<std::string> meta = io.read(kStoreMetaFile);
  if (!meta) {
    // First start, or a store from before there was a meta file: nothing else can be there.
    io.write(kStoreMetaFile, meta_file());
    return ok_void();
  }
  auto m = parse_file(kStoreMetaFile, *meta);
  if (!m) return m.error();
  const nlohmann::json& mj = m.value();
  if (mj.value("format", "") != "certdesk-store" || !mj.contains("format_version") ||
      !mj["format_version"].is_number_integer())
    return input_error(kStoreMetaFile, "不是认证工作台的数据（格式标识不符）");
  const int version = mj["format_version"].get<int>();
  if (version > kStoreFormatVersion)
    return input_error(kStoreMetaFile, "数据由更新版本的认证工作台写入（格式版本 " + std::to_string(version) +
                                           "），请刷新页面以使用新版本");
  if (version < 1) return input_error(kStoreMetaFile, "未知的数据格式版本 " + std::to_string(version));

  AppModel next = model;
  bool profile_seen = false;
  if (std::optional<std::string> profile = io.read(kProfileFile)) {
    auto p = parse_file(kProfileFile, *profile);
    if (!p) return p.error();
    const nlohmann::json& pj = p.value();
    // Each field goes through the same command path as the UI, so limits and role checks hold.
    std::vector<Command> commands;
    if (pj.contains("name") && pj["name"].is_string()) commands.push_back(SetProfileName{pj["name"].get<std::string>()});
    if (pj.contains("note") && pj["note"].is_string()) commands.push_back(SetProfileNote{pj["note"].get<std::string>()});
    if (pj.contains("roles") && pj["roles"].is_array())
      for (const auto& r : pj["roles"])
        if (r.is_string()) commands.push_back(SetProfileRole{r.get<std::string>(), true});
    const std::string mode = pj.contains("mode") && pj["mode"].is_string() ? pj["mode"].get<std::string>() : "";
    if (auto m = enum_from_id<Mode>(mode); m && *m != Mode::Unset) commands.push_back(SetMode{*m});
    else if (!mode.empty()) return input_error(std::string(kProfileFile) + ".mode", "未知身份“" + mode + "”");
    for (const Command& c : commands) {
      Result<void> r = apply_command(next, c);
      if (!r) return input_error(std::string(kProfileFile) + "." + r.error().field, r.error().message_zh);
    }
    profile_seen = !next.profile.name.empty() || !next.profile.roles.empty() || !next.profile.note.empty();
  }
  if (version == 1 && profile_seen && next.mode == Mode::Unset) {
    // Migration 1 → 2 (see store.hpp): version-1 profiles were certification-body staff.
    Result<void> r = apply_command(next, SetMode{Mode::Body});
    if (!r) return r.error();
  }
  if (version >= 2) {
    if (std::optional<std::string> draft = io.read(kApplicantFile)) {
      auto d = parse_file(kApplicantFile, *draft);
      if (!d) return d.error();
      auto a = applicant_from_json(d.value());
      if (!a) return input_error(std::string(kApplicantFile) + "." + a.error().field, a.error().message_zh);
      next.applicant = std::move(a.value());
    }
  }
  if (next.mode == Mode::Unset) next.view = View::Start;
  next.revision = model.revision + 1;
  model = std::move(next);
  if (version < kStoreFormatVersion) {
    io.write(kProfileFile, profile_file(model));
    io.write(kStoreMetaFile, meta_file());  // last: an interrupted migration is simply redone
  }
  return ok_void();
}

}  // namespace certdesk::ui
