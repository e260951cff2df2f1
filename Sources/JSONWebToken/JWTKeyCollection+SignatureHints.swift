internal import Base64URL
internal import StrictJSON

extension JWTKeyCollection {
    /// What a `bad_signature` message adds when the header shows why no key can verify the token,
    /// read on the failure path only (the header has passed every header rule by then).
    ///
    /// Microsoft Graph access tokens carry a `nonce` header parameter and are signed over a header
    /// in which that nonce is replaced by its SHA-256: by design nobody but Graph can verify them,
    /// with any key. Without a word about it, the failure reads like a wrong key or a forgery.
    static func badSignatureHint(header segment: some Collection<UInt8>) -> String? {
        guard let json = try? Base64URL.decode(utf8: segment),
            case .string? = JWTHeader.object(fromValidated: json)["nonce"]
        else { return nil }
        return "; the header has a \"nonce\" parameter, as Microsoft Graph access tokens do, which are signed "
            + "over another header and cannot be verified outside Graph: request a token for your own API "
            + "(its application ID or ID URI as the scope) instead"
    }
}
