#!/usr/bin/env python3
"""Regenerates tokens.json: the FIB document's two tokens (decoded only: the server's key is not published) and
one token of the same shape signed here with a TEST-ONLY Ed25519 server key (pyca/cryptography), verifiable.

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

seed = hashlib.sha256(b"verifykit fib TEST-ONLY server key").digest()
server = Ed25519PrivateKey.from_private_bytes(seed)
public = server.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
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
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(
        json.dumps(claims, separators=(",", ":")).encode()
    )
    token = signing_input + "." + b64url(server.sign(signing_input.encode()))
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

doc = {
    "kind": "fib-token",
    "title": "FIB session tokens: the document's, and verifiable ones under a TEST-ONLY server key",
    "source": "FIB 'Authorizing an account' (shared/seeds/000); generate_tokens.py",
    "description": "FIB session tokens (EdDSA JWTs) and their claims: access {acc, sub, role, exp, jti}, refresh "
    "{sub, acjti, exp, jti}.",
    "vectors": vectors,
}
print(json.dumps(doc, indent=2))
