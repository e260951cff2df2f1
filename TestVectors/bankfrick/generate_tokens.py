#!/usr/bin/env python3
"""Regenerates tokens.json: the Bank Frick document's authorize token (decoded only: the bank's key is not
published; its 128-byte signature shows a 1024-bit key) and one token with the same claims signed RS512 here by
`openssl dgst -sha512 -sign` with the TEST-ONLY 1024-bit key in this folder, verifiable only with an explicit
RSA minimum of 1024 bits; then negative vectors built from that token, which verification must refuse with
`verifyError` (a tampered signature, a signature by the other TEST-ONLY 1024-bit key, a clock after `exp`).
Every signature is checked with `openssl dgst -verify`: the genuine one verifies, the forged ones do not.

Run from this folder: python3 generate_tokens.py > tokens.json.
"""
import base64
import json
import os
import subprocess
import tempfile

TOKEN = (
    "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJCYW5rIEZyaWNrIFdlYkFQSSIsInN1YiI6IlRhZ2VzYWJzY2hsdXNzIiwiY29udG"
    "FjdCI6IjY3ODkiLCJuYW1lIjoiTWF4IE11c3RlciIsInBlcm1pc3Npb25zIjpbImFjY291bnRzIiwidHJhbnNhY3Rpb25zIiwiY2FtdDA1MiIs"
    "ImNhbXQwNTMiXSwiYXVkIjoicHJvZHVjdGlvbiIsImV4cCI6MTU0NjMwMDgwMCwiaWF0IjoxNTMzMTA5MzIzfQ.DlxpBZMGAZx1xK-UdA-s9SrH"
    "MrEIt60waF1kLYG6kCuTRMrcDiS3KR8p0bAyZaLUWlfSJF3TCMb2Tup5MyLFWc0fZRJfu0mBEyz74ZwbSN9iTrwzzsfIuX2E1d895hR1MgsMy2i1"
    "Qu-vwZgsW0WivnNCHBMLZH0jM94v1czt7f0"
)
KEY = "test_bank_token_key_1024.TEST-ONLY.pem"
PUB = "test_bank_token_key_1024.TEST-ONLY.pub.pem"
# Signs the "another key" vector: the same size as KEY, so only the key, not its size, can refuse the token.
OTHER_KEY = "test_bank_token_other_key_1024.TEST-ONLY.pem"


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(key, signing_input):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input")
        with open(path, "wb") as f:
            f.write(signing_input.encode())
        return subprocess.run(
            ["openssl", "dgst", "-sha512", "-sign", key, path], check=True, capture_output=True
        ).stdout


def openssl_verifies(token):
    signing_input, signature = token.rsplit(".", 1)
    with tempfile.TemporaryDirectory() as tmp:
        path, signature_path = os.path.join(tmp, "input"), os.path.join(tmp, "signature")
        with open(path, "wb") as f:
            f.write(signing_input.encode())
        with open(signature_path, "wb") as f:
            f.write(unb64url(signature))
        result = subprocess.run(
            ["openssl", "dgst", "-sha512", "-verify", PUB, "-signature", signature_path, path], capture_output=True
        )
    return result.returncode == 0


header_b64, payload_b64, signature_b64 = TOKEN.split(".")
header = json.loads(unb64url(header_b64))
claims = json.loads(unb64url(payload_b64))
vectors = [
    {
        "id": "document-token",
        "comment": "the Bank Frick document's authorize token; the bank's key is not published, so decode only",
        "token": TOKEN,
        "header": header,
        "claims": claims,
        "signatureBytes": len(unb64url(signature_b64)),
        "publicKey": None,
        "minimumRSABits": None,
        "verifyAt": None,
    }
]

signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(
    json.dumps(claims, separators=(",", ":")).encode()
)
signature = sign(KEY, signing_input)
token = signing_input + "." + b64url(signature)
assert openssl_verifies(token)
vectors.append(
    {
        "id": "test-key-1024",
        "comment": "same header and claims, signed RS512 with the TEST-ONLY 1024-bit key: verifies only with "
        "minimumRSABits lowered to 1024 (the default 2048 refuses the key as weak)",
        "token": token,
        "header": header,
        "claims": claims,
        "signatureBytes": len(signature),
        "publicKey": PUB,
        "minimumRSABits": 1024,
        "verifyAt": claims["iat"] + 60,
    }
)



def negative(name, comment, token, verify_at, error):
    vectors.append(
        {
            "id": "test-key-1024-%s" % name,
            "comment": comment,
            "token": token,
            "header": header,
            "claims": claims,
            "signatureBytes": len(unb64url(token.rsplit(".", 1)[1])),
            "publicKey": PUB,
            "minimumRSABits": 1024,
            "verifyAt": verify_at,
            "verifyError": error,
        }
    )


# The last byte: inverting the first could lift the signature above the modulus, a different refusal.
tampered = bytearray(signature)
tampered[-1] ^= 0xFF
tampered_token = signing_input + "." + b64url(bytes(tampered))
assert not openssl_verifies(tampered_token)
negative(
    "signature-tampered",
    "test-key-1024 with the last byte of its raw signature inverted (still 128 bytes): the signature no longer "
    "matches header and payload, so the bank key must refuse it",
    tampered_token,
    claims["iat"] + 60,
    "bad_signature",
)
other_token = signing_input + "." + b64url(sign(OTHER_KEY, signing_input))
assert not openssl_verifies(other_token)
negative(
    "other-key",
    "test-key-1024's header and claims signed RS512 by another TEST-ONLY 1024-bit key (%s): a well-formed "
    "signature of the same size, but not the bank's, so it must be refused" % OTHER_KEY,
    other_token,
    claims["iat"] + 60,
    "bad_signature",
)
negative(
    "expired",
    "test-key-1024 unchanged, verified an hour after exp (beyond the default leeway of 0): a genuine signature "
    "does not make an expired token valid",
    token,
    claims["exp"] + 3600,
    "expired",
)

doc = {
    "kind": "bankfrick-token",
    "title": "Bank Frick authorize tokens: the document's, one under a TEST-ONLY 1024-bit key, and forged or "
    "expired ones that key must refuse",
    "source": "Bank Frick WebAPI 'Authorize' (shared/seeds/003); generate_tokens.py",
    "description": "Bank Frick authorize tokens (RS512 JWTs) and their claims {iss, sub, contact, name, permissions, "
    "aud, exp, iat}.",
    "vectors": vectors,
}
print(json.dumps(doc, indent=2))
