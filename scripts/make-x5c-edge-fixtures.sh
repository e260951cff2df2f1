#!/usr/bin/env bash
# Fixtures for the review tests (Tests/JSONWebTokenTests/X5C/X5CEdgeCaseTests.swift): TestVectors/x5c-edge.
#
#   v-root        self-signed P-256 CA
#   v-int         CA under v-root carrying the intermediate marker 1.2.3.4.5.6.2
#   v-si          CA with v-int's own subject (self-issued) and a new key, issued by v-int, NO marker
#   v-si-leaf     end entity (leaf marker 1.2.3.4.5.6.1) issued by v-si
#   v-catrue      "leaf" under v-int with critical CA:TRUE and key usage digitalSignature only
#   v-longeku     end entity under v-int whose only EKU is a 157-character OID
#   v-bigeku      self-signed end entity whose EKU lists 0.0 ten thousand times (30 KB DER)
#   v-fake-root   self-signed look-alike of v-root (same subject and SKID, another key)
. "$(dirname "$0")/x5c-fixture-common.sh"
x5c_folder x5c-edge "${1:-}"
issue() { # name subject issuer extensions
    local ext; ext=$(mktemp)
    printf '[v3]\n%s\n' "$4" > "$ext"
    [ -f "$1.key.pem" ] || ec_key "$1"
    openssl req -new -key "$1.key.pem" -subj "$2" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key.pem" -set_serial "0x$(openssl rand -hex 8)" \
        -days $days -sha256 -extfile "$ext" -extensions v3 -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$ext"
}
ec_key v-root
openssl req -x509 -new -key v-root.key.pem -subj '/O=VerifyKit Review 2/CN=Review2 Root' -days $days -sha256 \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -addext 'subjectKeyIdentifier=hash' -out v-root.pem
issue v-int '/O=VerifyKit Review 2/CN=Review2 Intermediate' v-root "$ca_ext
1.2.3.4.5.6.2=DER:05:00"
issue v-si '/O=VerifyKit Review 2/CN=Review2 Intermediate' v-int "$ca_ext"
issue v-si-leaf '/O=VerifyKit Review 2/CN=v-si-leaf' v-si "$leaf_ext
1.2.3.4.5.6.1=DER:05:00"
issue v-catrue '/O=VerifyKit Review 2/CN=v-catrue' v-int 'basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
1.2.3.4.5.6.1=DER:05:00'
long_oid="1.3.6.1.4.1.55555$(printf '.1%.0s' $(seq 70))"
issue v-longeku '/O=VerifyKit Review 2/CN=v-longeku' v-int "$leaf_ext
extendedKeyUsage=$long_oid
1.2.3.4.5.6.1=DER:05:00"
ec_key v-bigeku
{ printf '[req]\ndistinguished_name=dn\n[dn]\n[v3]\nextendedKeyUsage='; printf '0.0,%.0s' $(seq 9999); printf '0.0\n'; } > big.cnf
openssl req -x509 -new -key v-bigeku.key.pem -subj '/CN=v-bigeku' -days $days -sha256 -config big.cnf -extensions v3 \
    -out v-bigeku.pem
# A look-alike of v-root: its subject and SKID, another key. Never trusted; appended after v-root.
root_skid=$(openssl x509 -in v-root.pem -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :')
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out v-fake-root.key.pem 2>/dev/null
openssl req -x509 -new -key v-fake-root.key.pem -subj '/O=VerifyKit Review 2/CN=Review2 Root' -days $days -sha256 \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -addext "subjectKeyIdentifier=$root_skid" -addext "authorityKeyIdentifier=keyid:always" -out v-fake-root.pem
rm -f big.cnf v-fake-root.key.pem v-root.key.pem v-int.key.pem v-si.key.pem ./*.srl
ls
