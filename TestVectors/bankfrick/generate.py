#!/usr/bin/env python3
"""Regenerates body_signatures.json with OpenSSL's command line as the second implementation.

Run from this folder: python3 generate.py > body_signatures.json. RSASSA-PKCS1-v1_5 is deterministic, so the
same key and body always give the same signature; each one is also checked with `openssl dgst -verify`.
The keys here are TEST-ONLY keys made for these vectors with `openssl genpkey`; they protect nothing.
"""
import base64
import json
import os
import subprocess
import tempfile

KEY = "test_client_key.TEST-ONLY.pem"
PUB = "test_client_key.TEST-ONLY.pub.pem"

DOCUMENT_REQUEST = (
    '{\n  "key" : "1234567890abcdefgHIJKLMN",\n  "password" : "secret",\n  "validUntil" : "2025-04-01"\n}'
)
COMPACT_REQUEST = '{"key":"1234567890abcdefgHIJKLMN","password":"secret","validUntil":"2025-04-01"}'
DOCUMENT_TOKEN = (
    "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJCYW5rIEZyaWNrIFdlYkFQSSIsInN1YiI6IlRhZ2VzYWJzY2hsdXNzIiwiY29udGFj"
    "dCI6IjY3ODkiLCJuYW1lIjoiTWF4IE11c3RlciIsInBlcm1pc3Npb25zIjpbImFjY291bnRzIiwidHJhbnNhY3Rpb25zIiwiY2FtdDA1MiIsImNh"
    "bXQwNTMiXSwiYXVkIjoicHJvZHVjdGlvbiIsImV4cCI6MTU0NjMwMDgwMCwiaWF0IjoxNTMzMTA5MzIzfQ.DlxpBZMGAZx1xK-UdA-s9SrHMrEIt6"
    "0waF1kLYG6kCuTRMrcDiS3KR8p0bAyZaLUWlfSJF3TCMb2Tup5MyLFWc0fZRJfu0mBEyz74ZwbSN9iTrwzzsfIuX2E1d895hR1MgsMy2i1Qu-vwZg"
    "sW0WivnNCHBMLZH0jM94v1czt7f0"
)
DOCUMENT_RESPONSE = '{\n  "token" : "%s"\n}' % DOCUMENT_TOKEN


def openssl_sign(body, digest, pss=False):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "body")
        with open(path, "wb") as f:
            f.write(body)
        args = ["openssl", "dgst", "-" + digest, "-sign", KEY]
        if pss:
            args += ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1"]
        signature = subprocess.run(args + [path], check=True, capture_output=True).stdout
        verify = ["openssl", "dgst", "-" + digest, "-verify", PUB]
        if pss:
            verify += ["-sigopt", "rsa_padding_mode:pss"]
        sig_path = os.path.join(tmp, "sig")
        with open(sig_path, "wb") as f:
            f.write(signature)
        subprocess.run(verify + ["-signature", sig_path, path], check=True, capture_output=True)
        return signature


vectors = []


def add(comment, body, algorithm, signature, result, error=None, sign=True):
    vector = {
        "id": "%s-%d" % (result, len(vectors) + 1),
        "comment": comment,
        "body": body,
        "algorithm": algorithm,
        "signature": signature,
        "result": result,
    }
    if error:
        vector["error"] = error
    # Signing this body with `algorithm` must reproduce `signature` byte for byte.
    vector["reproducible"] = sign
    vectors.append(vector)


def b64(raw):
    return base64.b64encode(raw).decode()


for name, digest in (("rsa-sha512", "sha512"), ("rsa-sha384", "sha384"), ("rsa-sha256", "sha256")):
    add("document's authorize request body, as printed", DOCUMENT_REQUEST, name,
        b64(openssl_sign(DOCUMENT_REQUEST.encode(), digest)), "valid")
add("compact authorize body: what Signer.sign(json:) produces", COMPACT_REQUEST, "rsa-sha512",
    b64(openssl_sign(COMPACT_REQUEST.encode(), "sha512")), "valid")
add("bodyless request: the empty octet string", "", "rsa-sha512", b64(openssl_sign(b"", "sha512")), "valid")
add("bodyless request signed with SHA-256", "", "rsa-sha256", b64(openssl_sign(b"", "sha256")), "valid")
add("document's authorize response body, as printed", DOCUMENT_RESPONSE, "rsa-sha512", b64(openssl_sign(DOCUMENT_RESPONSE.encode(), "sha512")), "valid")
utf8 = '{"name":"Max Müller","memo":"Zahlung für März €"}\r\n'
add("non-ASCII UTF-8 body with CRLF: octets, not characters", utf8, "rsa-sha512",
    b64(openssl_sign(utf8.encode(), "sha512")), "valid")
add("algorithm header absent: rsa-sha512 is assumed", COMPACT_REQUEST, None,
    b64(openssl_sign(COMPACT_REQUEST.encode(), "sha512")), "valid")

sig = openssl_sign(COMPACT_REQUEST.encode(), "sha512")
add("one body byte changed (secret -> Secret)", COMPACT_REQUEST.replace("secret", "Secret"), "rsa-sha512", b64(sig),
    "invalid", sign=False)
add("body re-serialized with spaces", DOCUMENT_REQUEST, "rsa-sha512", b64(sig), "invalid", sign=False)
add("trailing newline added to the body", COMPACT_REQUEST + "\n", "rsa-sha512", b64(sig), "invalid", sign=False)
add("signed with SHA-256 but labelled rsa-sha512", COMPACT_REQUEST, "rsa-sha512",
    b64(openssl_sign(COMPACT_REQUEST.encode(), "sha256")), "invalid", sign=False)
add("RSA-PSS signature: not accepted", COMPACT_REQUEST, "rsa-sha512",
    b64(openssl_sign(COMPACT_REQUEST.encode(), "sha512", pss=True)), "invalid", sign=False)
flipped = bytearray(sig)
flipped[-1] ^= 1
add("last signature bit flipped", COMPACT_REQUEST, "rsa-sha512", b64(bytes(flipped)), "invalid", sign=False)
add("signature truncated by one byte", COMPACT_REQUEST, "rsa-sha512", b64(sig[:-1]), "invalid", sign=False)
add("unknown algorithm value", COMPACT_REQUEST, "rsa-sha1", b64(sig), "error", "unsupported_algorithm", sign=False)
add("algorithm value in upper case", COMPACT_REQUEST, "RSA-SHA512", b64(sig), "error", "unsupported_algorithm",
    sign=False)
add("base64url instead of standard Base64", COMPACT_REQUEST, "rsa-sha512",
    base64.urlsafe_b64encode(sig).decode().rstrip("="), "error", "malformed_signature", sign=False)
add("Base64 broken over two lines", COMPACT_REQUEST, "rsa-sha512", b64(sig)[:64] + "\n" + b64(sig)[64:], "error",
    "malformed_signature", sign=False)

doc = {
    "kind": "bankfrick-signature",
    "title": "Bank Frick Signature/algorithm headers made with openssl dgst",
    "source": "Bank Frick WebAPI 'Authorize' (shared/seeds/003); generate.py",
    "description": "Bank Frick body signatures: Signature = Base64(RSASSA-PKCS1-v1_5(SHA-2, exact body octets)), "
    "algorithm = rsa-sha512 | rsa-sha384 | rsa-sha256. Made and verified with `openssl dgst -<hash> -sign` by "
    "generate.py with the TEST-ONLY key in this folder. The document names only the headers and gives rsa-sha512 as an "
    "example: the scheme (PKCS#1 v1.5, padded Base64, exact body octets) and rsa-sha512 for an absent algorithm header "
    "are this project's reading of it.",
    "privateKey": KEY,
    "publicKey": PUB,
    "vectors": vectors,
}
print(json.dumps(doc, indent=2, ensure_ascii=False))
