extension JWTKeyCollection {
    /// Replaces every key with the members of a JWK Set, keeping ``keyPolicy`` and ``options``: a
    /// key-set refresh. All or nothing: a refused set throws and leaves this collection as it was.
    ///
    /// A next collection built from `JWTKeyCollection()` instead falls back to the default policy
    /// and options, and silently drops a stricter RSA minimum, the issuers or the audiences. Keys
    /// added besides the set (a local HMAC secret) go too; keep those with
    /// ``removeKeys(where:)`` and ``add(jwks:)-(Collection<UInt8>)`` instead.
    ///
    /// ```swift
    /// var next = verifier.keys
    /// try next.replaceKeys(jwks: fetchedBody)
    /// verifier.replaceKeys(next)
    /// ```
    ///
    /// - Returns: the skipped members, as ``add(jwks:)-(Collection<UInt8>)`` returns them.
    @discardableResult
    public mutating func replaceKeys(jwks json: some Collection<UInt8>) throws(JWTError) -> [SkippedKey] {
        var next = JWTKeyCollection(keyPolicy: keyPolicy, options: options)
        let skipped = try next.add(jwks: json)
        self = next
        return skipped
    }

    /// ``replaceKeys(jwks:)-(Collection<UInt8>)`` for a JWK Set given as text.
    @discardableResult
    public mutating func replaceKeys(jwks json: some StringProtocol) throws(JWTError) -> [SkippedKey] {
        try replaceKeys(jwks: json.utf8)
    }
}
