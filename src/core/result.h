// Errors as values. Every boundary (parsing, storage, network) returns a
// Result: either the value or an Error with a code the caller can act on and a
// message a person can read. Nothing throws across the wasm boundary.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pathway {

enum class ErrorCode {
  invalid_input,   // a field is missing, malformed, out of range or too long
  not_found,
  conflict,        // the record changed elsewhere, or the operation is not allowed in its state
  forbidden,       // the signed-in person may not do this
  storage,         // SQLite or IndexedDB failed
  wrong_key,       // the passphrase does not open the database
  corrupt,         // data that cannot be read as what it claims to be
  unavailable,     // network or browser feature missing
  internal,
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // for people: says what is wrong and, where it can, what to do
  std::string field;    // the input field at fault, when there is one
};

inline Error invalid(std::string field, std::string message) {
  return Error{ErrorCode::invalid_input, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace pathway
