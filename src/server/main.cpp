// pathway-server: opens the server database, serves the packaged app and the
// API until SIGINT or SIGTERM, then stops cleanly (requests in flight finish).
//   pathway-server --port N --data DIR --web DIR [--host ADDRESS] [--database postgresql://...] [--demo]
//   pathway-server --data DIR --create-admin USERNAME   (password on stdin)
// Signals are blocked in every thread and taken by sigwait() here, so stopping
// never runs code inside a signal handler.
#include <pthread.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "server/account_store_postgres.h"
#include "server/account_store_sqlite.h"
#include "server/accounts.h"
#include "server/clock.h"
#include "server/demo_data.h"
#include "server/http_listener.h"
#include "server/options.h"
#include "server/passwords.h"
#include "server/sync_store.h"
#include "server/routes.h"
#include "server/shared_record.h"
#include "store/store.h"

namespace {

using namespace pathway;

int fail(const std::string& message) {
  std::fprintf(stderr, "pathway-server: %s\n", message.c_str());
  return 1;
}

void write_log_line(const std::string& line) {
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  std::fprintf(stdout, "%s\n", line.c_str());
  std::fflush(stdout);
}

// The first line of stdin, without echo when it is a terminal. At most
// password_max_bytes + 1 bytes are kept, so an over-long password is
// refused rather than cut.
std::string read_password_line() {
  termios saved{};
  const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    std::fputs("Password for the new administrator (12 or more characters): ", stderr);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  for (int c; (c = std::getchar()) != EOF && c != '\n';) {
    if (line.size() <= server::password_max_bytes) line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", stderr);
  }
  return line;
}

int create_admin(server::AccountStore& accounts, const std::string& username) {
  std::string password = read_password_line();
  const auto created = server::create_first_admin(accounts, username, password, server::utc_now());
  std::fill(password.begin(), password.end(), '\0');
  if (!created) return fail(created.error().message);
  std::printf("Created the administrator %s.\n", server::normalise_username(username).c_str());
  return 0;
}

// --demo: the Example Council into an empty database, and its demo
// accounts, printed. A database with another council keeps serving, without
// demo accounts.
Status prepare_demo(store::Store& database, server::AccountStore& accounts, const std::filesystem::path& data_dir) {
  const auto loaded = server::load_demo_council_if_empty(database, server::utc_now());
  if (!loaded) return Error{loaded.error().code, "cannot load the demo council: " + loaded.error().message};
  if (*loaded) std::printf("Loaded the Example Council demo data (fictional) into %s\n", data_dir.c_str());
  const auto demo_accounts = server::ensure_demo_accounts(accounts, database, server::utc_now());
  if (!demo_accounts) {
    if (demo_accounts.error().code != ErrorCode::conflict) {
      return Error{demo_accounts.error().code, "cannot make the demo accounts: " + demo_accounts.error().message};
    }
    std::printf("%s\n", demo_accounts.error().message.c_str());
    return ok_status();
  }
  std::printf("Demo accounts, each with the password %s:\n", server::demo_password.data());
  for (const auto& account : *demo_accounts) {
    std::printf("  %-10s %s, %s%s%s\n", account.username.c_str(), account.display_name.c_str(),
                server::role_code(account.role).data(), account.team_name.empty() ? "" : ", ",
                account.team_name.c_str());
  }
  return ok_status();
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const auto options = server::parse_options(args);
  if (!options) {
    std::fprintf(stderr, "pathway-server: %s\n%s", options.error().message.c_str(), server::usage().data());
    return 2;
  }
  if (options->help) {
    std::fputs(server::usage().data(), stdout);
    return 0;
  }

  std::error_code error;
  std::filesystem::create_directories(options->data_dir, error);
  if (error) return fail("cannot create the data folder " + options->data_dir.string() + ": " + error.message());
  auto accounts_opened = options->database.empty()
                             ? server::open_sqlite_account_store((options->data_dir / "accounts.db").string())
                             : server::open_postgres_account_store(options->database);
  if (!accounts_opened) return fail("cannot open the account database: " + accounts_opened.error().message);
  auto& accounts = *accounts_opened;
  if (!options->create_admin.empty()) return create_admin(*accounts, options->create_admin);

  if (!std::filesystem::is_regular_file(options->web_dir / "index.html", error)) {
    return fail("no index.html in " + options->web_dir.string() + ": build the app first (scripts/build.sh)");
  }

  auto opened = server::open_shared_record((options->data_dir / "pathway.db").string());
  if (!opened) return fail("cannot open the database: " + opened.error().message);
  auto& database = *opened;
  if (options->demo) {
    if (Status ready = prepare_demo(*database, *accounts, options->data_dir); !ready) return fail(ready.error().message);
  }
  // One connection, many request threads: every use goes through its lock.
  server::SharedRecord record(*database);
  const auto sync = server::open_sqlite_sync_store(record);
  // Records loaded without sync (the demo council, at its first start)
  // become pullable; a no-op once every record is in the ledger.
  if (auto adopted = sync->adopt_unlogged_records(server::utc_now()); !adopted) {
    return fail("cannot prepare the shared record for sync: " + adopted.error().message);
  } else if (*adopted > 0) {
    std::printf("Made %lld records pullable by devices\n", static_cast<long long>(*adopted));
  }

  const server::Services services{
      .web_root = options->web_dir,
      .guide_dir = options->guide_dir,
      .check_database =
          [&]() -> Status {
            const auto version = record.with([](store::Store& store) { return store.schema_version(); });
            if (!version) return version.error();
            return accounts->check();
          },
      .accounts = accounts.get(),
      .record = &record,
      .sync = sync.get(),
      .now = server::utc_now,
  };

  // Block the stop signals before any thread starts, so all threads inherit it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  server::Listener listener(server::make_router(services), write_log_line);
  listener.trust_proxies(options->trusted_proxies);
  const auto port = listener.bind(options->host, options->port);
  if (!port) return fail(port.error().message);

  Status served = ok_status();
  std::thread serving([&] {
    served = listener.run();
    if (!served) kill(getpid(), SIGTERM);  // wake sigwait below
  });
  const std::string shown_host = options->host == "0.0.0.0" ? "127.0.0.1" : options->host;
  std::printf("Pathway is running: open http://%s:%d/\n", shown_host.c_str(), *port);
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  listener.stop();
  serving.join();
  if (!served) return fail(served.error().message);
  std::printf("Pathway stopped.\n");
  return 0;
}
