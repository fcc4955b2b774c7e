// domain/enum_table.hpp — one table per enum (issue 16 item 4): each value's id (what files,
// packages and the test hook carry) and its Chinese label (what users read), declared once, next
// to the enum's other facts. The JSON reader and writer (json_reflect.hpp), the screens and the
// printed forms all read the same table, so an id and its label can never disagree or be missing
// in one place only. tests/domain/enum_table_test.cpp checks every table: ids unique and non-empty.
#pragma once

#include <optional>
#include <string_view>

namespace certdesk {

// Ids and labels are string literals: a plain C string each, usable in formats, JSON and
// concatenation alike (comparing one with a literal is caught by -Waddress / -Wstring-compare).
template <class E> struct EnumItem {
  E value;
  const char* id;
  const char* label_zh = "";
};

// Specialised once per enum with CERTDESK_ENUM_TABLE, at namespace certdesk's scope.
template <class E> struct EnumTable;

#define CERTDESK_ENUM_TABLE(E, ...) \
  template <> struct EnumTable<E> { static constexpr EnumItem<E> items[] = {__VA_ARGS__}; };

template <class E> constexpr const EnumItem<E>* enum_item(E e) {
  for (const auto& item : EnumTable<E>::items)
    if (item.value == e) return &item;
  return nullptr;
}
// The value's id; "" for a value the table does not list (a bug the table test catches).
template <class E> constexpr const char* enum_id(E e) {
  const auto* item = enum_item(e);
  return item ? item->id : "";
}
// The value's Chinese label; "" when the enum has no labels.
template <class E> constexpr const char* enum_label(E e) {
  const auto* item = enum_item(e);
  return item ? item->label_zh : "";
}
template <class E> constexpr std::optional<E> enum_from_id(std::string_view id) {
  for (const auto& item : EnumTable<E>::items)
    if (std::string_view(item.id) == id) return item.value;
  return std::nullopt;
}
// Every value, in the table's order (the order screens list them in).
template <class E> constexpr const auto& enum_items() { return EnumTable<E>::items; }

}  // namespace certdesk
