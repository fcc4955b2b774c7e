// Result<T>: a value or a RuleViolation — errors are values in the domain (STYLE.md §2).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace certdesk {

// Why a command or an input was refused. rule: a rule id of BRIEF.md ("R13") or "INPUT" for
// malformed data; message_zh: what the user reads; field: JSON-path-like name, may be empty.
struct RuleViolation {
  std::string rule;
  std::string message_zh;
  std::string field;
  bool operator==(const RuleViolation&) const = default;
};

// Builds an input violation whose message is prefixed with its field ("a.b[2]: ...").
inline RuleViolation input_error(std::string field, const std::string& message_zh) {
  std::string text = field.empty() ? message_zh : field + ": " + message_zh;
  return RuleViolation{"INPUT", std::move(text), std::move(field)};
}

// Holds a T or an error E: a RuleViolation (a command or one input refused), or every problem
// found (Problems, for packages and notices: all or nothing, never an empty list). Accessing the
// wrong alternative is a bug (std::get throws natively, aborts in the browser).
template <class T, class E = RuleViolation>
class Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : data_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const { return std::get<0>(data_); }
  T& value() { return std::get<0>(data_); }
  const E& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, E> data_;
};

// Result<void>: default-constructed is success; constructed from an error is an error.
template <class E>
class Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)), ok_(false) {}

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const E& error() const { return error_; }

 private:
  E error_{};
  bool ok_ = true;
};

// The success value of Result<void> (same as `Result<void>{}`); a free function, not a member.
inline Result<void> ok_void() { return Result<void>{}; }

}  // namespace certdesk
