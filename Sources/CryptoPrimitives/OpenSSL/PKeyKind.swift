/// What kind of key a DER `SubjectPublicKeyInfo` or PKCS#8 `PrivateKeyInfo` holds, read from its
/// algorithm identifier, so key import can dispatch without trying every parser in turn.
enum PKeyKind: Hashable, Sendable {
    /// `rsaEncryption` (RSA-PSS-restricted keys are `.other`).
    case rsa
    /// `id-ecPublicKey` on a supported named curve (explicit parameters and other curves are `.other`).
    case ec(ECCurve)
    /// `id-Ed25519`.
    case ed25519
    /// A well-formed structure with any other algorithm.
    case other
}
