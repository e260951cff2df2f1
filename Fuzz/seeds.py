#!/usr/bin/env python3
"""Writes starting inputs for each fuzz target into DIR/<target>/, from TestVectors/ and a few
hand-written shapes, so the fuzzer starts from real tokens, keys and JSON.
Usage: seeds.py REPO_ROOT DIR"""
import base64, glob, hashlib, hmac, json, os, re, sys

root, out = sys.argv[1], sys.argv[2]


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


# Key files saved by Windows editors start with one; the importer and key policy must agree on them.
BOM = b"\xef\xbb\xbf"


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


texts = []
for path in glob.glob(os.path.join(root, "TestVectors", "**", "*"), recursive=True):
    if os.path.isfile(path) and not path.endswith(".py"):
        with open(path, "rb") as f:
            texts.append((path, f.read()))

token_pattern = re.compile(rb"[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{10,}")
for path, data in texts:
    for token in token_pattern.findall(data):
        put("token", token)
    if path.endswith(".json"):
        put("json", data[:4096])
    if path.endswith(".pem") and b"CERTIFICATE" in data:
        ders = [base64.b64decode(b"".join(block.split()))
                for block in re.findall(rb"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", data, re.S)]
        put("certificates", data)
        put("certificates", b"\0".join(ders))
    if path.endswith(".pem"):
        put("keys", data)
        put("keys", BOM + data)
        put("requests", data[:512])
    if path.endswith(".json"):
        try:
            document = json.loads(data)
        except ValueError:
            continue
        stack = [document]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                if "kty" in value or "keys" in value:
                    put("keys", json.dumps(value))
                    put("keys", BOM + json.dumps(value).encode())
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{64,134}", value):
                put("keys", value)
                put("requests", value)

def pem_der(name):
    with open(os.path.join(root, "TestVectors", "x5c", name + ".pem"), "rb") as f:
        block = re.search(rb"-----BEGIN CERTIFICATE-----(.*?)-----END", f.read(), re.S).group(1)
    return base64.b64decode(b"".join(block.split()))


# Whole chains, NUL-separated, leaf first: the shapes X5CVerifier gets from a token's x5c.
for names in (["leaf-ec", "intermediate"], ["leaf-ec", "intermediate", "root"], ["leaf-rsa", "intermediate"]):
    put("certificates", b"\0".join(pem_der(name) for name in names))
    put("certificates", b"\0".join(pem_der(name) for name in names) + b'\0{"signedDate":1764061000000}')

headers = [
    {"alg": "HS256", "typ": "JWT"},
    {"alg": "HS256", "kid": "hmac", "crit": ["b64"], "b64": False},
    {"alg": "HS256", "typ": "at+jwt", "x5t": "abc"},
]
payloads = [
    {"sub": "alice", "iss": "issuer", "aud": ["aud", "x"], "exp": 1700000100, "iat": 1699999000, "nbf": 1699999000},
    {"sub": "bob", "admin": True, "scope": ["a", "b"], "nested": {"name": "n", "values": [1, 2]}, "amount": 1.5},
    {"exp": 1e300, "aud": "aud", "count": 2147483648},
]
for header in headers:
    for payload in payloads:
        put("signed", json.dumps(header).encode() + b"\0" + json.dumps(payload).encode())
        encoded = b64u(json.dumps(header).encode()) + "." + b64u(json.dumps(payload).encode())
        mac = hmac.new(b"\x42" * 32, encoded.encode(), hashlib.sha256).digest()
        put("token", encoded + "." + b64u(mac))
        put("token", "Bearer " + encoded + "." + b64u(mac))  # the Authorization-value reader
        put("json", json.dumps(payload))
put("json", '{"name":"x","items":[{"id":1,"tags":["a"],"ratio":0.5}],"map":{"k":1},"any":[null,true,{"a":[]}]}')
put("json", '{"byNumber":{"1":"a","-2":"b","0":"c"},"map":{"01":1,"1":2}}')
put("json", '{"byNumber":{"1":"a","01":"b"}}')
put("json", '[1e400, -0.0, 1.0E+2, "\\ud83d\\ude00", "\\u0000"]')
for sample in [b"", b"AQID", b"AQID==", b"_-8", b"00ff", b"ABCDEF0123456789"]:
    put("codecs", sample)
put("requests", "Signature: AAAA\nalgorithm: rsa-sha512\n\n{\"amount\":1}")
put("requests", '!{"amount":12.5,"currency":"CHF"}')  # "!": signed for real (RequestFuzzing)
put("requests", "signature:" + base64.b64encode(b"\0" * 256).decode() + "\nAlgorithm: rsa-sha256\n\n")

# OpenID discovery documents (read by the keys target): a provider's shape and near misses.
for document in (
    {"issuer": "https://idp.example", "jwks_uri": "https://idp.example/jwks",
     "id_token_signing_alg_values_supported": ["RS256", "ES256"]},
    {"issuer": "https://accounts.google.com", "jwks_uri": "https://www.googleapis.com/oauth2/v3/certs",
     "response_types_supported": ["code"], "id_token_signing_alg_values_supported": ["RS256"]},
    {"issuer": "https://login.example.com/tenant/v2.0", "jwks_uri": "HTTPS://login.example.com/keys"},
    {"issuer": "https://idp.example", "jwks_uri": "https://[2001:db8::ffff:192.0.2.1]:8443/jwks?v=1"},
):
    put("keys", json.dumps(document))
# RFC 8410 §10.3: a PKCS#8 version 2 Ed25519 key (attributes, then the public key the readers compare).
put("keys", "-----BEGIN PRIVATE KEY-----\nMHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB\nZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PRIVATE KEY-----\n")
