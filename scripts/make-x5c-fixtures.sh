#!/usr/bin/env bash
# Makes the certificate chains of TestVectors/x5c (X5CVerifier and X509TrustStore tests) with the
# openssl tool. Run once; the output is committed, so tests need no openssl binary. Re-running
# makes new keys and certificates (the tests read everything they compare against from the files).
#
#   root            self-signed P-256 CA, 100 years
#   intermediate    P-256 CA under root, carries the test marker extension 1.2.3.4.5.6.2 and the
#                   one Apple's App Store intermediate carries (1.2.840.113635.100.6.2.1)
#   leaf-ec         P-256 end entity under intermediate, digitalSignature, marker 1.2.3.4.5.6.1 and
#                   Apple's App Store receipt-signing marker (1.2.840.113635.100.6.11.1)
#   leaf-rsa        RSA-2048 end entity under intermediate, digitalSignature
#   leaf-short      P-256 end entity under intermediate, valid 1 day (expiry tests)
#   leaf-certsign   P-256 end entity whose key usage is keyCertSign only (OpenSSL's strict mode
#                   refuses that on a non-CA)
#   leaf-keyagree   P-256 end entity whose key usage is keyAgreement only (may not sign tokens)
#   leaf-sha1       P-256 end entity signed with SHA-1 (below OpenSSL security level 2)
#   not-ca          P-256 end entity (CA:FALSE) under intermediate, and leaf-under-not-ca below it
#   other-root      an unrelated self-signed P-256 CA, and leaf-other under it
. "$(dirname "$0")/x5c-fixture-common.sh"
x5c_folder x5c "${1:-}"

self_signed() { # name subject
    ec_key "$1"
    openssl req -x509 -new -key "$1.key.pem" -subj "$2" -days $days -sha256 \
        -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
        -out "$1.pem"
}

issue() { # name subject issuer days extensions [digest]
    local ext; ext=$(mktemp)
    printf '[v3]\n%s\n' "$5" > "$ext"
    openssl req -new -key "$1.key.pem" -subj "$2" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key.pem" -set_serial "0x$(openssl rand -hex 8)" \
        -days "$4" "-${6:-sha256}" -extfile "$ext" -extensions v3 -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$ext"
}


self_signed root '/O=VerifyKit Test/CN=VerifyKit Test Root'
ec_key intermediate
issue intermediate '/O=VerifyKit Test/CN=VerifyKit Test Intermediate' root $days "$ca_ext
1.2.3.4.5.6.2=DER:05:00
1.2.840.113635.100.6.2.1=DER:05:00"

ec_key leaf-ec
issue leaf-ec '/O=VerifyKit Test/CN=leaf-ec' intermediate $days "$leaf_ext
1.2.3.4.5.6.1=DER:05:00
1.2.840.113635.100.6.11.1=DER:05:00"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf-rsa.key.pem 2>/dev/null
issue leaf-rsa '/O=VerifyKit Test/CN=leaf-rsa' intermediate $days "$leaf_ext"
ec_key leaf-short
issue leaf-short '/O=VerifyKit Test/CN=leaf-short' intermediate 1 "$leaf_ext"
ec_key leaf-certsign
issue leaf-certsign '/O=VerifyKit Test/CN=leaf-certsign' intermediate $days 'basicConstraints=critical,CA:FALSE
keyUsage=critical,keyCertSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
ec_key leaf-keyagree
issue leaf-keyagree '/O=VerifyKit Test/CN=leaf-keyagree' intermediate $days 'basicConstraints=critical,CA:FALSE
keyUsage=critical,keyAgreement
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
ec_key leaf-sha1
issue leaf-sha1 '/O=VerifyKit Test/CN=leaf-sha1' intermediate $days "$leaf_ext" sha1

ec_key not-ca
issue not-ca '/O=VerifyKit Test/CN=not-ca' intermediate $days "$leaf_ext"
ec_key leaf-under-not-ca
issue leaf-under-not-ca '/O=VerifyKit Test/CN=leaf-under-not-ca' not-ca $days "$leaf_ext"

self_signed other-root '/O=Someone Else/CN=Other Root'
ec_key leaf-other
issue leaf-other '/O=Someone Else/CN=leaf-other' other-root $days "$leaf_ext"

# Keys of CAs are not needed by the tests; only end-entity keys sign tokens.
rm -f root.key.pem intermediate.key.pem other-root.key.pem not-ca.key.pem
ls
