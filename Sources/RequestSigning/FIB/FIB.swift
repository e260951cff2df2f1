/// FIB ("First Iraqi Bank") API login: the e-mail proof of the "Authorization" key pair.
///
/// To open a session the client sends `POST /auth/api/v1/authentication-management/session` with
/// `{"email", "signature", "authPublicKeyHex"}`, where
///
///     signature = hex(Ed25519-Sign(authorizationPrivateKey, BLAKE2b-256(UTF-8(email))))
///
/// BLAKE2b-256 is BLAKE2b with a 32-byte output set in its parameter block (not BLAKE2b-512 cut
/// short). Iroha 2 SDKs since RC13 sign the "Iroha hash" instead: the same digest with the lowest bit
/// of its last byte set (``EmailDigest/iroha``). The e-mail bytes are signed exactly as sent: no case
/// folding, trimming or Unicode normalisation.
///
/// ```swift
/// let key = try FIB.AuthorizationPrivateKey(hex: keyHexFromTheWebApp)
/// let body = key.sessionRequest(email: "alice@mail.com").jsonBody()  // send with POST
/// ```
public enum FIB {
    /// The HTTP method of the session (login) request.
    public static let sessionMethod = "POST"
    /// The path of the session (login) request.
    public static let sessionPath = "/auth/api/v1/authentication-management/session"
}
