# Shared by scripts/make-x5c-*-fixtures.sh (sourced, not run): strict shell, the output folder
# emptied of earlier certificates, and the pieces every fixture PKI uses.
set -euo pipefail

# x5c_folder DEFAULT [OUT]: makes OUT (or DEFAULT under TestVectors/) the working folder, without
# the certificates and keys of an earlier run.
x5c_folder() {
    local out=${2:-"$(dirname "${BASH_SOURCE[0]}")/../TestVectors/$1"}
    mkdir -p "$out"
    cd "$out"
    rm -f ./*.pem ./*.srl
}

# A century: the tests fix their clocks inside the certificates' validity.
days=36500

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key.pem" 2>/dev/null; }

ca_ext='basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always'

leaf_ext='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
