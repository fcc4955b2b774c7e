// ui/widgets/input_widgets.hpp — widgets shared by the forms (issue 15 items 6, 7): a message beside the
// field it concerns (rule id in its tooltip), and the calendar picker beside a date field.
#pragma once

#include <string>

#include "domain/calendar.hpp"
#include "ui/widgets/messages.hpp"

namespace certdesk::ui {

struct UiState;

// Draws `m` in red, wrapped, indented by `indent` pixels; its rule id as a tooltip. Registers the
// widget `id` and the text in UiState::shown_messages (state().messages) for the tests.
void draw_message(UiState& ui, const std::string& id, const UserMessage& m, float indent = 0.0f);

// A small 日历 button (widget "<id>.pick") on the same line as the last item; it opens a month
// grid ("<id>.prev", "<id>.next", "<id>.day.<d>", today outlined, weekends and the calendar's
// days off greyed, working weekend days bold). True when a day was clicked: `text` is then its
// ISO date. The month shown starts at the field's date, else today.
bool date_picker(UiState& ui, const std::string& id, std::string& text, Date today, const WorkCalendar* calendar);

}  // namespace certdesk::ui
