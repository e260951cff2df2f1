import Foundation
import VerifyKit

/// Vector kind `"jose"`: compact JWS/JWT vectors with `verify`, `sign` and `decode` operations
/// (schema in TestVectors/README.md).
enum VectorJOSESuite {
    static func run(file: JSONObject, path: String) -> [VectorOutcome] {
        guard case .array(let vectors)? = file["vectors"] else {
            return [.fail("(file)", "missing array member \"vectors\"")]
        }
        return vectors.enumerated().map { index, value in
            guard case .object(let vector) = value else { return .fail("#\(index)", "a vector is a JSON object") }
            let id = (try? vector.string("id")) ?? "#\(index)"
            do {
                _ = try vector.string("id")  // a non-string id fails the vector
                switch try vector.string("operation") {
                case "verify": return try verify(vector, id: id)
                case "sign": return try sign(vector, id: id)
                case "decode": return try decode(vector, id: id)
                case let other: return .fail(id, "unknown operation \(other ?? "(none)")")
                }
            } catch let problem as VectorProblem {
                return .fail(id, problem.message)
            } catch {
                return .fail(id, "\(error)")
            }
        }
    }

    struct VectorProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Vector files are written by hand: a misspelt member would silently check less, so every
    /// member of a vector, its `expect` and its `options` must be one this runner reads.
    static func requireKnownMembers(_ object: JSONObject, _ known: Set<String>, in place: String) throws {
        for member in object.members where !known.contains(member.name) {
            throw VectorProblem("unknown member \(PrintableText.quoted(member.name)) in \(place)")
        }
    }

    static let verifyMembers: Set<String> = [
        "id", "operation", "comment", "token", "keys", "jwks", "options", "expect",
    ]
    static let verifyExpectMembers: Set<String> = ["valid", "error", "alg", "kid", "header", "claims", "payloadUTF8"]
    static let verifyOptionMembers: Set<String> = [
        "now", "leeway", "maxAge", "algorithms", "issuers", "audiences", "typ", "required", "minRSABits",
        "minHMACBytes", "rawPayload", "detachedPayloadUTF8",
    ]
    static let signMembers: Set<String> = [
        "id", "operation", "comment", "key", "alg", "header", "payloadUTF8", "claims", "expect",
    ]
    static let decodeMembers: Set<String> = ["id", "operation", "comment", "token", "expect"]
    static let decodeExpectMembers: Set<String> = ["header", "claims", "signatureBytes", "expired"]

    // MARK: verify

    static func verify(_ vector: JSONObject, id: String) throws -> VectorOutcome {
        guard let token = try vector.string("token") else { throw VectorProblem("missing token") }
        guard case .object(let expect)? = vector["expect"] else { throw VectorProblem("missing expect") }
        let options = try vector.object("options") ?? JSONObject()
        try requireKnownMembers(vector, verifyMembers, in: "the vector")
        try requireKnownMembers(expect, verifyExpectMembers, in: "expect")
        try requireKnownMembers(options, verifyOptionMembers, in: "options")
        guard let valid = try expect.bool("valid") else { throw VectorProblem("expect.valid must be true or false") }
        let expectedError = try expect.string("error")
        guard valid == (expectedError == nil) else {
            throw VectorProblem("expect.error must be given exactly when expect.valid is false")
        }

        var policy = KeyPolicy()
        if let bits = try options.int("minRSABits") { policy.minimumRSABits = bits }
        if let bytes = try options.int("minHMACBytes") { policy.minimumHMACKeyBytes = bytes }
        var validation = JWTValidationOptions()
        if let now = try options.double("now") { validation.clock = .fixed(now) }
        if let leeway = try options.double("leeway") { validation.leeway = leeway }
        if let maxAge = try options.double("maxAge") { validation.maxAge = maxAge }
        if let names = try options.strings("algorithms") {
            validation.allowedAlgorithms = Set(names.map(SignatureAlgorithm.init(rawValue:)))
        }
        validation.issuers = Set(try options.strings("issuers") ?? [])
        validation.audiences = Set(try options.strings("audiences") ?? [])
        validation.type = try options.string("typ")
        validation.requiredClaims = try options.strings("required") ?? []

        var keys = JWTKeyCollection(keyPolicy: policy, options: validation)
        do {
            if case .array(let members)? = vector["keys"] {
                for member in members {
                    guard case .object(let object) = member else { throw VectorProblem("keys holds a non-object") }
                    let jwk: JWK
                    do {
                        jwk = try JWK(jsonObject: object)
                    } catch {
                        throw VectorProblem("key does not load: \(error.reason)")
                    }
                    try keys.add(jwk)
                }
            }
            if let jwks = try vector.object("jwks") { try keys.add(jwks: jwks) }
        } catch let error as JWTError {
            return compareError(error, expectedError, id: id)
        }

        let result: Verified
        do {
            result = try verifyToken(token, keys: keys, options: options)
        } catch let error as JWTError {
            return compareError(error, expectedError, id: id)
        }
        let (header, algorithm, keyID, payload, claims) =
            (result.header, result.algorithm, result.keyID, result.payload, result.claims)
        if let expectedError { return .fail(id, "verified, but \(expectedError) was expected") }

        if let alg = try expect.string("alg"), alg != algorithm.rawValue {
            return .fail(id, "alg \(algorithm) ≠ expected \(alg)")
        }
        if let kid = expect["kid"] {
            let actual: JSONValue = keyID.map { .string($0) } ?? .null
            if actual != kid {
                return .fail(id, "kid \(actual.serializedString()) ≠ expected \(kid.serializedString())")
            }
        }
        if let expectedHeader = try expect.object("header"), expectedHeader != header.fields {
            return .fail(id, "header \(JSONValue.object(header.fields).serializedString()) differs")
        }
        if let expectedClaims = try expect.object("claims"), expectedClaims != claims {
            return .fail(id, "claims \(claims.map { JSONValue.object($0).serializedString() } ?? "none") differ")
        }
        if let text = try expect.string("payloadUTF8"), payload != Array(text.utf8) {
            return .fail(id, "payload differs")
        }
        return .pass(id, "verified (\(algorithm))")
    }

    struct Verified {
        var header: JWTHeader
        var algorithm: SignatureAlgorithm
        var keyID: String?
        var payload: [UInt8]?
        var claims: JSONObject?
    }

    static func verifyToken(_ token: String, keys: JWTKeyCollection, options: JSONObject) throws -> Verified {
        if let detached = try options.string("detachedPayloadUTF8") {
            let verified = try keys.verifyDetached(token, payload: Array(detached.utf8))
            return Verified(
                header: verified.header,
                algorithm: verified.algorithm,
                keyID: verified.keyID,
                payload: verified.payload
            )
        }
        if try options.bool("rawPayload") == true {
            let verified = try keys.verifyRawPayload(token)
            return Verified(
                header: verified.header,
                algorithm: verified.algorithm,
                keyID: verified.keyID,
                payload: verified.payload
            )
        }
        let verified = try keys.verify(token)
        return Verified(
            header: verified.header,
            algorithm: verified.algorithm,
            keyID: verified.keyID,
            claims: verified.payload
        )
    }

    static func compareError(_ error: JWTError, _ expected: String?, id: String) -> VectorOutcome {
        guard let expected else { return .fail(id, "rejected: \(error.code): \(error.message)") }
        guard expected == error.code.rawValue else {
            return .fail(id, "rejected with \(error.code) (\(error.message)), expected \(expected)")
        }
        return .pass(id, "rejected: \(error.code)")
    }

    // MARK: sign

    static func sign(_ vector: JSONObject, id: String) throws -> VectorOutcome {
        guard let keyObject = try vector.object("key") else { throw VectorProblem("missing key") }
        guard let alg = try vector.string("alg") else { throw VectorProblem("missing alg") }
        guard let expect = try vector.object("expect"), let expected = try expect.string("token") else {
            throw VectorProblem("missing expect.token")
        }
        try requireKnownMembers(vector, signMembers, in: "the vector")
        try requireKnownMembers(expect, ["token"], in: "expect")
        let jwk: JWK
        do {
            jwk = try JWK(jsonObject: keyObject)
        } catch {
            throw VectorProblem("key does not load: \(error.reason)")
        }
        var header = JWTHeader(type: nil)
        if let members = try vector.object("header") {
            do {
                try SignCommand.apply(members, to: &header)
            } catch {
                throw VectorProblem(error.message)
            }
        }
        let payload: [UInt8]
        if let text = try vector.string("payloadUTF8") {
            payload = Array(text.utf8)
        } else if let claims = try vector.object("claims") {
            payload = JSONValue.object(claims).serialized()
        } else {
            throw VectorProblem("missing payloadUTF8 or claims")
        }
        let token = try JWTSigner.sign(
            payload: payload,
            header: header,
            key: jwk.key,
            algorithm: SignatureAlgorithm(rawValue: alg)
        )
        guard token == expected else { return .fail(id, "signed \(token), expected \(expected)") }
        return .pass(id, "signature reproduced byte for byte")
    }

    // MARK: decode

    static func decode(_ vector: JSONObject, id: String) throws -> VectorOutcome {
        guard let token = try vector.string("token") else { throw VectorProblem("missing token") }
        guard let expect = try vector.object("expect") else { throw VectorProblem("missing expect") }
        try requireKnownMembers(vector, decodeMembers, in: "the vector")
        try requireKnownMembers(expect, decodeExpectMembers, in: "expect")
        let decoded = try JWTKeyCollection.unverifiedDecode(token)
        if let header = try expect.object("header"), header != decoded.header.fields {
            return .fail(id, "header \(JSONValue.object(decoded.header.fields).serializedString()) differs")
        }
        if let claims = try expect.object("claims"), claims != decoded.claims {
            return .fail(id, "claims differ")
        }
        if let bytes = try expect.int("signatureBytes"), bytes != decoded.signature.count {
            return .fail(id, "signature is \(decoded.signature.count) bytes, expected \(bytes)")
        }
        if try expect.bool("expired") == true {
            guard case .number(let exp)? = decoded.claims?["exp"], let seconds = exp.doubleValue else {
                return .fail(id, "no numeric exp")
            }
            guard seconds < JWTClock.system.now() else { return .fail(id, "exp \(exp.text) is not in the past") }
        }
        return .pass(id, "decoded (\(decoded.signature.count)-byte signature, not verified)")
    }
}

/// Typed member readers for hand-written vectors: `nil` when the member is absent, a
/// ``VectorJOSESuite/VectorProblem`` when it has another JSON type. A value of the wrong type
/// would otherwise read as absent, and the vector would silently check less (an issuer list of
/// numbers checked no issuer; a clock given as a string fell back to the system clock).
extension JSONObject {
    /// The member `name` through `read`, `nil` when absent, a problem naming `type` when `read`
    /// refuses its value.
    private func member<T>(
        _ name: String,
        _ type: String,
        _ read: (JSONValue) -> T?
    ) throws(VectorJOSESuite.VectorProblem) -> T? {
        guard let value = self[name] else { return nil }
        guard let typed = read(value) else { throw Self.wrongType(name, type) }
        return typed
    }

    fileprivate func string(_ name: String) throws(VectorJOSESuite.VectorProblem) -> String? {
        try member(name, "a string") { if case .string(let value) = $0 { value } else { nil } }
    }

    fileprivate func object(_ name: String) throws(VectorJOSESuite.VectorProblem) -> JSONObject? {
        try member(name, "an object") { if case .object(let value) = $0 { value } else { nil } }
    }

    fileprivate func bool(_ name: String) throws(VectorJOSESuite.VectorProblem) -> Bool? {
        try member(name, "true or false") { if case .bool(let value) = $0 { value } else { nil } }
    }

    fileprivate func double(_ name: String) throws(VectorJOSESuite.VectorProblem) -> Double? {
        try member(name, "a finite number") { if case .number(let value) = $0 { value.doubleValue } else { nil } }
    }

    fileprivate func int(_ name: String) throws(VectorJOSESuite.VectorProblem) -> Int? {
        try member(name, "an integer") {
            if case .number(let value) = $0 { value.exactInteger(as: Int.self) } else { nil }
        }
    }

    fileprivate func strings(_ name: String) throws(VectorJOSESuite.VectorProblem) -> [String]? {
        try member(name, "an array of strings") { value -> [String]? in
            guard case .array(let items) = value else { return nil }
            var strings: [String] = []
            for item in items {
                guard case .string(let string) = item else { return nil }
                strings.append(string)
            }
            return strings
        }
    }

    private static func wrongType(_ name: String, _ type: String) -> VectorJOSESuite.VectorProblem {
        VectorJOSESuite.VectorProblem("member \(PrintableText.quoted(name)) must be \(type)")
    }
}
