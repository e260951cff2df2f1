extension JWK {
    /// The algorithms the JWK's `alg` allows its key to be used with, verifying or signing; `nil`
    /// when it has no `alg` (the key's type and curve decide alone).
    ///
    /// One algorithm, except that `EdDSA` (RFC 8037) and `Ed25519` (RFC 9864) each allow both:
    /// they name the same check on an Ed25519 key, and a published key set keeps saying `EdDSA`
    /// while issuers move to the new name. What a pin is for, no other family or curve, is kept.
    public var pinnedAlgorithms: [SignatureAlgorithm]? {
        guard let algorithm else { return nil }
        return algorithm == .eddsa || algorithm == .ed25519 ? [.eddsa, .ed25519] : [algorithm]
    }
}
