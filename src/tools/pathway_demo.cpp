// pathway-demo: writes an Example Council server database and prints what
// is in it, with the headline figures next to the reports' published ones,
// so anyone can see the demo rates look like a real service's.
//
//   pathway-demo --out FILE.db [--scale N] [--seed S] [--today YYYY-MM-DD]
//
// --scale sets the number of young people (default 300; 10000 and 100000
// for benchmarks). The file must not exist yet: a load never mixes with
// other data. Up to 20,000 young people the figures come from the generated
// records; above that the council is generated and saved in slices (to keep
// memory flat) and the figures are read back from the store.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/figures.h"
#include "demo/council.h"
#include "demo/load.h"
#include "store/store.h"

namespace {

using namespace pathway;
using Clock = std::chrono::steady_clock;

constexpr int largest_in_memory = 20'000;

struct Arguments {
  std::string out;
  demo::DemoOptions options;
};

int usage(std::string_view problem) {
  if (!problem.empty()) std::fprintf(stderr, "pathway-demo: %.*s\n", static_cast<int>(problem.size()), problem.data());
  std::fprintf(stderr, "usage: pathway-demo --out FILE.db [--scale N] [--seed S] [--today YYYY-MM-DD]\n");
  return 2;
}

// Whole decimal numbers only ("300", not "3e2" or "300x").
std::optional<uint64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

std::optional<std::string> parse_arguments(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view name = argv[i];
    if (i + 1 >= argc) return "missing value after " + std::string(name);
    const std::string_view value = argv[++i];
    if (name == "--out") {
      args.out = value;
    } else if (name == "--scale") {
      const auto n = parse_number(value);
      if (!n || *n > static_cast<uint64_t>(demo::max_young_people))
        return "--scale takes a number of young people from 0 to " + std::to_string(demo::max_young_people);
      args.options.young_people = static_cast<int>(*n);
    } else if (name == "--seed") {
      const auto n = parse_number(value);
      if (!n) return "--seed takes a whole number";
      args.options.seed = *n;
    } else if (name == "--today") {
      const auto day = Date::parse(value);
      if (!day) return "--today takes a date as YYYY-MM-DD";
      args.options.today = *day;
    } else {
      return "unknown option " + std::string(name);
    }
  }
  if (args.out.empty()) return "--out is required";
  return std::nullopt;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// "(England 2015/16 87.3%, Kirklees January 2022 84.8%)": the latest
// published England figure and any from Kirklees, the closest report.
std::string comparison(core::Measure measure) {
  const bool percent = measure != core::Measure::caseload_per_pa && measure != core::Measure::cases_per_team;
  std::string england, kirklees;
  for (const core::PublishedFigure& f : core::published_figures()) {
    if (f.measure != measure) continue;
    char text[128];
    std::snprintf(text, sizeof text, "%.*s %.*s %.1f%s", static_cast<int>(f.area.size()), f.area.data(),
                  static_cast<int>(f.period.size()), f.period.data(), f.value, percent ? "%" : "");
    if (f.area.starts_with("England")) england = text;
    if (f.area == "Kirklees") kirklees = text;
  }
  std::string both = england;
  if (!kirklees.empty()) both += (both.empty() ? "" : ", ") + kirklees;
  return both.empty() ? both : "(" + both + ")";
}

void print_rate(const char* label, const core::Ratio& ratio, core::Measure measure) {
  std::printf("  %-28s %5.1f%%  %6d of %-6d %s\n", label, ratio.percent(), ratio.count, ratio.of,
              comparison(measure).c_str());
}

void print_counts(const core::Caseworld& world) {
  std::printf("records\n  teams %zu, staff %zu, duty rota %zu\n", world.teams.size(), world.staff.size(),
              world.duty_rota.size());
  std::printf(
      "  young people %zu, contacts %zu, plans %zu, activity spells %zu, accommodation spells %zu, risk "
      "assessments %zu\n",
      world.people.size(), world.contacts.size(), world.plans.size(), world.activities.size(),
      world.accommodations.size(), world.risks.size());
}

void print_figures(const core::Caseworld& world, Date today) {
  const Date from = today.plus_years(-1).plus_days(1);
  const core::Figures figures = core::compute_figures(world, from, today);
  const core::GroupFigures& all = figures.all;
  std::printf("figures for %s to %s\n", from.iso().c_str(), today.iso().c_str());
  std::printf("  care leavers %d (", all.care_leavers);
  for (int band = 0; band < core::age_band_count; ++band)
    std::printf("%s%.*s: %d", band ? ", " : "",
                static_cast<int>(core::code_of(static_cast<core::AgeBand>(band)).size()),
                core::code_of(static_cast<core::AgeBand>(band)).data(),
                figures.by_age_band[static_cast<size_t>(band)].care_leavers);
  std::printf(")\n  by category:");
  for (const auto& entry : core::all_of<core::Category>())
    std::printf(" %.*s %d;", static_cast<int>(entry.label.size()), entry.label.data(),
                figures.by_category[static_cast<size_t>(entry.value)].care_leavers);
  std::printf("\n");
  print_rate("in touch (903, birthdays)", all.in_touch, core::Measure::in_touch);
  print_rate("in EET", all.eet, core::Measure::eet);
  print_rate("in suitable accommodation", all.suitable_accommodation, core::Measure::suitable_accommodation);
  const int counted = all.plans_up_to_date + all.plans_overdue + all.no_plan;
  std::printf("  pathway plans                up to date %d / overdue %d / none %d of %d %s\n", all.plans_up_to_date,
              all.plans_overdue, all.no_plan, counted, comparison(core::Measure::plans_up_to_date).c_str());
  std::printf("  contacts overdue             %d of %d owed a PA; %d due within 7 days\n", all.contacts_overdue,
              all.owed_pa, all.contacts_due_within_7_days);
  std::printf("  risk                         %d high; %d reviews overdue\n", all.high_risk, all.risk_reviews_overdue);
  int smallest = -1, largest = 0, total = 0;
  for (const core::CaseloadRow& row : figures.by_pa) {
    total += row.young_people;
    largest = std::max(largest, row.young_people);
    smallest = smallest < 0 ? row.young_people : std::min(smallest, row.young_people);
  }
  if (!figures.by_pa.empty())
    std::printf("  caseload per PA              %.1f average (%d to %d) over %zu PAs %s\n",
                static_cast<double>(total) / static_cast<double>(figures.by_pa.size()), smallest, largest,
                figures.by_pa.size(), comparison(core::Measure::caseload_per_pa).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  if (argc == 1) return usage("");
  if (const auto problem = parse_arguments(argc, argv, args)) return usage(*problem);
  std::error_code ignored;
  if (std::filesystem::exists(args.out, ignored)) return usage(args.out + " exists: remove it or choose another --out");

  auto opened = store::Store::open({args.out, "", ""});
  if (!opened) {
    std::fprintf(stderr, "pathway-demo: cannot create %s: %s\n", args.out.c_str(), opened.error().message.c_str());
    return 1;
  }
  store::Store& store = **opened;
  const demo::DemoOptions& options = args.options;
  std::printf("Example Council: %d young people, seed %llu, today %s -> %s\n", options.young_people,
              static_cast<unsigned long long>(options.seed), options.today.iso().c_str(), args.out.c_str());

  if (options.young_people <= largest_in_memory) {
    const auto start = Clock::now();
    const demo::Council council = demo::generate_council(options);
    const double generated = seconds_since(start);
    const auto load_start = Clock::now();
    if (Status loaded = demo::load_council(store, council); !loaded) {
      std::fprintf(stderr, "pathway-demo: load failed (%s): %s\n", loaded.error().field.c_str(),
                   loaded.error().message.c_str());
      return 1;
    }
    const double loaded = seconds_since(load_start);
    const double records = static_cast<double>(council.record_count());
    std::printf("generated %.0f records in %.2f s; loaded in %.2f s (%.0f records/s, one transaction)\n", records,
                generated, loaded, records / loaded);
    print_counts(council);
    print_figures(council, options.today);
    return 0;
  }

  const auto start = Clock::now();
  if (Status loaded = demo::load_generated(store, options); !loaded) {
    std::fprintf(stderr, "pathway-demo: load failed (%s): %s\n", loaded.error().field.c_str(),
                 loaded.error().message.c_str());
    return 1;
  }
  const double elapsed = seconds_since(start);
  store::WorldScope scope;
  scope.contacts_from = options.today.plus_years(-2);
  auto world = store.load_world(scope);
  if (!world) {
    std::fprintf(stderr, "pathway-demo: reading back failed: %s\n", world.error().message.c_str());
    return 1;
  }
  std::printf("generated and loaded in %.2f s, in slices, one transaction\n", elapsed);
  print_counts(*world);
  std::printf("  (contacts since %s)\n", scope.contacts_from->iso().c_str());
  print_figures(*world, options.today);
  return 0;
}
