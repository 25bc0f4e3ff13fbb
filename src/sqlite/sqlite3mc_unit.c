/*
** The SQLite3 Multiple Ciphers amalgamation as one translation unit, plus the
** one thing we need from it that it keeps static: Argon2id. The app derives
** the database key from the user's passphrase with Argon2id and hands SQLite
** the raw key, so SQLite3MC's own (PBKDF2) key derivation never runs.
*/
#include "sqlite3.c"
#include "pathway_sqlite.h"

int pathway_argon2id(uint32_t iterations, uint32_t memory_kib,
                     const void *passphrase, size_t passphrase_len,
                     const void *salt, size_t salt_len,
                     void *key, size_t key_len) {
  return argon2id_hash_raw(iterations, memory_kib, 1, passphrase, passphrase_len,
                           salt, salt_len, key, key_len) == ARGON2_OK ? 0 : -1;
}
