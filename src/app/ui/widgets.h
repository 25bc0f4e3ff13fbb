// Small widgets on top of Dear ImGui that every screen uses: buttons sized
// for touch, text that is registered with the item registry (so tests and the
// accessibility layer can find it by what it says), headings, banners.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "imgui.h"

namespace pathway::app::ui {

enum class Emphasis { primary, secondary };

// A button at least theme::control_height() tall. `label` may start with an
// icon (icons.h); tests find it by the words. width 0 = fit the label,
// negative = fill the row.
bool button(const char* label, Emphasis emphasis = Emphasis::primary, float width = 0);

void text(std::string_view words);
void text_coloured(ImU32 colour, std::string_view words);
void text_muted(std::string_view words);
void text_wrapped(std::string_view words);  // wraps at the window's edge: a paragraph to screen readers
void heading(std::string_view words, int level = 1);  // title font (level 1), strong below; a heading to screen readers
void list_item(std::string_view words);      // a bullet and wrapped words, inside item_registry::begin_list()
// Words read out by screen readers when they change (search results, "Saved").
void live_text(ImU32 colour, std::string_view words);
// A link: underlined accent words, wrapped to the width, that act like a
// button. `href` is where it goes, for the DOM mirror ("/guide/money").
// `id` keeps it apart from other links with the same words. True when pressed.
bool link(std::string_view words, std::string_view href, std::string_view id = {});

// One answer of a question: a full-width button with wrapped words, filled
// when chosen (a pressed toggle to screen readers). True when pressed.
bool choice(std::string_view words, bool chosen, std::string_view id = {});

// The caption above a group of choices (choice_row): strong, and registered
// as text, since no single item carries it.
void group_caption(std::string_view words);

// The caption above a text field. Not registered as text: the field itself
// carries the same label ("##Passphrase"), so a test or screen reader finds
// one item, the field.
void field_caption(std::string_view words);

// A captioned text field editing `value`: the caption is drawn above it and
// is the field's name to tests and screen readers (so it must be unique on
// the screen). lines > 1 makes a multi-line field that grows with its text
// up to twice that. `error`, when not empty, is drawn under the field in
// plain words. True when the text changed this frame.
bool text_field(std::string_view caption, std::string& value, int lines = 1, std::string_view error = {});

// A field's validation message, under the field (in the overdue colour, with
// an icon); nothing when `words` is empty.
void field_error(std::string_view words);

// How wide button(label) is.
float button_width(const char* label);

// Puts the next item, `width` wide, after the last one on its row, `spacing`
// apart (ImGui's item spacing when negative), if it fits; otherwise it goes at
// the start of the next row. True when it went on the same row.
bool same_line_if_fits(float width, float spacing = -1);

// A button that is on (filled; a pressed toggle to screen readers) or off,
// after the previous one on its row, or on the next row when it would not
// fit (the first of a row starts where the cursor is). True when pressed.
bool toggle_in_row(const std::string& label, bool on, bool first_in_row);

// A row of buttons of which one is chosen (filled; a pressed toggle to
// screen readers), wrapping onto more rows when the screen is narrow.
// `id` keeps rows with the same words apart. True when `chosen` changed.
bool choice_row(std::span<const std::string_view> labels, int& chosen, std::string_view id);

// Words after a row of buttons (a form's "Draft kept on this device"):
// beside them, level with their labels, when they fit; else under them,
// wrapped. Never cut off at the screen's edge.
void status_after_buttons(ImU32 colour, std::string_view words);

// The buttons under a form's scrolling content. The content is a child
// window that leaves height() under it; the footer is measured as it is
// drawn (its buttons and status line wrap on a narrow screen, a problem
// adds a line) and when that changed another frame is asked for, so nothing
// in it is cut off:
//   ImGui::BeginChild("##form", ImVec2(0, -footer.height())); ... ImGui::EndChild();
//   footer.begin(); ...buttons...; footer.end();
class Footer {
 public:
  float height() const;  // until first measured, a row of buttons
  void begin() { top_ = ImGui::GetCursorPosY(); }
  void end();

 private:
  float height_ = -1;  // as measured in the previous frame
  float top_ = 0;
};

// A full-width coloured panel with an icon and wrapped words (warnings,
// errors). Returns nothing; put buttons after it.
void banner(const char* icon, std::string_view words, ImU32 fill, ImU32 ink);

}  // namespace pathway::app::ui
