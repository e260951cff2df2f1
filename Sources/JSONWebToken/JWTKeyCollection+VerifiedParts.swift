public import CryptoPrimitives

extension JWTKeyCollection {
    /// Everything ``VerifiedJWT`` holds except the caller's claims type, in one allocation: the
    /// facts of the verification, then the header's JSON and the payload's JSON as tail bytes.
    ///
    /// A `ManagedBuffer` rather than a class holding an `[UInt8]`: allocating a Swift array of
    /// run-time size looked up the array storage's generic metadata on every call (~330
    /// instructions), and this way the bytes need no second allocation. Copies of a
    /// ``VerifiedJWT`` retain it once.
    ///
    /// The header and the registered claims are kept as the JSON they came from and built when
    /// read (verification checks them on the tape without building them); for ``JWTClaims``
    /// results the registered claims are the claims, built once and stored.
    ///
    /// `@unchecked Sendable`: the storage is written only by the verifier that creates it, before
    /// it is returned, and only read afterwards.
    @usableFromInline
    struct VerifiedParts: @unchecked Sendable {
        @usableFromInline
        struct Facts {
            @usableFromInline let algorithm: SignatureAlgorithm
            @usableFromInline let keyID: String?
            let headerCount: Int
            let payloadCount: Int
            @usableFromInline var builtRegisteredClaims: JWTClaims?
        }

        @usableFromInline
        final class Storage: ManagedBuffer<Facts, UInt8> {}

        @usableFromInline let storage: Storage

        /// Room for `headerCount + payloadCount` bytes, which the creator fills through
        /// ``withBytes(_:)`` before handing the value out.
        init(algorithm: SignatureAlgorithm, keyID: String?, headerCount: Int, payloadCount: Int) {
            let buffer = Storage.create(minimumCapacity: headerCount + payloadCount) { _ in
                Facts(
                    algorithm: algorithm,
                    keyID: keyID,
                    headerCount: headerCount,
                    payloadCount: payloadCount,
                    builtRegisteredClaims: nil
                )
            }
            // `create` allocates an instance of the class it is called on.
            storage = unsafeDowncast(buffer, to: Storage.self)
        }

        /// The header bytes and the payload bytes, for the creator to fill.
        func withBytes<R>(
            _ body: (UnsafeMutableBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>) -> R
        ) -> R {
            // Through pointers: reading `storage.header` into a local would copy (and retain)
            // every field of the facts to get at two counts.
            storage.withUnsafeMutablePointers { facts, base in
                let headerCount = facts.pointee.headerCount
                return body(
                    UnsafeMutableBufferPointer(start: base, count: headerCount),
                    UnsafeMutableBufferPointer(start: base + headerCount, count: facts.pointee.payloadCount)
                )
            }
        }

        /// Stores registered claims the verifier built anyway (``JWTClaims`` results). Safe inside
        /// ``withBytes(_:)``: it writes the facts, never the bytes lent out there.
        ///
        /// Through the header's pointer: assigning `storage.header.builtRegisteredClaims` made a
        /// dynamic exclusivity check (`swift_beginAccess`) on every token.
        func setBuiltRegisteredClaims(_ claims: JWTClaims) {
            storage.withUnsafeMutablePointerToHeader { facts in facts.pointee.builtRegisteredClaims = claims }
        }

        @usableFromInline var algorithm: SignatureAlgorithm { storage.header.algorithm }
        @usableFromInline var keyID: String? { storage.header.keyID }

        @usableFromInline var headerJSON: [UInt8] {
            storage.withUnsafeMutablePointers { facts, base in
                Array(UnsafeBufferPointer(start: base, count: facts.pointee.headerCount))
            }
        }

        @usableFromInline var payloadJSON: [UInt8] {
            storage.withUnsafeMutablePointers { facts, base in
                Array(UnsafeBufferPointer(start: base + facts.pointee.headerCount, count: facts.pointee.payloadCount))
            }
        }

        @usableFromInline var header: JWTHeader {
            JWTHeader.reparse(headerJSON) ?? JWTHeader(algorithm: algorithm, type: nil)
        }

        /// Read through the header's pointer, not `storage.header`, whose access made a dynamic
        /// exclusivity check.
        @usableFromInline var registeredClaims: JWTClaims {
            if let built = storage.withUnsafeMutablePointerToHeader({ facts in facts.pointee.builtRegisteredClaims }) {
                return built
            }
            return JWTClaimsValidator.registeredClaims(reparsing: payloadJSON) ?? JWTClaims()
        }
    }
}
