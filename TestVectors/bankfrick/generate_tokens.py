#!/usr/bin/env python3
"""Regenerates tokens.json: the Bank Frick document's authorize token (decoded only: the bank's key is not
published; its 128-byte signature shows a 1024-bit key) and one token with the same claims signed RS512 here by
`openssl dgst -sha512 -sign` with the TEST-ONLY 1024-bit key in this folder, verifiable only with an explicit
RSA minimum of 1024 bits.

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


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


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
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "input")
    with open(path, "wb") as f:
        f.write(signing_input.encode())
    signature = subprocess.run(
        ["openssl", "dgst", "-sha512", "-sign", KEY, path], check=True, capture_output=True
    ).stdout
token = signing_input + "." + b64url(signature)
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

doc = {
    "kind": "bankfrick-token",
    "title": "Bank Frick authorize tokens: the document's, and one under a TEST-ONLY 1024-bit key",
    "source": "Bank Frick WebAPI 'Authorize' (shared/seeds/003); generate_tokens.py",
    "description": "Bank Frick authorize tokens (RS512 JWTs) and their claims {iss, sub, contact, name, permissions, "
    "aud, exp, iat}.",
    "vectors": vectors,
}
print(json.dumps(doc, indent=2))
