/// What a typed key reader (`RSA.PublicKey(derRepresentation:)`, `Ed25519.PrivateKey(pemRepresentation:)`,
/// …) takes: one key family, public or private. Input holding anything else is refused with the same
/// code whether it comes as PEM or DER, and a message naming what was expected and what was found
/// (never key bytes):
///
/// - the other visibility is `invalid_key`. A public-key reader never takes a private key (as in
///   swift-crypto): a secret is not passed around where a public key was meant. Judged first, so an
///   EC private key given to `RSA.PublicKey` is `invalid_key` too.
/// - another family is `unsupported_key`, which the DER readers have always answered for an SPKI or
///   PKCS#8 of another algorithm.
struct KeyExpectation: Sendable {
    enum Family: Sendable {
        case rsa
        case ec
        case ed25519

        var name: String {
            switch self {
            case .rsa: "RSA"
            case .ec: "EC"
            case .ed25519: "Ed25519"
            }
        }
    }

    let family: Family
    let isPrivate: Bool

    static let rsaPublicKey = KeyExpectation(family: .rsa, isPrivate: false)
    static let rsaPrivateKey = KeyExpectation(family: .rsa, isPrivate: true)
    static let ecPublicKey = KeyExpectation(family: .ec, isPrivate: false)
    static let ecPrivateKey = KeyExpectation(family: .ec, isPrivate: true)
    static let ed25519PublicKey = KeyExpectation(family: .ed25519, isPrivate: false)
    static let ed25519PrivateKey = KeyExpectation(family: .ed25519, isPrivate: true)

    /// "an RSA public key": every family name starts with a vowel sound.
    var phrase: String { "an \(family.name) \(isPrivate ? "private" : "public") key" }

    /// The typed key `take` finds in `key` (as ``CryptoKey`` read it from PEM), or the refusal.
    func extract<Key>(_ key: CryptoKey, _ take: (CryptoKey) -> Key?) throws(CryptoError) -> Key {
        let family: Family? =
            switch key.storage {
            case .rsaPublic, .rsaPrivate: .rsa
            case .ecPublic, .ecPrivate: .ec
            case .ed25519Public, .ed25519Private: .ed25519
            case .hmac: nil
            }
        let found = Self.withArticle(key.keyDescription)
        try refuse(family: family, isPrivate: key.isPrivate, found: found)
        guard let typed = take(key) else {
            throw CryptoError(.unsupportedKey, "expected \(phrase), found \(found)")
        }
        return typed
    }

    /// Refuses `der` when its structure alone shows another visibility or family (SPKI and PKCS#8
    /// by their algorithm, PKCS#1 and SEC1 by their shape) or that it is a certificate, which the
    /// DER readers do not take (only PEM says that it is one). Returns for anything else: the
    /// reader's own parser then reads it or says what is wrong with it.
    func check(der: UnsafeRawBufferPointer) throws(CryptoError) {
        if let kind = identifyPublicKeyInfo(der) {
            try refuse(kind, isPrivate: false, structure: "SubjectPublicKeyInfo") {
                unsupportedPublicKeyInfoReason(der)
            }
            return
        }
        if let kind = identifyPrivateKeyInfo(der) {
            try refuse(kind, isPrivate: true, structure: "PKCS#8") { unsupportedPrivateKeyInfoReason(der) }
            return
        }
        switch DERKeyShape(der: der) {
        case .certificate:
            throw CryptoError(
                .invalidKey,
                "expected \(phrase), found an X.509 certificate: the DER readers take key structures only;"
                    + " read a certificate's key from PEM or with CryptoKey(derRepresentation:)"
            )
        case .rsaPublicKey:
            try refuse(family: .rsa, isPrivate: false, found: "an RSA public key (PKCS#1)")
        case .rsaPrivateKey:
            try refuse(family: .rsa, isPrivate: true, found: "an RSA private key (PKCS#1)")
        case .ecPrivateKey:
            let parameters = DERKeyStructure.ecPrivateKeyFields(der)?.parameters
            let curve = ECCurve.allCases.first { parameters == DERWriter.curveOID($0) }
            let named = curve.map { "a \($0.rawValue)" } ?? "an EC"
            try refuse(family: .ec, isPrivate: true, found: "\(named) private key (SEC1)")
        case nil:
            return
        }
    }

    /// For an SPKI or PKCS#8 structure: a kind this library does not read at all is refused with
    /// the reason that names it (Ed448, secp256k1, …), as ``CryptoKey`` refuses it.
    private func refuse(
        _ kind: PKeyKind,
        isPrivate: Bool,
        structure: String,
        unsupportedReason: () -> String
    ) throws(CryptoError) {
        let visibility = isPrivate ? "private" : "public"
        switch kind {
        case .rsa:
            try refuse(family: .rsa, isPrivate: isPrivate, found: "an RSA \(visibility) key (\(structure))")
        case .ec(let curve):
            try refuse(family: .ec, isPrivate: isPrivate, found: "a \(curve.rawValue) \(visibility) key (\(structure))")
        case .ed25519:
            try refuse(family: .ed25519, isPrivate: isPrivate, found: "an Ed25519 \(visibility) key (\(structure))")
        case .other:
            try refuseVisibility(isPrivate, found: "a \(visibility) key of another algorithm (\(structure))")
            throw CryptoError(.unsupportedKey, "expected \(phrase); \(unsupportedReason())")
        }
    }

    /// Throws unless a key of `family` (`nil`: none of ours) and visibility `isPrivate` is expected.
    private func refuse(family: Family?, isPrivate: Bool, found: String) throws(CryptoError) {
        try refuseVisibility(isPrivate, found: found)
        if family != self.family {
            throw CryptoError(.unsupportedKey, "expected \(phrase), found \(found)")
        }
    }

    /// Throws `invalid_key` unless a key of visibility `isPrivate` is expected.
    private func refuseVisibility(_ isPrivate: Bool, found: String) throws(CryptoError) {
        guard isPrivate != self.isPrivate else { return }
        let hint =
            isPrivate
            ? "; public-key readers do not take private keys: read it as a private key and use its publicKey" : ""
        throw CryptoError(.invalidKey, "expected \(phrase), found \(found)\(hint)")
    }

    /// "a P-256 public key", "an RSA private key", "an Ed25519 public key".
    private static func withArticle(_ description: String) -> String {
        description.hasPrefix("P-") ? "a \(description)" : "an \(description)"
    }
}
