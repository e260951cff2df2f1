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
// static inline wrapper with a `vk_` prefix; string constants are returned as C literals,
// which live for the whole process.

static inline void vk_openssl_free(void *ptr) { OPENSSL_free(ptr); }
static inline void vk_openssl_clear_free(void *ptr, size_t len) { OPENSSL_clear_free(ptr, len); }

// Key selections for EVP_PKEY_fromdata (composite macros).
static inline int vk_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
static inline int vk_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }

// Key type names for EVP_PKEY_CTX_new_from_name: OpenSSL 3.0 keeps the pointer in the context.
static inline const char *vk_keytype_rsa(void) { return "RSA"; }
static inline const char *vk_keytype_ec(void) { return "EC"; }

// OSSL_PARAM names.
static inline const char *vk_param_rsa_n(void) { return OSSL_PKEY_PARAM_RSA_N; }
static inline const char *vk_param_rsa_e(void) { return OSSL_PKEY_PARAM_RSA_E; }
static inline const char *vk_param_rsa_d(void) { return OSSL_PKEY_PARAM_RSA_D; }
static inline const char *vk_param_rsa_factor1(void) { return OSSL_PKEY_PARAM_RSA_FACTOR1; }
static inline const char *vk_param_rsa_factor2(void) { return OSSL_PKEY_PARAM_RSA_FACTOR2; }
static inline const char *vk_param_rsa_exponent1(void) { return OSSL_PKEY_PARAM_RSA_EXPONENT1; }
static inline const char *vk_param_rsa_exponent2(void) { return OSSL_PKEY_PARAM_RSA_EXPONENT2; }
static inline const char *vk_param_rsa_coefficient1(void) { return OSSL_PKEY_PARAM_RSA_COEFFICIENT1; }
static inline const char *vk_param_group_name(void) { return OSSL_PKEY_PARAM_GROUP_NAME; }
static inline const char *vk_param_ec_encoding(void) { return OSSL_PKEY_PARAM_EC_ENCODING; }
static inline const char *vk_param_ec_pub_x(void) { return OSSL_PKEY_PARAM_EC_PUB_X; }
static inline const char *vk_param_ec_pub_y(void) { return OSSL_PKEY_PARAM_EC_PUB_Y; }
static inline const char *vk_param_pub_key(void) { return OSSL_PKEY_PARAM_PUB_KEY; }
static inline const char *vk_param_priv_key(void) { return OSSL_PKEY_PARAM_PRIV_KEY; }
static inline const char *vk_ec_encoding_named_curve(void) { return OSSL_PKEY_EC_ENCODING_GROUP; }

// Digest names by index: 0 = SHA-256, 1 = SHA-384, 2 = SHA-512.
static inline const char *vk_digest_name(int index) {
    switch (index) {
    case 0: return "SHA256";
    case 1: return "SHA384";
    default: return "SHA512";
    }
}

// Curve group names and NIDs by index: 0 = P-256, 1 = P-384, 2 = P-521.
static inline const char *vk_curve_group_name(int index) {
    switch (index) {
    case 0: return SN_X9_62_prime256v1;
    case 1: return SN_secp384r1;
    default: return SN_secp521r1;
    }
}

static inline int vk_curve_nid(int index) {
    switch (index) {
    case 0: return NID_X9_62_prime256v1;
    case 1: return NID_secp384r1;
    default: return NID_secp521r1;
    }
}

static inline const char *vk_mac_name_hmac(void) { return "HMAC"; }

// A keyed HMAC context for `digest_name`, or NULL. The OSSL_PARAM array lives on this C stack
// frame, so no Swift temporary string is ever referenced by OpenSSL after a call returns.
static inline EVP_MAC_CTX *vk_hmac_ctx_new(EVP_MAC *mac, const unsigned char *key, size_t keylen,
                                           const char *digest_name) {
    static const unsigned char empty_key = 0;
    OSSL_PARAM params[2];
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    if (ctx == NULL) {
        return NULL;
    }
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest_name, 0);
    params[1] = OSSL_PARAM_construct_end();
    // A NULL key means "keep the previous key" to OpenSSL; an empty HMAC key needs a real pointer.
    if (EVP_MAC_init(ctx, key != NULL ? key : &empty_key, keylen, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

#endif
