#ifndef VERIFYKIT_CLIBCRYPTO_SHIM_H
#define VERIFYKIT_CLIBCRYPTO_SHIM_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

// Function-like macros and parameter-name macros do not import into Swift (or import as
// temporary Swift strings, which OpenSSL builders would keep dangling). Each gets a
// static inline wrapper with a `vk_` prefix; string constants are returned as C literals.

static inline void vk_openssl_free(void *ptr) { OPENSSL_free(ptr); }

#endif
