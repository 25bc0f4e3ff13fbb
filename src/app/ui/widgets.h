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

// A row of buttons of which one is chosen (filled; a pressed toggle to
// screen readers), wrapping onto more rows when the screen is narrow.
// `id` keeps rows with the same words apart. True when `chosen` changed.
bool choice_row(std::span<const std::string_view> labels, int& chosen, std::string_view id);

// A full-width coloured panel with an icon and wrapped words (warnings,
// errors). Returns nothing; put buttons after it.
void banner(const char* icon, std::string_view words, ImU32 fill, ImU32 ink);

}  // namespace pathway::app::ui
