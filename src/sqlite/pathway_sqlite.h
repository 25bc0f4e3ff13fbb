/* What Pathway adds to the SQLite3 Multiple Ciphers build (sqlite3mc_unit.c). */
#ifndef PATHWAY_SQLITE_H
#define PATHWAY_SQLITE_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/* Argon2id (one lane) from the amalgamation. Returns 0 on success. */
int pathway_argon2id(uint32_t iterations, uint32_t memory_kib,
                     const void *passphrase, size_t passphrase_len,
                     const void *salt, size_t salt_len,
                     void *key, size_t key_len);

#ifdef __cplusplus
}
#endif
#endif
