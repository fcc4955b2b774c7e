// Type-checked JSON readers for loaders of user data: no exceptions thrown or caught (the domain
// does not depend on the wasm build's exception mode), every error an "INPUT" RuleViolation naming its field.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.hpp"

// In a loader: return the reader's error, if any (Error converts to the caller's Result).
#define CERTDESK_TRY_READ(expr) \
  if (auto read_error_ = (expr)) return *read_error_

namespace certdesk::json_read {

using Error = std::optional<RuleViolation>;  // nullopt = fine

std::string path(const std::string& base, std::string_view key);  // "a" + "b" → "a.b"
std::string path(const std::string& base, std::size_t index);      // "a" + 3 → "a[3]"
// A member's field within a file or member: "profile.json" + "roles[2]" → "profile.json.roles[2]";
// an empty field names the file itself.
std::string in_file(const std::string& file, const std::string& field);
// The same error one level out: field "roles[2]" → "profile.json.roles[2]", the message's own
// "roles[2]: " prefix (input_error's) replaced by the longer one, said once.
RuleViolation in_file(const std::string& file, const RuleViolation& e);
// The message without its "field: " prefix (to say it in other words).
std::string bare_message(const RuleViolation& e);

// Up to `decimals` decimals, trailing zeros trimmed: 1.5 → "1.5", 80.0 → "80", 1/3 → "0.33".
std::string format_number(double x, int decimals = 2);

// Parses JSON text without throwing; bad text → INPUT error "不是有效的 JSON …".
Result<nlohmann::json> parse_text(std::string_view text);

// nlohmann's from_json contract for a value that cannot be read: throws other_error `id`. The
// wasm build has no exceptions: there it aborts, as an uncaught throw did before (untrusted
// JSON is read with the checked readers below, never with get<>()).
[[noreturn]] void fail_from_json(int id, const std::string& what, const nlohmann::json& j);

// A text member of `obj`, or `fallback` when obj is no object or the member is missing or not
// text (for lenient reads of commands; nlohmann's value() throws on a wrong type).
std::string text_or(const nlohmann::json& obj, std::string_view key, std::string fallback = "");

// Each reader checks obj[key] exists (unless optional) and has the right type and range.
// obj must be an object (check with require_object first).
Error require_object(const nlohmann::json& value, const std::string& field);
Error read_string(const nlohmann::json& obj, std::string_view key, const std::string& base,
                  std::string& out, bool required = true, bool non_empty = true);
Error read_int(const nlohmann::json& obj, std::string_view key, const std::string& base, int& out,
               int min, int max, bool required = true);
Error read_number(const nlohmann::json& obj, std::string_view key, const std::string& base,
                  double& out, double min, double max, bool required = true);
Error read_bool(const nlohmann::json& obj, std::string_view key, const std::string& base, bool& out,
                bool required = true);
// An array of non-empty strings (may be empty unless non_empty_list).
Error read_string_list(const nlohmann::json& obj, std::string_view key, const std::string& base,
                       std::vector<std::string>& out, bool required = true, bool non_empty_list = false);
// An array member; out points at it on success.
Error read_array(const nlohmann::json& obj, std::string_view key, const std::string& base,
                 const nlohmann::json*& out, bool required = true);
// The header of every versioned data file (catalogue, person-days table): schema_version,
// id, version, label required, note optional; schema_version must equal `supported`.
Error read_data_header(const nlohmann::json& j, int supported, int& schema_version, std::string& id,
                       std::string& version, std::string& label, std::string& note);
Error check_data_header(int supported, int schema_version, const std::string& id,
                        const std::string& version, const std::string& label);

// Rejects keys not in `known` (typos in settings files must not pass silently).
Error reject_unknown_keys(const nlohmann::json& obj, const std::string& base,
                          std::initializer_list<std::string_view> known);

}  // namespace certdesk::json_read
