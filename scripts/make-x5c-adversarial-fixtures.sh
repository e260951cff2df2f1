#!/usr/bin/env bash
# Adversarial fixtures (TestVectors/x5c-adversarial) for Tests/JSONWebTokenTests/X5C/X5CAdversarialTests.swift.
# A separate mini-PKI whose CA keys are kept, so that CA-as-leaf, cross-signed and look-alike
# certificates can be made. Output is committed; tests need no openssl binary.
#
#   r-root         self-signed P-256 CA (SKID, critical BC and KU)
#   r-int          CA under r-root (marker 1.2.3.4.5.6.2)
#   r-leaf         ordinary end entity under r-int (marker 1.2.3.4.5.6.1)
#   r-ca-ds        CA:TRUE under r-root whose KU also asserts digitalSignature (a CA used as leaf)
#   r-tls          end entity under r-int whose EKU is serverAuth only (a TLS certificate)
#   r-critmarker   end entity under r-int whose marker 1.2.3.4.5.6.1 is critical
#   o-root         an unrelated self-signed CA
#   r-root-cross   r-root's subject and key, issued by o-root (a cross certificate)
#   r-fake-int     r-int's subject and SKID with another key, self-issued by a look-alike of r-root
#   r-fake-leaf    end entity "issued" by r-fake-int (name and AKID chain to r-int; signature does not)
#   r-deep-1..9    a chain of nine CAs under r-root, and r-deep-leaf under r-deep-9
. "$(dirname "$0")/x5c-fixture-common.sh"
x5c_folder x5c-adversarial "${1:-}"
self_signed() { # name subject [key-of]
    [ -f "$1.key.pem" ] || ec_key "$1"
    openssl req -x509 -new -key "$1.key.pem" -subj "$2" -days $days -sha256 \
        -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
        -addext 'subjectKeyIdentifier=hash' -out "$1.pem"
}
issue() { # name subject issuer extensions [key-file]
    local ext; ext=$(mktemp)
    printf '[v3]\n%s\n' "$4" > "$ext"
    local key=${5:-"$1.key.pem"}
    [ -f "$key" ] || ec_key "$1"
    openssl req -new -key "$key" -subj "$2" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key.pem" -set_serial "0x$(openssl rand -hex 8)" \
        -days $days -sha256 -extfile "$ext" -extensions v3 -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$ext"
}
self_signed r-root '/O=VerifyKit Review/CN=Review Root'
issue r-int '/O=VerifyKit Review/CN=Review Intermediate' r-root "$ca_ext
1.2.3.4.5.6.2=DER:05:00"
issue r-leaf '/O=VerifyKit Review/CN=r-leaf' r-int "$leaf_ext
1.2.3.4.5.6.1=DER:05:00"
issue r-ca-ds '/O=VerifyKit Review/CN=r-ca-ds' r-root 'basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
1.2.3.4.5.6.1=DER:05:00'
issue r-tls '/O=VerifyKit Review/CN=r-tls.example' r-int "$leaf_ext
extendedKeyUsage=serverAuth
subjectAltName=DNS:r-tls.example"
issue r-critmarker '/O=VerifyKit Review/CN=r-critmarker' r-int "$leaf_ext
1.2.3.4.5.6.1=critical,DER:05:00"
self_signed o-root '/O=Other Review/CN=Other Review Root'
cp r-root.key.pem r-root-cross.key.pem
issue r-root-cross '/O=VerifyKit Review/CN=Review Root' o-root "$ca_ext"
# Look-alikes: r-int's subject and SKID, another key; "issued" by a look-alike of r-root.
int_skid=$(openssl x509 -in r-int.pem -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :')
root_skid=$(openssl x509 -in r-root.pem -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :')
ec_key fake-root
openssl req -x509 -new -key fake-root.key.pem -subj '/O=VerifyKit Review/CN=Review Root' -days $days -sha256 \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -addext "subjectKeyIdentifier=$root_skid" -out fake-root.pem
issue r-fake-int '/O=VerifyKit Review/CN=Review Intermediate' fake-root "basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=$int_skid
authorityKeyIdentifier=keyid:always
1.2.3.4.5.6.2=DER:05:00"
issue r-fake-leaf '/O=VerifyKit Review/CN=r-fake-leaf' r-fake-int "$leaf_ext
1.2.3.4.5.6.1=DER:05:00"
previous=r-root
for i in 1 2 3 4 5 6 7 8 9; do
    issue "r-deep-$i" "/O=VerifyKit Review/CN=Review Deep $i" "$previous" "$ca_ext"
    previous="r-deep-$i"
done
issue r-deep-leaf '/O=VerifyKit Review/CN=r-deep-leaf' r-deep-9 "$leaf_ext"
# Only end-entity keys (and the CA used as a leaf) sign tokens.
rm -f r-root.key.pem r-root-cross.key.pem r-int.key.pem o-root.key.pem fake-root.key.pem fake-root.pem \
    r-fake-int.key.pem r-deep-[1-9].key.pem ./*.srl
ls
