internal import Base64URL

extension BankFrick {
    /// The `Signature` and `algorithm` headers of a signed request or response.
    public struct SignatureHeaders: Hashable, Sendable, CustomStringConvertible {
        /// The raw RSA signature bytes.
        public var signature: [UInt8]
        /// The signing algorithm.
        public var algorithm: SignatureAlgorithm

        /// Headers for signature bytes already made (as ``Signer`` does), taken as given: neither the
        /// signature nor the algorithm is checked. The algorithm defaults to `rsa-sha512`.
        public init(signature: [UInt8], algorithm: SignatureAlgorithm = .default) {
            self.signature = signature
            self.algorithm = algorithm
        }

        /// From header values: `signature` is the `Signature` value (padded standard Base64), and
        /// `algorithm` the `algorithm` value or `nil` when the header is absent.
        ///
        /// - Throws: `malformed_signature` for text that is not strict padded Base64 (or is empty),
        ///   `unsupported_algorithm` for an unknown algorithm.
        public init(signature: String, algorithm: String?) throws(RequestSigningError) {
            let text = BankFrick.trimmingFieldWhitespace(signature)
            let bytes: [UInt8]
            do {
                bytes = try Base64.decode(text)
            } catch {
                throw RequestSigningError(.malformedSignature, "the Signature header is not padded Base64: \(error)")
            }
            guard !bytes.isEmpty else {
                throw RequestSigningError(.malformedSignature, "the Signature header is empty")
            }
            self.signature = bytes
            self.algorithm = try SignatureAlgorithm(headerValue: algorithm)
        }

        /// From received header fields, names matched case-insensitively (`signature`, `SIGNATURE`…).
        /// Other fields are ignored.
        ///
        /// - Throws: `missing_header` without a `Signature` field, `duplicate_header` when either field
        ///   appears twice, and what ``init(signature:algorithm:)-(String,_)`` throws.
        public init(fields: some Sequence<(name: String, value: String)>) throws(RequestSigningError) {
            var signature: String?
            var algorithm: String?
            for (name, value) in fields {
                if BankFrick.headerNamesMatch(name, HeaderName.signature) {
                    guard signature == nil else {
                        throw RequestSigningError(.duplicateHeader, "more than one Signature header")
                    }
                    signature = value
                } else if BankFrick.headerNamesMatch(name, HeaderName.algorithm) {
                    guard algorithm == nil else {
                        throw RequestSigningError(.duplicateHeader, "more than one algorithm header")
                    }
                    algorithm = value
                }
            }
            guard let signature else {
                throw RequestSigningError(.missingHeader, "no Signature header")
            }
            try self.init(signature: signature, algorithm: algorithm)
        }

        /// From a dictionary of received headers; see ``init(fields:)``.
        public init(headers: [String: String]) throws(RequestSigningError) {
            try self.init(fields: headers.lazy.map { (name: $0.key, value: $0.value) })
        }

        /// The `Signature` header value: padded standard Base64 on one line.
        public var signatureValue: String { Base64.encode(signature) }

        /// The header fields to send, spelled and ordered as in the documents:
        /// `Signature` then `algorithm`.
        public var fields: [(name: String, value: String)] {
            [(HeaderName.signature, signatureValue), (HeaderName.algorithm, algorithm.rawValue)]
        }

        /// The two header lines, `Signature: …` and `algorithm: …`, joined by `\n`.
        public var description: String {
            fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        }
    }
}

extension BankFrick {
    /// ASCII case-insensitive comparison, as HTTP field names are compared.
    static func headerNamesMatch(_ name: String, _ expected: String) -> Bool {
        let lhs = name.utf8
        let rhs = expected.utf8
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { a, b in
            let lowerA = (0x41...0x5A).contains(a) ? a | 0x20 : a
            let lowerB = (0x41...0x5A).contains(b) ? b | 0x20 : b
            return lowerA == lowerB
        }
    }
}
