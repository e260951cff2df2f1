#!/usr/bin/env python3
"""Regenerates tokens.json: the FIB document's two tokens (decoded only: the server's key is not published),
one token of each kind with the same shape signed here with a TEST-ONLY Ed25519 server key (pyca/cryptography),
verifiable, and negative vectors built from those that verification must refuse with `verifyError`.

Run from this folder: python3 generate_tokens.py > tokens.json.
"""
import base64
import hashlib
import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ACCESS = (
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJhY2MiOiJhbGljZUB3b25kZXJsYW5kIiwic3ViIjoiYWxpY2VAbWFpbC5jb20iLCJyb2xl"
    "IjoiUk9MRV9QRUVSIiwiZXhwIjoxNzAzMTg3NDEyLCJqdGkiOiIwNjgzM2FlZi03ZDljLTQ2MTUtYTU4YS02YjYxZWZkM2FhNjEifQ.HvrukWtc"
    "A7nz5rbxWiklJOjnv4X7jaAQ7piJaxqlW5rvUv52rClqYYHSn9F-P4u6pKNlJSpiiiH0GnynXsL7CQ"
)
REFRESH = (
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZUBtYWlsLmNvbSIsImFjanRpIjoiMDY4MzNhZWYtN2Q5Yy00NjE1LWE1"
    "OGEtNmI2MWVmZDNhYTYxIiwiZXhwIjoxNzAzMjczNTEyLCJqdGkiOiJhY2NkYWUzNS00ODA1LTQ5NmQtYTBiZC02Y2Y4OGI3OTBkYjkifQ.rCrb"
    "FnF5axwixq4wwURZdu_DFwFlOil9RFYkmqlLYVPoU1UpN8PlWC8Kg7QBvA-eJYVzb8yKgQ0GiIAITe3ADA"
)


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decoded(token):
    header, payload, _ = token.split(".")
    return json.loads(unb64url(header)), json.loads(unb64url(payload))


def test_key(label):
    """A TEST-ONLY Ed25519 key whose seed is SHA-256 of a fixed label, so every run makes the same tokens."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label).digest())


def encode(part):
    return b64url(json.dumps(part, separators=(",", ":")).encode())


def signed(key, header, claims):
    signing_input = encode(header) + "." + encode(claims)
    return signing_input + "." + b64url(key.sign(signing_input.encode()))


def flip_signature_byte(token):
    """The token with the first byte of its raw signature inverted: still 64 bytes of base64url, so only the
    signature check can refuse it (a byte of R, so S stays below the group order)."""
    signing_input, signature = token.rsplit(".", 1)
    raw = bytearray(unb64url(signature))
    raw[0] ^= 0xFF
    return signing_input + "." + b64url(bytes(raw))


vectors = []
for kind, token in (("access", ACCESS), ("refresh", REFRESH)):
    header, claims = decoded(token)
    vectors.append(
        {
            "id": "document-%s" % kind,
            "comment": "the FIB document's %s token; the server key is not published, so decode only" % kind,
            "kind": kind,
            "token": token,
            "header": header,
            "claims": claims,
            "serverPublicKey": None,
            "verifyAt": None,
        }
    )

server = test_key(b"verifykit fib TEST-ONLY server key")
public = server.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
# Signs the "another key" vector: a key the verifier was not given must not be trusted.
other = test_key(b"verifykit fib TEST-ONLY other server key")
genuine = {}
for kind, claims in (
    (
        "access",
        {"acc": "alice@wonderland", "sub": "alice@mail.com", "role": "ROLE_PEER", "exp": 1703187412,
         "jti": "06833aef-7d9c-4615-a58a-6b61efd3aa61"},
    ),
    (
        "refresh",
        {"sub": "alice@mail.com", "acjti": "06833aef-7d9c-4615-a58a-6b61efd3aa61", "exp": 1703273512,
         "jti": "accdae35-4805-496d-a0bd-6cf88b790db9"},
    ),
):
    header = {"typ": "JWT", "alg": "EdDSA"}
    token = signed(server, header, claims)
    genuine[kind] = (token, header, claims)
    vectors.append(
        {
            "id": "test-key-%s" % kind,
            "comment": "same shape as the document's %s token, signed with a TEST-ONLY server key (seed "
            "SHA-256(\"verifykit fib TEST-ONLY server key\"))" % kind,
            "kind": kind,
            "token": token,
            "header": header,
            "claims": claims,
            "serverPublicKey": public.hex(),
            "verifyAt": claims["exp"] - 60,
        }
    )


def negative(name, kind, comment, token, claims, verify_at, error):
    header = genuine[kind][1]
    vectors.append(
        {
            "id": "test-key-%s-%s" % (kind, name),
            "comment": comment,
            "kind": kind,
            "token": token,
            "header": header,
            "claims": claims,
            "serverPublicKey": public.hex(),
            "verifyAt": verify_at,
            "verifyError": error,
        }
    )


access, access_header, access_claims = genuine["access"]
before_expiry = access_claims["exp"] - 60
negative(
    "signature-tampered",
    "access",
    "test-key-access with the first byte of its raw signature inverted (still 64 bytes): the signature no longer "
    "matches header and payload, so the server key must refuse it",
    flip_signature_byte(access),
    access_claims,
    before_expiry,
    "bad_signature",
)
negative(
    "other-key",
    "access",
    "test-key-access's header and claims signed by another TEST-ONLY key (seed SHA-256(\"verifykit fib TEST-ONLY "
    "other server key\")): a well-formed signature, but not the server's, so it must be refused",
    signed(other, access_header, access_claims),
    access_claims,
    before_expiry,
    "bad_signature",
)
promoted = dict(access_claims, role="ROLE_ADMIN")
access_header_b64, _, access_signature_b64 = access.split(".")
negative(
    "payload-changed",
    "access",
    "test-key-access with role changed to ROLE_ADMIN after signing and the original signature kept: the claims "
    "read as an administrator's, but the signature covers ROLE_PEER, so it must be refused",
    access_header_b64 + "." + encode(promoted) + "." + access_signature_b64,
    promoted,
    before_expiry,
    "bad_signature",
)
negative(
    "expired",
    "access",
    "test-key-access unchanged, verified an hour after exp (beyond the default leeway of 0): a genuine signature "
    "does not make an expired token valid",
    access,
    access_claims,
    access_claims["exp"] + 3600,
    "expired",
)
refresh, _, refresh_claims = genuine["refresh"]
negative(
    "signature-tampered",
    "refresh",
    "test-key-refresh with the first byte of its raw signature inverted (still 64 bytes): the signature no longer "
    "matches, so the server key must refuse it",
    flip_signature_byte(refresh),
    refresh_claims,
    refresh_claims["exp"] - 60,
    "bad_signature",
)

doc = {
    "kind": "fib-token",
    "title": "FIB session tokens: the document's, verifiable ones under a TEST-ONLY server key, and forged or "
    "expired ones it must refuse",
    "source": "FIB 'Authorizing an account' (shared/seeds/000); generate_tokens.py",
    "description": "FIB session tokens (EdDSA JWTs) and their claims: access {acc, sub, role, exp, jti}, refresh "
    "{sub, acjti, exp, jti}.",
    "vectors": vectors,
}
print(json.dumps(doc, indent=2))
