/// Bank Frick WebAPI request and response signatures.
///
/// Every request body is signed with the client's RSA key and every response body with the bank's:
///
///     Signature: Base64(RSASSA-PKCS1-v1_5-Sign(key, SHA-512, exact body octets))
///     algorithm: rsa-sha512
///
/// The signature covers the body bytes exactly as sent (a bodyless request signs the empty octet
/// string), so serialize JSON once and send those same bytes: ``Signer/sign(json:algorithm:)`` returns
/// both. `Signature` is standard, padded Base64 on one line (not base64url). `algorithm` is
/// `rsa-sha512` (assumed when absent), `rsa-sha384` or `rsa-sha256`; RSA-PSS is not used.
///
/// ```swift
/// let signer = try BankFrick.Signer(pemRepresentation: clientKeyPEM)
/// let request = try signer.sign(json: BankFrick.AuthorizeRequest(key: apiKey))
/// // send request.body with request.headers.fields
/// let bank = try BankFrick.Verifier(pemRepresentation: bankPublicKeyPEM)
/// let ok = try bank.isValidSignature(headers: responseHeaders, body: responseBody)
/// ```
public enum BankFrick {
    /// Header names as the documents spell them. Received headers are matched case-insensitively.
    public enum HeaderName {
        /// The header that carries the Base64 signature.
        public static let signature = "Signature"
        /// The header that names the signing algorithm.
        public static let algorithm = "algorithm"
    }

    /// The path of the authorize (login) request, below the WebAPI base URL.
    public static let authorizePath = "/v2/authorize"
    /// The WebAPI base URL of the test system.
    public static let testBaseURL = "https://olbtest.bankfrick.li/webapi"
    /// The WebAPI base URL of the production system.
    public static let productionBaseURL = "https://olb.bankfrick.li/webapi"
}
