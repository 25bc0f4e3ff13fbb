// Word lists and sentence builders for the demo council (see words.h). Names
// of people are a common given name with an invented family name made of two
// halves; places are "Example Town" streets with made-up names; notes are
// put together from short, plain sentences so no note reads like a real case.
#include "demo/words.h"

#include <array>
#include <cstdio>

namespace pathway::demo {
namespace {

using Words = std::span<const std::string_view>;

constexpr std::array<std::string_view, 24> feminine_names = {
    "Amira", "Bella", "Chloe",  "Daisy", "Ella", "Freya", "Grace", "Hana",   "Isla", "Jade", "Keira", "Leah",
    "Maya",  "Nia",   "Olivia", "Priya", "Ruby", "Sara",  "Tia",   "Yasmin", "Zara", "Eden", "Lily",  "Mercy"};
constexpr std::array<std::string_view, 24> masculine_names = {
    "Aaron", "Ben",  "Callum", "Dylan", "Ethan", "Finn",  "George", "Harvey", "Idris", "Jamal", "Kian", "Leo",
    "Mason", "Noah", "Omar",   "Reece", "Sami",  "Tyler", "Yonas",  "Zain",   "Ahmad", "Kofi",  "Luca", "Riley"};
constexpr std::array<std::string_view, 8> neutral_names = {"Alex",  "Charlie", "Jordan", "Morgan",
                                                           "Rowan", "Sam",     "Jesse",  "Robin"};

constexpr std::array<std::string_view, 16> family_first_halves = {
    "Bramble", "Quill",   "Marrow", "Tumble", "Penny",  "Lark",   "Fennel", "Puddle",
    "Wren",    "Thimble", "Moss",   "Heron",  "Cobble", "Willow", "Pebble", "Nettle"};
constexpr std::array<std::string_view, 8> family_second_halves = {"wick", "ford",  "by",    "worth",
                                                                  "ton",  "stead", "combe", "hurst"};

constexpr std::array<std::string_view, 10> streets = {
    "Sample Street", "Placeholder Road", "Fiction Lane", "Demo Avenue",    "Pretend Close",
    "Imaginary Way", "Mock Terrace",     "Specimen Row", "Notional Drive", "Example Crescent"};

constexpr std::array<std::string_view, 6> home_openings = {"Home visit to {}'s flat.",
                                                           "Visited {} at home.",
                                                           "Home visit, {} let me in and made tea.",
                                                           "Called round to see {} at the flat.",
                                                           "Visited {} at the supported lodgings.",
                                                           "Home visit. {} showed me round."};
constexpr std::array<std::string_view, 4> office_openings = {"{} came to the office.", "Met {} at the office drop-in.",
                                                             "{} called in at the office without an appointment.",
                                                             "Met {} at the office as planned."};
constexpr std::array<std::string_view, 4> phone_openings = {
    "Phone call with {}.", "Rang {} as agreed.", "{} rang me back this afternoon.", "Short phone call with {}."};
constexpr std::array<std::string_view, 3> video_openings = {"Video call with {}.", "Video call with {} on the laptop.",
                                                            "Spoke to {} by video call."};
constexpr std::array<std::string_view, 3> message_openings = {"Messages with {}.", "{} sent a message asking to talk.",
                                                              "Swapped messages with {} today."};
constexpr std::array<std::string_view, 3> other_openings = {
    "Met {} in town for a coffee.", "Saw {} at the care leaver forum.", "Went with {} to an appointment."};

constexpr std::array<std::string_view, 16> topics = {"We talked about the college course and the bus pass.",
                                                     "We went through the bills and made a simple weekly budget.",
                                                     "We talked about the gas meter and how to top it up.",
                                                     "We looked at jobs on the noticeboard and updated the CV.",
                                                     "We talked about seeing family at the weekend.",
                                                     "We talked about sleep and feeling low, and the GP appointment.",
                                                     "We practised cooking a cheap pasta meal together.",
                                                     "We talked about the tenancy and what the housing officer said.",
                                                     "We talked about the apprenticeship interview next week.",
                                                     "We looked at the setting up home allowance list.",
                                                     "We talked about friends and who is a good influence.",
                                                     "We talked about the Universal Credit claim and the journal.",
                                                     "We talked about the dentist and registering with a doctor.",
                                                     "We talked about the driving theory test.",
                                                     "We talked about the baby's health visitor appointment.",
                                                     "We went over the pathway plan together."};
constexpr std::array<std::string_view, 8> moods = {
    "{} seemed cheerful and chatty.",    "{} was tired but talked openly.",       "{} was quiet today.",
    "{} said things are going well.",    "{} is worried about money this month.", "{} was proud of the flat.",
    "{} was a bit fed up with college.", "{} laughed a lot and seemed settled."};
constexpr std::array<std::string_view, 10> actions = {"Ring the housing officer about the repairs",
                                                      "Send the bus pass form",
                                                      "Book a GP appointment together",
                                                      "Check the Universal Credit payment date",
                                                      "Find out about the college bursary",
                                                      "Send the CV to the job club",
                                                      "Ask the duty manager about the setting up home allowance",
                                                      "Arrange the next pathway plan review",
                                                      "Look up a cooking course at the library",
                                                      "Send the leisure pass details"};
constexpr std::array<std::string_view, 10> own_words = {"I'm doing alright, the course is hard but I like it.",
                                                        "I want to get my own place by summer.",
                                                        "Money is tight this month.",
                                                        "I don't want to move again.",
                                                        "I like my job, the people are nice.",
                                                        "I miss my little brother.",
                                                        "Can you help me with the forms?",
                                                        "I'm sleeping better now.",
                                                        "I want to learn to drive.",
                                                        "I'm fine, honestly."};
// Why a contact did not happen, by how it was meant to happen.
constexpr std::array<std::string_view, 4> not_seen_in_person = {
    "Knocked at {}'s flat, no answer. Left a card and sent a message.",
    "{} cancelled by message, said they were busy. Rearranged for next week.",
    "{} was not at home when I called round. Neighbour not known to me.",
    "{} said they did not want a visit this week."};
constexpr std::array<std::string_view, 3> not_seen_office = {
    "{} did not come to the office appointment. Sent a message to rearrange.",
    "{} cancelled by message, said they were busy. Rearranged for next week.",
    "Waited 30 minutes at the office; {} did not arrive. Rang, no answer."};
constexpr std::array<std::string_view, 3> not_seen_phone = {
    "Rang {} twice, no answer. Left a voicemail.", "{}'s phone went straight to voicemail. Sent a message instead.",
    "{} answered but said it was not a good time. Will ring back tomorrow."};
constexpr std::array<std::string_view, 2> not_seen_video = {
    "{} did not join the video call. Sent the link again for next week.",
    "The video call would not connect on {}'s phone. Will try a phone call."};
constexpr std::array<std::string_view, 2> not_seen_message = {
    "Sent {} a message to check in, no reply yet.", "Messaged {} twice this week, no reply. Will try calling."};

// Objectives and views for each of the eight sections, in plan order.
constexpr std::array<std::array<std::string_view, 3>, 8> objective_whats = {{
    {"Keep in regular contact with my PA", "Meet my PA every month", "Know how to reach the duty PA"},
    {"Register with a GP and a dentist", "Talk to someone about how I feel", "Go to the health check"},
    {"Finish my college course", "Find an apprenticeship", "Get a part time job"},
    {"See my brother every month", "Keep in touch with my foster carer", "Make new friends at college"},
    {"Cook three meals a week", "Learn to use the washing machine", "Pay bills on time"},
    {"Make a weekly budget", "Open a bank account", "Sort out my Universal Credit claim"},
    {"Stay with my foster carer under Staying Put", "Move into my own flat", "Keep my tenancy"},
    {"Stay safe when going out", "Know who to call if I feel unsafe", "Cut down on smoking weed"},
}};
constexpr std::array<std::array<std::string_view, 3>, 8> objective_hows = {{
    {"PA visits every four weeks and messages in between", "Meet at the office drop-in", "Number saved in my phone"},
    {"PA helps fill in the forms", "Referral to the wellbeing service", "PA books the appointment"},
    {"Bursary pays the bus fare", "PA helps with applications", "Job club on Tuesdays"},
    {"PA arranges the visits", "Phone calls at weekends", "Join the college club"},
    {"Cooking sessions with the PA", "Support worker shows me", "Direct debits set up"},
    {"Budget sheet with the PA", "PA comes to the bank", "PA helps with the journal"},
    {"Staying Put agreement signed", "Housing register and bidding", "Tenancy support visits"},
    {"Safety plan agreed", "Numbers saved in my phone", "Referral to the young people's drug service"},
}};
constexpr std::array<std::array<std::string_view, 2>, 8> views = {{
    {"I'm happy with how often we meet.", "I'd rather have messages than visits."},
    {"I feel better than last year.", "I don't like doctors but I'll go."},
    {"I want to be a mechanic.", "College is going well."},
    {"Family is important to me.", "I want to see my mum more."},
    {"I can cook pasta now.", "I need help with the washing."},
    {"Money runs out before payday.", "I'm saving a bit each week."},
    {"I like where I live.", "I want my own place."},
    {"I know who to call.", "I don't think I'm at risk."},
}};

// Replaces every "{}" in `text` with `name`.
std::string with_name(std::string_view text, std::string_view name) {
  std::string out;
  out.reserve(text.size() + name.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}') {
      out += name;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

Words openings_for(NoteSetting setting) {
  switch (setting) {
    case NoteSetting::home_visit:
      return home_openings;
    case NoteSetting::office:
      return office_openings;
    case NoteSetting::phone:
      return phone_openings;
    case NoteSetting::video:
      return video_openings;
    case NoteSetting::message:
      return message_openings;
    case NoteSetting::other:
      break;
  }
  return other_openings;
}

int clamp_section(int section) { return section < 0 ? 0 : section > 7 ? 7 : section; }

}  // namespace

std::string_view given_name(DemoRandom& random, NameStyle style) {
  if (random.chance(120)) return random.pick(Words{neutral_names});
  if (style == NameStyle::any) style = random.chance(500) ? NameStyle::feminine : NameStyle::masculine;
  return style == NameStyle::feminine ? random.pick(Words{feminine_names}) : random.pick(Words{masculine_names});
}

std::string family_name(DemoRandom& random) {
  std::string name(random.pick(Words{family_first_halves}));
  name += random.pick(Words{family_second_halves});
  return name;
}

DemoAddress address(DemoRandom& random) {
  DemoAddress result;
  // One draw per statement: operand evaluation order differs between compilers.
  result.line1 = std::to_string(random.between(1, 120)) + " ";
  result.line1 += random.pick(Words{streets});
  result.town = "Example Town";
  // ZZ99 is the reserved "no fixed abode / unknown" postcode area: never a real address.
  static constexpr std::string_view letters = "ABDEFGHJLNPQRSTUWXYZ";  // the letters inward codes use
  result.postcode = "ZZ99 " + std::to_string(random.below(10));
  result.postcode += letters[random.below(static_cast<uint32_t>(letters.size()))];
  result.postcode += letters[random.below(static_cast<uint32_t>(letters.size()))];
  return result;
}

std::string drama_phone(uint32_t number) {
  char text[16];
  std::snprintf(text, sizeof text, "07700 900%03u", number % 1000);
  return text;
}

std::string example_email(std::string_view given, std::string_view family, uint32_t number) {
  std::string email;
  for (const std::string_view part : {given, std::string_view("."), family}) {
    for (char c : part) email += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return email + std::to_string(number) + "@example.org";
}

std::string contact_note(DemoRandom& random, NoteSetting setting, std::string_view name) {
  std::string note = with_name(random.pick(openings_for(setting)), name);
  note += ' ';
  note += random.pick(Words{topics});
  note += ' ';
  note += with_name(random.pick(Words{moods}), name);
  if (random.chance(500)) {
    note += " Agreed next step: ";
    note += random.pick(Words{actions});
    note += '.';
  }
  return note;
}

std::string young_person_words(DemoRandom& random) {
  std::string words(random.pick(Words{own_words}));
  if (random.chance(300)) {
    words += ' ';
    words += random.pick(Words{own_words});
  }
  return words;
}

std::string_view follow_up_action(DemoRandom& random) { return random.pick(Words{actions}); }

std::string not_seen_note(DemoRandom& random, NoteSetting setting, std::string_view name) {
  switch (setting) {
    case NoteSetting::office:
      return with_name(random.pick(Words{not_seen_office}), name);
    case NoteSetting::phone:
      return with_name(random.pick(Words{not_seen_phone}), name);
    case NoteSetting::video:
      return with_name(random.pick(Words{not_seen_video}), name);
    case NoteSetting::message:
      return with_name(random.pick(Words{not_seen_message}), name);
    case NoteSetting::home_visit:
    case NoteSetting::other:
      break;
  }
  return with_name(random.pick(Words{not_seen_in_person}), name);
}

std::string_view objective_what(DemoRandom& random, int section) {
  return random.pick(Words{objective_whats[clamp_section(section)]});
}
std::string_view objective_how(DemoRandom& random, int section) {
  return random.pick(Words{objective_hows[clamp_section(section)]});
}
std::string_view section_views(DemoRandom& random, int section) {
  return random.pick(Words{views[clamp_section(section)]});
}

}  // namespace pathway::demo
