// ui/shell/store.cpp — the store layout (versions and migration: store.hpp).
#include "ui/shell/store.hpp"

#include <nlohmann/json.hpp>

#include "domain/json_read.hpp"

namespace certdesk::ui {

Result<ApplicantModel> applicant_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  CERTDESK_TRY_READ(json_read::require_object(j.value(), ""));
  return applicant_from_json(j.value());
}

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

Result<int> store_version_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  CERTDESK_TRY_READ(json_read::require_object(j.value(), ""));
  std::string format;
  CERTDESK_TRY_READ(json_read::read_string(j.value(), "format", "", format));
  if (format != "certdesk-store") return input_error("format", "不是认证工作台的数据（格式标识不符）");
  int version = 0;
  CERTDESK_TRY_READ(json_read::read_int(j.value(), "format_version", "", version, 1, 1000000));
  return version;
}

Result<ProfileFile> profile_from_text(std::string_view text) {
  auto j = json_read::parse_text(text);
  if (!j) return j.error();
  const nlohmann::json& pj = j.value();
  CERTDESK_TRY_READ(json_read::require_object(pj, ""));
  ProfileFile p;
  CERTDESK_TRY_READ(json_read::read_string(pj, "name", "", p.name, false, false));
  CERTDESK_TRY_READ(json_read::read_string(pj, "note", "", p.note, false, false));
  CERTDESK_TRY_READ(json_read::read_string(pj, "mode", "", p.mode, false, false));
  if (!p.mode.empty() && !enum_from_id<Mode>(p.mode)) return input_error("mode", "未知身份“" + p.mode + "”");
  CERTDESK_TRY_READ(json_read::read_string_list(pj, "roles", "", p.roles, false));
  // What the UI would refuse (an unknown role, a name too long) does not read either: the start
  // sets such a file aside instead of refusing the whole store (issue 17).
  AppModel probe;
  for (const Command& c : profile_commands(p))
    if (Result<void> r = apply_command(probe, c); !r) return r.error();
  return p;
}

std::vector<Command> profile_commands(const ProfileFile& p) {
  // Each field goes through the same command path as the UI, so limits and role checks hold.
  std::vector<Command> commands;
  if (!p.name.empty()) commands.push_back(SetProfileName{p.name});
  if (!p.note.empty()) commands.push_back(SetProfileNote{p.note});
  for (const std::string& r : p.roles) commands.push_back(SetProfileRole{r, true});
  if (auto m = enum_from_id<Mode>(p.mode); m && *m != Mode::Unset) commands.push_back(SetMode{*m});
  return commands;
}

Result<void> load_store(const StoreIo& io, AppModel& model) {
  std::optional<std::string> meta = io.read(kStoreMetaFile);
  if (!meta) {
    // First start, or a store from before there was a meta file: nothing else can be there.
    io.write(kStoreMetaFile, meta_file());
    return ok_void();
  }
  auto v = store_version_from_text(*meta);
  if (!v) return json_read::in_file(kStoreMetaFile, v.error());
  const int version = v.value();
  if (version > kStoreFormatVersion)
    return input_error(kStoreMetaFile, "数据由更新版本的认证工作台写入（格式版本 " + std::to_string(version) +
                                           "），请刷新页面以使用新版本");

  AppModel next = model;
  bool profile_seen = false;
  if (std::optional<std::string> profile = io.read(kProfileFile)) {
    auto p = profile_from_text(*profile);
    if (!p) return json_read::in_file(kProfileFile, p.error());
    for (const Command& c : profile_commands(p.value()))
      if (Result<void> r = apply_command(next, c); !r) return json_read::in_file(kProfileFile, r.error());
    profile_seen = !next.profile.name.empty() || !next.profile.roles.empty() || !next.profile.note.empty();
  }
  if (version == 1 && profile_seen && next.mode == Mode::Unset) {
    // Migration 1 → 2 (see store.hpp): version-1 profiles were certification-body staff.
    Result<void> r = apply_command(next, SetMode{Mode::Body});
    if (!r) return r.error();
  }
  if (version >= 2) {
    if (std::optional<std::string> draft = io.read(kApplicantFile)) {
      auto a = applicant_from_text(*draft);
      if (!a) return json_read::in_file(kApplicantFile, a.error());
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
