internal import CLibcrypto

/// Certificates trusted as anchors, and validation of chains against them (RFC 5280 path
/// validation, done by OpenSSL's `X509_verify_cert`).
///
/// Built once and shared: validation is synchronous and safe from any number of threads.
///
/// What ``validate(_:at:)`` requires of a chain:
/// - at most ``maxChainLength`` certificates, leaf first, each one issued by the next
///   (RFC 7515 §4.1.6's order for `x5c`; a chain in another order, with unrelated extras or with a
///   certificate twice is refused rather than re-sorted); certificates after the trusted one are
///   not part of the path, but each must have signed the one before it;
/// - a path from the leaf to a trusted certificate, every signature on it valid, every
///   certificate within its validity period at the given time, CA certificates marked as CAs
///   and allowed to sign certificates, path length constraints kept (OpenSSL's strict X.509 mode);
/// - keys and signature digests of at least 112-bit strength (OpenSSL security level 2: RSA and
///   DSA keys of 2048 bits or more, no MD5 or SHA-1 signatures) on every certificate but the
///   trusted one's own signature.
///
/// A trusted certificate is an anchor wherever it sits: trusting an intermediate CA accepts the
/// chains below it without its root. Revocation (CRL, OCSP) is not checked.
public struct X509TrustStore: Sendable {
    /// The most certificates a chain may hold, and a validated path too, leaf and anchor included.
    public static let maxChainLength = 10

    /// The trusted certificates, in the order given.
    public let trustedCertificates: [X509Certificate]
    let store: StoreHandle

    /// A store trusting `certificates` (usually self-signed roots).
    ///
    /// - Throws: `untrusted_certificate` if `certificates` is empty (a store that trusts nothing
    ///   would refuse every chain, which is never what was meant).
    public init(trusting certificates: [X509Certificate]) throws(CryptoError) {
        guard !certificates.isEmpty else {
            throw CryptoError(.untrustedCertificate, "a trust store needs at least one trusted certificate")
        }
        trustedCertificates = certificates
        store = try StoreHandle(certificates)
    }

    /// A store trusting every certificate of a PEM bundle; see
    /// ``X509Certificate/certificates(pemBundle:)``.
    public init(pemBundle text: String) throws(CryptoError) {
        try self.init(trusting: try X509Certificate.certificates(pemBundle: text))
    }

    /// Validates `chain` (leaf first) at `time` and returns the path OpenSSL validated, leaf
    /// first and ending with the trusted certificate, which `chain` itself may leave out.
    ///
    /// The path is the chain as given, up to the first trusted certificate OpenSSL reaches: with
    /// both a root and its intermediate trusted, a path may end at the intermediate. A chain that
    /// ends in a cross certificate of a trusted root (same name and key, another issuer) is
    /// refused, since the path then leaves the chain; give the chain as far as the trusted
    /// certificate, or that certificate itself.
    ///
    /// - Parameters:
    ///   - chain: the leaf, then each certificate's issuer in turn.
    ///   - time: the moment to check validity periods at, in seconds since 1970.
    /// - Throws: `untrusted_certificate`, naming OpenSSL's reason and the certificate it concerns;
    ///   `library_failure` if OpenSSL cannot allocate what validation needs.
    public func validate(_ chain: [X509Certificate], at time: Int64) throws(CryptoError) -> [X509Certificate] {
        guard !chain.isEmpty else { throw CryptoError(.untrustedCertificate, "the chain is empty") }
        guard chain.count <= Self.maxChainLength else {
            throw CryptoError(
                .untrustedCertificate,
                "the chain holds \(chain.count) certificates; at most \(Self.maxChainLength) are validated"
            )
        }
        for index in chain.indices.dropFirst() {
            // The same certificate twice adds nothing but another text for one chain.
            if let first = chain[..<index].firstIndex(of: chain[index]) {
                throw CryptoError(
                    .untrustedCertificate,
                    "certificate \(index) repeats certificate \(first) (\(chain[index].quotedSubject))"
                )
            }
            let issued = X509_check_issued(chain[index].handle.pointer, chain[index - 1].handle.pointer)
            guard issued == X509_V_OK else {
                throw CryptoError(
                    .untrustedCertificate,
                    "certificate \(index) (\(chain[index].quotedSubject)) did not issue certificate \(index - 1) "
                        + "(\(chain[index - 1].quotedSubject)): \(Self.reason(issued)); a chain lists the leaf, "
                        + "then each issuer in turn"
                )
            }
        }
        let path = try store.validate(chain, trusted: trustedCertificates, at: time)
        // Certificates after the trusted one are not part of the validated path; each must still
        // have signed the one before it, so that no certificate of someone else's rides along.
        for index in min(path.count, chain.count)..<chain.count {
            guard let key = X509_get0_pubkey(chain[index].handle.pointer),
                X509_verify(chain[index - 1].handle.pointer, key) == 1
            else {
                clearOpenSSLErrors()
                throw CryptoError(
                    .untrustedCertificate,
                    "certificate \(index) (\(chain[index].quotedSubject)), after the trusted certificate, "
                        + "did not sign certificate \(index - 1)"
                )
            }
        }
        return path
    }

    static func reason(_ code: Int32) -> String {
        guard let text = X509_verify_cert_error_string(Int(code)) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// Owns one OpenSSL `X509_STORE` holding the trusted certificates, freed exactly once.
///
/// `@unchecked Sendable`: the store is filled in `init` and only read afterwards; OpenSSL locks
/// its object list for the look-ups validation makes, which is how TLS servers share one store
/// across connections.
final class StoreHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Keeps the trusted certificates' handles alive for as long as the store refers to them.
    private let anchors: [X509Handle]

    init(_ certificates: [X509Certificate]) throws(CryptoError) {
        guard let store = X509_STORE_new() else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a certificate store")
        }
        for certificate in certificates where X509_STORE_add_cert(store, certificate.handle.pointer) != 1 {
            // The only failure besides allocation is a duplicate, which OpenSSL 3 ignores.
            X509_STORE_free(store)
            throw CryptoError.openSSL(
                .libraryFailure,
                "cannot add \(certificate.quotedSubject) to a certificate store"
            )
        }
        pointer = store
        anchors = certificates.map(\.handle)
    }

    deinit { X509_STORE_free(pointer) }

    /// Runs `X509_verify_cert` on `chain` and returns the validated path as certificates of
    /// `chain` and `trusted`. The path is read and matched while the context that holds it is
    /// alive, so no pointer it lends outlives it.
    func validate(
        _ chain: [X509Certificate],
        trusted: [X509Certificate],
        at time: Int64
    ) throws(CryptoError) -> [X509Certificate] {
        guard let context = X509_STORE_CTX_new() else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a certificate validation context")
        }
        defer { X509_STORE_CTX_free(context) }
        guard let untrusted = vk_x509_stack_new() else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a certificate stack")
        }
        // Freed before the context (defers run in reverse): the context borrows the stack.
        defer { vk_x509_stack_free(untrusted) }
        for certificate in chain.dropFirst() where vk_x509_stack_push(untrusted, certificate.handle.pointer) <= 0 {
            throw CryptoError.openSSL(.libraryFailure, "cannot build a certificate stack")
        }
        guard X509_STORE_CTX_init(context, pointer, chain[0].handle.pointer, untrusted) == 1,
            let parameters = X509_STORE_CTX_get0_param(context)
        else {
            throw CryptoError.openSSL(.libraryFailure, "cannot start certificate validation")
        }
        X509_VERIFY_PARAM_set_time(parameters, time_t(truncatingIfNeeded: time))
        // OpenSSL's depth counts neither the leaf nor the trust anchor.
        X509_VERIFY_PARAM_set_depth(parameters, Int32(X509TrustStore.maxChainLength - 2))
        X509_VERIFY_PARAM_set_auth_level(parameters, 2)
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_X509_STRICT) | UInt(X509_V_FLAG_PARTIAL_CHAIN))
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let depth = X509_STORE_CTX_get_error_depth(context)
            var concerning = ""
            if let current = X509_STORE_CTX_get_current_cert(context),
                let index = chain.firstIndex(where: { $0.handle.pointer == current })
            {
                concerning = " (certificate \(index), \(chain[index].quotedSubject))"
            } else if depth >= 0 {
                concerning = " (at depth \(depth))"
            }
            clearOpenSSLErrors()
            throw CryptoError(
                .untrustedCertificate,
                "the certificate chain does not validate: \(X509TrustStore.reason(code))\(concerning)"
            )
        }
        guard let path = X509_STORE_CTX_get0_chain(context) else {
            throw CryptoError.openSSL(.libraryFailure, "OpenSSL validated a chain but returned no path")
        }
        let count = Int(vk_x509_stack_count(path))
        guard (1...X509TrustStore.maxChainLength).contains(count) else {
            throw CryptoError(
                .untrustedCertificate,
                "the validated path holds \(count) certificates; at most \(X509TrustStore.maxChainLength) are allowed"
            )
        }
        // The validated path must be the chain as given (up to where the chain stops or the path
        // reaches its anchor), so that what the chain claims is what was checked.
        var validated: [X509Certificate] = []
        for index in 0..<count {
            guard let certificate = vk_x509_stack_value(path, Int32(index)) else {
                throw CryptoError(.libraryFailure, "OpenSSL returned a path with a missing certificate")
            }
            if index < chain.count {
                guard X509_cmp(certificate, chain[index].handle.pointer) == 0 else {
                    throw CryptoError(
                        .untrustedCertificate,
                        "the validated path leaves the chain at certificate \(index) (\(chain[index].quotedSubject))"
                    )
                }
                validated.append(chain[index])
            } else if let anchor = trusted.first(where: { X509_cmp(certificate, $0.handle.pointer) == 0 }) {
                validated.append(anchor)
            } else {
                throw CryptoError(.libraryFailure, "OpenSSL validated a path through a certificate it was not given")
            }
        }
        return validated
    }
}
