#!/usr/bin/env python3
"""Regenerates pyjwt-interop.json: JWTs made by a second, independent implementation (PyJWT over pyca/cryptography)
for every algorithm VerifyKit supports, and tokens VerifyKit must refuse.

- verify, valid: one token per algorithm (HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA, and
  Ed25519, the RFC 9864 name, signed by PyJWT's own Ed25519 algorithm registered under that name), with typical
  claims (iss, sub, aud, iat, nbf, exp, custom ones, a non-ASCII string that PyJWT writes as \\u escapes), a kid in
  the header for every other algorithm; header and claims are compared exactly.
- verify, refused: algorithm confusion (HS256 keyed with the RSA public key's PEM), alg none, an ES256 signature in
  DER instead of r || s, PS256 with a salt length other than the digest length (0, 20 and the maximum), expired,
  nbf in the future, a wrong aud, a payload changed after signing, a kid the key set does not hold. Where PyJWT
  refuses to make such a token it is crafted here with hmac / pyca/cryptography.
- sign: for the deterministic algorithms (HS*, RS*, EdDSA, Ed25519) VerifyKit must reproduce PyJWT's token byte
  for byte. Only headers whose serialisations can agree are used: PyJWT sorts header members (alg, kid, typ) while
  VerifyKit writes alg, typ, kid, so the header is either {alg, typ} or {alg, kid}; the claims are ASCII, because
  PyJWT escapes other characters as \\u sequences and VerifyKit writes them as UTF-8.

Every token is checked here with PyJWT too: the valid ones must decode, the refused ones must be refused.

All keys are TEST-ONLY. HMAC secrets, EC private scalars and the Ed25519 seed are derived from fixed labels (SHA-2 of
the label; the EC scalar is SHA-512 of the label reduced mod the order). An RSA key cannot be derived cheaply, so
the 2048-bit one below was generated once with pyca/cryptography and is committed here.

Deterministic output: PS* and ES* signatures are randomized, so this script reuses the token of the same vector id
from the existing pyjwt-interop.json when it signs exactly the signing input this run would sign and PyJWT still
verifies it (the PSS salt-length tokens: when PSS with that salt length verifies it). Regenerating therefore
rewrites the same file; delete the file (or pass --fresh) and the randomized signatures change.

Run from this folder: pip install pyjwt==2.15.1 cryptography==48.0.0; python3 generate_pyjwt.py
(writes pyjwt-interop.json beside this file).
"""
import base64
import hashlib
import hmac
import json
import os
import sys

import cryptography
import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from jwt.algorithms import ECAlgorithm, HMACAlgorithm, OKPAlgorithm, RSAAlgorithm

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "pyjwt-interop.json")

# TEST-ONLY: generated once with rsa.generate_private_key(65537, 2048) and exported with PyJWT's
# RSAAlgorithm.to_jwk. Never use it for anything but these vectors.
TEST_ONLY_RSA_JWK = {
    "kty": "RSA",
    "n": "kGQPFk6KMkXm3sn6ia2ldKzkLy8dh6jVTP3al50WS4zjpomxgXm3XlWMcHySZhyMQuq9fzoTAoxtCXg172d5CF_zPxwz-SDk7CSPMtryur9Y"
    "PS-7C0EZQdKg-RhXiBWpYoltWZIaKnvk6-1O5D7JT2rzhkRzDZZFdHMZy1SVoZjBJyORYgpr2wz_j83gccGlKj-6MDbHmJkDwGcil2KFuOAQnQVa"
    "eqRdbUCcoTCH6B4Zvef5MJbzV12bUJmR0uEaeOyjlIL0QqDauoZb2ChFaKrk5tZIHiYCfvjU358loMOhegOOlw6GOReq5l0_wBPacOiJ3Lzg0U0t"
    "_9Mp__F23w",
    "e": "AQAB",
    "d": "Ha0K8sU6nwGB5Uky3mgbiOLd1RrEYXTgPf4wlpeZFPcEdN545oj7GH7Rqe7YcfctFrXDM6pebNgqstcLksQ7-m4qAs8LmYjas_QBoGyilaIt"
    "AwpT0YjUJZSiM__-QYBeO1vOZynhidjD4H96BuwmmNV87pwT33eCl9_uLb2ZMUhyYWbmK2LqsDJ4UqN3Fv8QgB93z6rWQPDCbzX7PTo_v62JaYud"
    "0TqAIunBGm4rS0Q9zQhwJMk6GQKRvIjE8Dl9l91rUB9HETdQvTMvFuuw1-9AOEyDXcC9o3ZtFKfaKdnpIrmA_bG9dR8t2PyOItP3d1SqJdD2hBsq"
    "RjWp_jk8zQ",
    "p": "xLSDdGt4Ac-K-a9kqzcH_Qnute1WM-t0uOKxVGNduRwqmqibhJPMwFcaZUgNvzItYi99urkNbQVIM9DnDign3xgqFv8uRWCV-zPLf950lprS"
    "llQo6gBg_qTqm33QCBr6VBClKHiiag3cXTyT5lK3N3EoKi3C2KsxxxvITl6ASYU",
    "q": "u-qE1Cy1ZxZd5HFy9CAawgmHbBte5D8gN9KcwbPtvtzeCWHIR0s8IP-l-6qIcTy9LmUewjsIzMfP_-LcSjFywIReBge-nlHHyH2n89D59i2p"
    "Ukc1uOvi9f4byLapg_0y8msTnbeCrTl7xaAV-pIqMu9AeVUToGAUwvoNa30KmhM",
    "dp": "Me0HOHNWgE8nHPyRdot_MZBl0DMvH_pxI8QV8i9OSH-HqL2Gy32gCGmTP4WsR4z6y-L17ICvka43hz9MheFXTV6awD-AhQdgyeN5kTjrKpa"
    "dQJ6Xy9zQwZEmItUqCgSe6NtYsA7-WiCuf9OyTlFMQ3wrD5mRzOCWv8yjaJC_yuk",
    "dq": "qGL_37ioXNW4EQpv_b3-_DzZss_b-h9u2VbKzPBUbCEyfam3c9tA6DjtHVS0qvPIehh2tYl82zN5eUxqJbmloEl8j17FOs0BfvDKXTq3ohd"
    "MkMPqqegGGnQ3pWW5BOMQkhXNIBje6iaGeJJ43222jqnBVngb_CvcrtKuz9DefS0",
    "qi": "o7DKKkThYKNBsH5XZDOLKdm7f3Cuse_gQl6Izm3HFaq4xFsxeTjFbtJd0wLhNWftP4JE-3B5OmLFnv_yBygggzQNaaZlUfeW-lPV6LxUTU0"
    "Sa4iTF3Swoq7JHyc-5lfZYorJq-wBTVZKFKKKdcrw3AK-9Fc4b7RO43aAINTkjb4",
}

LABEL = "verifykit pyjwt-interop TEST-ONLY %s key"
ISSUER = "https://issuer.example/pyjwt"
AUDIENCE = "verifykit-interop"
IAT = 1767225600  # 2026-01-01T00:00:00Z
NOW = IAT + 600  # the verifier's clock for the valid vectors: after nbf, before exp
HMAC_HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
EC_CURVES = {"ES256": ec.SECP256R1(), "ES384": ec.SECP384R1(), "ES512": ec.SECP521R1()}
# Orders of the NIST curves (FIPS 186-4 D.1.2), for reducing the derived scalars.
EC_ORDERS = {
    "ES256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "ES384": int(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16
    ),
    "ES512": int(
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
        "FA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
        16,
    ),
}
ALGORITHMS = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
]
RANDOMIZED = ("PS", "ES")

# PyJWT knows Ed25519 only as EdDSA; RFC 9864's fully-specified name is the same signature, so PyJWT's own
# Ed25519 implementation is registered under it.
PYJWT = jwt.PyJWT()
PYJWT._jws.register_algorithm("Ed25519", OKPAlgorithm())


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def label_hash(alg, hash_function):
    return hash_function((LABEL % alg).encode()).digest()


def private_key(alg):
    """The TEST-ONLY private key for `alg` in PyJWT's terms (bytes for HMAC, a cryptography key otherwise)."""
    if alg in HMAC_HASHES:
        return label_hash(alg, HMAC_HASHES[alg])  # as long as the hash output: the policy's default minimum
    if alg in EC_CURVES:
        scalar = int.from_bytes(label_hash(alg, hashlib.sha512), "big") % EC_ORDERS[alg]
        assert scalar != 0
        return ec.derive_private_key(scalar, EC_CURVES[alg])
    if alg in ("EdDSA", "Ed25519"):
        return Ed25519PrivateKey.from_private_bytes(label_hash("Ed25519", hashlib.sha256))
    return RSAAlgorithm.from_jwk(TEST_ONLY_RSA_JWK)


def jwk_class(alg):
    if alg in HMAC_HASHES:
        return HMACAlgorithm
    if alg in EC_CURVES:
        return ECAlgorithm
    if alg in ("EdDSA", "Ed25519"):
        return OKPAlgorithm
    return RSAAlgorithm


def public_key(alg):
    key = private_key(alg)
    return key if alg in HMAC_HASHES else key.public_key()


def jwk(alg, private=False, kid=None):
    """The key as PyJWT exports it (RSA and EC JWKs carry key_ops), with `kid` when given."""
    key = private_key(alg) if private else public_key(alg)
    exported = jwk_class(alg).to_jwk(key, as_dict=True)
    if kid is not None:
        exported["kid"] = kid
    return exported


def kid_for(alg):
    return "pyjwt-%s-test-only" % alg.lower()


def parts(token):
    header, payload, signature = token.split(".")
    return json.loads(unb64url(header)), json.loads(unb64url(payload)), signature


def typical_claims(alg, **changes):
    claims = {
        "iss": ISSUER,
        "sub": "user-%s" % alg.lower(),
        "aud": AUDIENCE,
        "iat": IAT,
        "nbf": IAT,
        "exp": IAT + 3600,
        "jti": "pyjwt-%s-0001" % alg.lower(),
        "name": "Zoë Ångström",
        "roles": ["reader", "writer"],
        "tenant": {"id": 42, "active": True},
    }
    claims.update(changes)
    return claims


def pyjwt_accepts(token, alg, audience=AUDIENCE, now=NOW):
    """PyJWT's own verification (signature, alg, iss, aud), then its time rules at the vector's fixed clock: PyJWT
    reads the wall clock, so exp (expired when exp <= now) and nbf (not yet valid when nbf > now) are applied
    here at `now`."""
    claims = PYJWT.decode(
        token,
        public_key(alg),
        algorithms=[alg],
        audience=audience,
        issuer=ISSUER,
        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
    )
    if "exp" in claims and claims["exp"] <= now:
        raise jwt.ExpiredSignatureError("Signature has expired")
    if "nbf" in claims and claims["nbf"] > now:
        raise jwt.ImmatureSignatureError("The token is not yet valid (nbf)")
    return claims


def pyjwt_refuses(token, alg, error, audience=AUDIENCE, now=NOW, key=None):
    try:
        if key is not None:
            PYJWT.decode(token, key, algorithms=[alg], options={"verify_aud": False})
        else:
            pyjwt_accepts(token, alg, audience, now)
    except error:
        return
    raise SystemExit("PyJWT accepted or refused differently a token it must refuse with %s" % error.__name__)


def previous_tokens():
    if "--fresh" in sys.argv or not os.path.exists(OUTPUT):
        return {}
    with open(OUTPUT, encoding="utf-8") as handle:
        return {v["id"]: v.get("token") for v in json.load(handle)["vectors"]}


PREVIOUS = previous_tokens()


def reuse(vector_id, signing_input, verifies):
    """The committed token of `vector_id` when it signs `signing_input` and `verifies(token)`, else None."""
    token = PREVIOUS.get(vector_id)
    if token and token.rsplit(".", 1)[0] == signing_input and verifies(token):
        return token
    return None


def pyjwt_encode(vector_id, alg, claims, headers=None):
    """PyJWT's token; for a randomized algorithm the committed one when it is still PyJWT's signature of the same
    header and claims."""
    token = PYJWT.encode(claims, private_key(alg), algorithm=alg, headers=headers)
    if alg.startswith(RANDOMIZED):

        def verifies(candidate):
            try:
                PYJWT.decode(candidate, public_key(alg), algorithms=[alg], options={"verify_signature": True,
                             "verify_aud": False, "verify_exp": False, "verify_nbf": False, "verify_iat": False})
                return True
            except jwt.InvalidTokenError:
                return False

        token = reuse(vector_id, token.rsplit(".", 1)[0], verifies) or token
    return token


vectors = []


def verify_vector(vector_id, comment, token, keys, options, expect):
    vector = {"id": vector_id, "operation": "verify", "comment": comment, "token": token, "keys": keys}
    vector["options"] = options
    vector["expect"] = expect
    vectors.append(vector)


def valid_options(alg):
    return {"now": NOW, "algorithms": [alg], "issuers": [ISSUER], "audiences": [AUDIENCE]}


# Valid: one per algorithm, signed by PyJWT.
valid_tokens = {}
for index, alg in enumerate(ALGORITHMS):
    kid = kid_for(alg) if index % 2 == 1 else None
    claims = typical_claims(alg)
    vector_id = "%s valid" % alg
    token = pyjwt_encode(vector_id, alg, claims, headers={"kid": kid} if kid else None)
    assert pyjwt_accepts(token, alg) == claims
    header, decoded, _ = parts(token)
    assert decoded == claims
    valid_tokens[alg] = token
    verify_vector(
        vector_id,
        "PyJWT %s token with iss, sub, aud, iat, nbf, exp, jti and custom claims (a non-ASCII name PyJWT writes as "
        "\\u escapes, an array, an object)%s, verified at nbf + 600 s with alg, issuer and audience pinned"
        % (alg, ", kid in the header" if kid else ", no kid"),
        token,
        [jwk(alg, kid=kid)],
        valid_options(alg),
        {"valid": True, "alg": alg, "kid": kid, "header": header, "claims": claims},
    )


def refused(vector_id, comment, token, keys, options, error):
    verify_vector(vector_id, comment, token, keys, options, {"valid": False, "error": error})


# Algorithm confusion: PyJWT refuses a PEM public key as an HMAC secret, so the HMAC is computed here.
rsa_pem = public_key("RS256").public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
confusion_claims = typical_claims("HS256", sub="attacker")
confusion_input = "%s.%s" % (
    b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode()),
    b64url(json.dumps(confusion_claims, separators=(",", ":")).encode()),
)
confusion = confusion_input + "." + b64url(hmac.new(rsa_pem, confusion_input.encode(), hashlib.sha256).digest())
pyjwt_refuses(confusion, "HS256", jwt.InvalidKeyError, key=rsa_pem)
refused(
    "HS256 keyed with the RSA public key's PEM (algorithm confusion)",
    "an HS256 token whose HMAC secret is the RSA public key's SubjectPublicKeyInfo PEM (crafted: PyJWT refuses a PEM "
    "as an HMAC secret), presented to a verifier that trusts only that RSA public key: an RSA key must never be used "
    "as an HMAC secret",
    confusion,
    [jwk("RS256")],
    {"now": NOW},
    "algorithm_not_allowed",
)

# alg none, made by PyJWT itself.
unsecured = PYJWT.encode(typical_claims("none"), None, algorithm="none")
assert unsecured.endswith(".")
pyjwt_refuses(unsecured, "HS256", jwt.InvalidAlgorithmError, key=private_key("HS256"))
refused(
    "alg none",
    "PyJWT's unsecured token (alg none, empty signature) against a trusted HS256 secret: never accepted",
    unsecured,
    [jwk("HS256", private=True)],
    {"now": NOW},
    "unsupported_algorithm",
)

# ES256 signature in DER: the same (r, s) as the valid ES256 token, only encoded as ASN.1 instead of r || s.
es_input, es_signature = valid_tokens["ES256"].rsplit(".", 1)
raw = unb64url(es_signature)
der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
private_key("ES256").public_key().verify(der, es_input.encode(), ec.ECDSA(hashes.SHA256()))  # a valid DER signature
der_token = es_input + "." + b64url(der)
pyjwt_refuses(der_token, "ES256", jwt.InvalidSignatureError)
refused(
    "ES256 signature in DER",
    "the valid ES256 token's (r, s) re-encoded as an ASN.1 DER signature (%d bytes) instead of the 64-byte r || s "
    "of RFC 7518 §3.4: the signature is mathematically valid but in the wrong form" % len(der),
    der_token,
    [jwk("ES256")],
    valid_options("ES256"),
    "bad_signature",
)

# PS256 with other salt lengths: RFC 7518 §3.5 fixes the salt to the hash length (32 bytes for PS256).
rsa_private = private_key("PS256")
pss_claims = typical_claims("PS256")
pss_input = PYJWT.encode(pss_claims, rsa_private, algorithm="PS256").rsplit(".", 1)[0]
for salt, why in ((0, "no salt"), (20, "the SHA-1 digest length"), (padding.PSS.MAX_LENGTH, "the maximum, 222")):
    salt_name = "max" if salt == padding.PSS.MAX_LENGTH else str(salt)
    vector_id = "PS256 with a %s-byte PSS salt" % salt_name
    scheme = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=salt)

    def verifies_with_salt(candidate, scheme=scheme):
        try:
            rsa_private.public_key().verify(unb64url(candidate.rsplit(".", 1)[1]), pss_input.encode(), scheme,
                                            hashes.SHA256())
            return True
        except InvalidSignature:
            return False

    token = reuse(vector_id, pss_input, verifies_with_salt)
    if token is None:
        token = pss_input + "." + b64url(rsa_private.sign(pss_input.encode(), scheme, hashes.SHA256()))
    assert verifies_with_salt(token)
    pyjwt_refuses(token, "PS256", jwt.InvalidSignatureError)
    refused(
        vector_id,
        "PyJWT's PS256 header and claims signed with RSASSA-PSS, MGF1-SHA-256 and a salt of %s bytes (%s; crafted "
        "with pyca/cryptography): RFC 7518 §3.5 says the salt is as long as the hash output, 32 bytes"
        % ("222" if salt_name == "max" else salt_name, why),
        token,
        [jwk("PS256")],
        valid_options("PS256"),
        "bad_signature",
    )

# Time and audience refusals, signed by PyJWT with deterministic algorithms.
for vector_id, alg, claims, private, pyjwt_error, comment, code in (
    (
        "expired", "EdDSA", typical_claims("EdDSA", exp=NOW - 60), False, jwt.ExpiredSignatureError,
        "PyJWT EdDSA token whose exp lies 60 s before options.now (no leeway)", "expired",
    ),
    (
        "nbf in the future", "RS256", typical_claims("RS256", nbf=NOW + 3600, exp=NOW + 7200), False,
        jwt.ImmatureSignatureError, "PyJWT RS256 token whose nbf lies an hour after options.now (no leeway)",
        "not_yet_valid",
    ),
    (
        "wrong aud", "HS256", typical_claims("HS256", aud=["another-service", "a-third"]), True,
        jwt.InvalidAudienceError,
        "PyJWT HS256 token for the audiences another-service and a-third; the verifier accepts only %s" % AUDIENCE,
        "invalid_audience",
    ),
):
    token = pyjwt_encode(vector_id, alg, claims)
    pyjwt_refuses(token, alg, pyjwt_error)
    refused(vector_id, comment, token, [jwk(alg, private=private)], valid_options(alg), code)

# A payload changed after signing: the valid RS256 token with sub changed, its signature kept.
header_b64, _, signature_b64 = valid_tokens["RS256"].split(".")
promoted = typical_claims("RS256", sub="admin")
tampered = "%s.%s.%s" % (header_b64, b64url(json.dumps(promoted, separators=(",", ":")).encode()), signature_b64)
pyjwt_refuses(tampered, "RS256", jwt.InvalidSignatureError)
refused(
    "tampered payload",
    "the valid RS256 token with sub changed to admin after signing and the signature kept",
    tampered,
    [jwk("RS256")],
    valid_options("RS256"),
    "bad_signature",
)

# A kid the key set does not hold: the valid HS384 token (kid pyjwt-hs384-test-only) against a key with another kid.
refused(
    "kid not in the key set",
    "the valid HS384 token, whose header names kid %s, against its own secret published under another kid: a key "
    "with another kid is never tried" % kid_for("HS384"),
    valid_tokens["HS384"],
    [jwk("HS384", private=True, kid="another-kid")],
    valid_options("HS384"),
    "key_not_found",
)

# Sign: the deterministic algorithms, byte for byte.
for index, alg in enumerate(a for a in ALGORITHMS if not a.startswith(RANDOMIZED)):
    claims = {
        "iss": ISSUER,
        "sub": "signer-%s" % alg.lower(),
        "aud": [AUDIENCE, "https://other.example/api"],
        "iat": IAT,
        "nbf": IAT,
        "exp": IAT + 3600,
        "scope": "read write",
        "admin": False,
        "n": -17,
    }
    if index % 2 == 0:
        extra = {"typ": "JWT"}  # PyJWT's default header: {"alg":…,"typ":"JWT"}
        token = PYJWT.encode(claims, private_key(alg), algorithm=alg)
    else:
        extra = {"kid": kid_for(alg)}  # typ dropped, so PyJWT's sorted {"alg":…,"kid":…} is VerifyKit's order too
        token = PYJWT.encode(claims, private_key(alg), algorithm=alg, headers={"kid": kid_for(alg), "typ": None})
    header, decoded, _ = parts(token)
    assert header == dict({"alg": alg}, **extra) and decoded == claims
    assert pyjwt_accepts(token, alg, audience=AUDIENCE) == claims
    vectors.append(
        {
            "id": "%s sign like PyJWT" % alg,
            "operation": "sign",
            "comment": "VerifyKit must produce PyJWT's %s token byte for byte from the same header members and claims"
            % alg,
            "key": jwk(alg, private=True),
            "alg": alg,
            "header": extra,
            "claims": claims,
            "expect": {"token": token},
        }
    )

document = {
    "kind": "jose",
    "title": "PyJWT interoperability: tokens for every supported algorithm, tokens to refuse, byte-exact signing",
    "source": "PyJWT %s (https://github.com/jpadilla/pyjwt) over pyca/cryptography %s; generate_pyjwt.py"
    % (jwt.__version__, cryptography.__version__),
    "note": "TEST-ONLY keys. PS* and ES* signatures are randomized: regenerating keeps the committed ones while "
    "they still sign the same header and claims, --fresh replaces them. Valid vectors use now = %d (iat + 600)."
    % NOW,
    "vectors": vectors,
}
with open(OUTPUT, "w", encoding="utf-8") as handle:
    json.dump(document, handle, indent=2, ensure_ascii=False)
    handle.write("\n")
print("wrote %d vectors to %s" % (len(vectors), OUTPUT), file=sys.stderr)
