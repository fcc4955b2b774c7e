// Type-checked JSON readers (see json_read.hpp); messages are Chinese, fields JSON-path-like.
#include "domain/json_read.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace certdesk::json_read {

void fail_from_json(int id, const std::string& what, const nlohmann::json& j) {
#ifdef __cpp_exceptions
  throw nlohmann::json::other_error::create(id, what, &j);
#else
  (void)id;
  (void)what;
  (void)j;
  std::abort();
#endif
}
namespace {

using nlohmann::json;

const json* find(const json& obj, std::string_view key) {
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? nullptr : &*it;
}

}  // namespace

std::string path(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}

std::string text_or(const json& obj, std::string_view key, std::string fallback) {
  if (!obj.is_object()) return fallback;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string in_file(const std::string& file, const std::string& field) {
  return field.empty() ? file : file + "." + field;
}

std::string bare_message(const RuleViolation& e) {
  const std::string prefix = e.field + ": ";
  if (!e.field.empty() && e.message_zh.rfind(prefix, 0) == 0) return e.message_zh.substr(prefix.size());
  return e.message_zh;
}

RuleViolation in_file(const std::string& file, const RuleViolation& e) {
  RuleViolation out = input_error(in_file(file, e.field), bare_message(e));
  if (e.rule != "INPUT") out.rule = e.rule;
  return out;
}

std::string path(const std::string& base, std::size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

std::string format_number(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

Result<json> parse_text(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return input_error("", "不是有效的 JSON 文本");
  return j;
}

Error require_object(const json& value, const std::string& field) {
  if (!value.is_object()) return input_error(field, "应为 JSON 对象");
  return std::nullopt;
}

Error read_string(const json& obj, std::string_view key, const std::string& base, std::string& out,
                  bool required, bool non_empty) {
  const std::string field = path(base, key);
  const json* v = find(obj, key);
  if (!v) return required ? Error(input_error(field, "缺少字段")) : std::nullopt;
  if (!v->is_string()) return input_error(field, "应为字符串");
  const std::string& s = v->get_ref<const std::string&>();
  if (non_empty && s.empty()) return input_error(field, "不能为空");
  out = s;
  return std::nullopt;
}

Error read_int(const json& obj, std::string_view key, const std::string& base, int& out, int min,
               int max, bool required) {
  const std::string field = path(base, key);
  const json* v = find(obj, key);
  if (!v) return required ? Error(input_error(field, "缺少字段")) : std::nullopt;
  if (!v->is_number_integer()) return input_error(field, "应为整数");
  const std::int64_t n = v->get<std::int64_t>();
  if (n < min || n > max)
    return input_error(field, "应在 " + std::to_string(min) + " 到 " + std::to_string(max) +
                                  " 之间，实际为 " + std::to_string(n));
  out = static_cast<int>(n);
  return std::nullopt;
}

Error read_number(const json& obj, std::string_view key, const std::string& base, double& out,
                  double min, double max, bool required) {
  const std::string field = path(base, key);
  const json* v = find(obj, key);
  if (!v) return required ? Error(input_error(field, "缺少字段")) : std::nullopt;
  if (!v->is_number()) return input_error(field, "应为数字");
  const double x = v->get<double>();
  if (!std::isfinite(x) || x < min || x > max)
    return input_error(field, "应在 " + format_number(min, 4) + " 到 " + format_number(max, 4) +
                                  " 之间，实际为 " + v->dump());
  out = x;
  return std::nullopt;
}

Error read_bool(const json& obj, std::string_view key, const std::string& base, bool& out,
                bool required) {
  const std::string field = path(base, key);
  const json* v = find(obj, key);
  if (!v) return required ? Error(input_error(field, "缺少字段")) : std::nullopt;
  if (!v->is_boolean()) return input_error(field, "应为 true 或 false");
  out = v->get<bool>();
  return std::nullopt;
}

Error read_string_list(const json& obj, std::string_view key, const std::string& base,
                       std::vector<std::string>& out, bool required, bool non_empty_list) {
  const json* arr = nullptr;
  if (auto e = read_array(obj, key, base, arr, required)) return e;
  if (!arr) return std::nullopt;
  const std::string field = path(base, key);
  if (non_empty_list && arr->empty()) return input_error(field, "至少应有一项");
  std::vector<std::string> list;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const json& item = (*arr)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty())
      return input_error(path(field, i), "应为非空字符串");
    list.push_back(item.get<std::string>());
  }
  out = std::move(list);
  return std::nullopt;
}

Error read_array(const json& obj, std::string_view key, const std::string& base, const json*& out,
                 bool required) {
  const std::string field = path(base, key);
  out = find(obj, key);
  if (!out) return required ? Error(input_error(field, "缺少字段")) : std::nullopt;
  if (!out->is_array()) return input_error(field, "应为数组");
  return std::nullopt;
}

Error read_data_header(const json& j, int supported, int& schema_version, std::string& id,
                       std::string& version, std::string& label, std::string& note) {
  CERTDESK_TRY_READ(require_object(j, ""));
  CERTDESK_TRY_READ(read_int(j, "schema_version", "", schema_version, 0, 1000000));
  CERTDESK_TRY_READ(read_string(j, "id", "", id));
  CERTDESK_TRY_READ(read_string(j, "version", "", version));
  CERTDESK_TRY_READ(read_string(j, "label", "", label));
  CERTDESK_TRY_READ(read_string(j, "note", "", note, false, false));
  return check_data_header(supported, schema_version, id, version, label);
}

Error check_data_header(int supported, int schema_version, const std::string& id, const std::string& version,
                        const std::string& label) {
  if (schema_version != supported)
    return input_error("schema_version", "不支持的格式版本 " + std::to_string(schema_version) + "（支持 " +
                                             std::to_string(supported) + "）");
  if (id.empty()) return input_error("id", "不能为空");
  if (version.empty()) return input_error("version", "不能为空");
  if (label.empty()) return input_error("label", "不能为空");
  return std::nullopt;
}

Error reject_unknown_keys(const json& obj, const std::string& base,
                          std::initializer_list<std::string_view> known) {
  for (const auto& item : obj.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == item.key();
    if (!found) return input_error(path(base, item.key()), "未知字段");
  }
  return std::nullopt;
}

}  // namespace certdesk::json_read
