public import CryptoPrimitives
public import StrictJSON

/// A JOSE header (RFC 7515 §4): the registered parameters this library acts on, typed, plus every
/// member as a JSON object.
///
/// For a verified token, ``fields`` holds the header exactly as received (member order kept).
/// For signing, the typed properties are written first in a fixed order (`alg`, `typ`, `kid`,
/// `cty`, `b64`, `crit`) and then the remaining members of ``fields`` in their order, so the same
/// header always serializes to the same bytes.
public struct JWTHeader: Hashable, Sendable {
    /// `alg`. The signer writes its own algorithm argument here; a different one set before
    /// signing (here or as an `alg` field) is `signing_failed`, not silently replaced.
    public var algorithm: SignatureAlgorithm?
    /// `typ`, e.g. `JWT`.
    public var type: String?
    /// `kid`.
    public var keyID: String?
    /// `cty`. Reported, never acted on: a nested JWT (`"cty":"JWT"`, RFC 7519 §5.2) is not
    /// unwrapped, and its payload, a compact token rather than a JSON object, is `malformed` as
    /// claims (jose and jwt-kit do not unwrap either).
    public var contentType: String?
    /// `crit`: parameters the recipient must understand.
    public var critical: [String]?
    /// `b64` (RFC 7797): `false` means the payload is not base64url-encoded in the signing input.
    public var base64URLEncodesPayload: Bool?
    /// Every member (verified tokens), or extra members to write (signing).
    ///
    /// For a verified token this is parsed from the header's JSON text when read (verification
    /// itself reads only the typed parameters), so read it once if you need it repeatedly.
    public var fields: JSONObject {
        get {
            switch storage {
            case .object(let object): return object
            case .json(let text): return Self.object(fromValidated: text)
            }
        }
        set { storage = .object(newValue) }
    }

    /// The header's JSON text as received (verified tokens only).
    public var receivedJSON: [UInt8]? {
        if case .json(let text) = storage { return text }
        return nil
    }

    /// Where ``fields`` comes from: a built object, or the validated JSON text of a received header.
    private enum Storage: Sendable {
        case object(JSONObject)
        case json([UInt8])
    }

    private var storage: Storage

    /// A header to sign with: `typ` defaults to `JWT` (`nil` leaves it out) and the signer sets `alg`.
    ///
    /// ``fields`` holds extra members; when signing, one named like a typed parameter fills that
    /// parameter if it is `nil` and must agree with it otherwise.
    public init(
        algorithm: SignatureAlgorithm? = nil,
        type: String? = "JWT",
        keyID: String? = nil,
        contentType: String? = nil,
        critical: [String]? = nil,
        base64URLEncodesPayload: Bool? = nil,
        fields: JSONObject = JSONObject()
    ) {
        self.algorithm = algorithm
        self.type = type
        self.keyID = keyID
        self.contentType = contentType
        self.critical = critical
        self.base64URLEncodesPayload = base64URLEncodesPayload
        self.storage = .object(fields)
    }

    /// Equal when the typed parameters and all members are equal (whatever ``fields`` is kept as).
    public static func == (lhs: JWTHeader, rhs: JWTHeader) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.type == rhs.type && lhs.keyID == rhs.keyID
            && lhs.contentType == rhs.contentType && lhs.critical == rhs.critical
            && lhs.base64URLEncodesPayload == rhs.base64URLEncodesPayload && lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(algorithm)
        hasher.combine(type)
        hasher.combine(keyID)
        hasher.combine(contentType)
        hasher.combine(critical)
        hasher.combine(base64URLEncodesPayload)
        hasher.combine(fields)
    }

    /// Parses JSON text that already passed the strict parser (so it cannot fail; an empty
    /// object stands in if it ever did).
    static func object(fromValidated text: [UInt8]) -> JSONObject {
        let parser = JSONParser(options: .init(maxDepth: JSONParser.Options.maximumDepthLimit))
        guard case .object(let object)? = try? parser.parse(text) else { return JSONObject() }
        return object
    }

    /// The value of any header member; setting one (`header["x5t"] = "…"`) adds, replaces or
    /// (with `nil`) removes it in ``fields``.
    public subscript(name: String) -> JSONValue? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    static let typedNames: Set<String> = ["alg", "typ", "kid", "cty", "crit", "b64"]

    /// For signing: members of ``fields`` named like a typed parameter (`typ`, `kid`, `cty`,
    /// `crit`, `b64`) fill that parameter when it is `nil`, and must agree with it otherwise; the
    /// serializer writes only the typed one, so a differing value would silently vanish (an
    /// explicit `typ` replaced by the default, a `crit` extension sent as non-critical). `alg` in
    /// ``fields`` is checked by the signer against its algorithm argument.
    mutating func adoptTypedFields() throws(JWTError) {
        let fields = self.fields
        func conflict(_ name: String) -> JWTError {
            JWTError(
                .signingFailed,
                "header \(name) is given twice, in fields and as a property, with different values"
            )
        }
        func string(_ name: String, into property: inout String?) throws(JWTError) {
            guard let value = fields[name] else { return }
            guard case .string(let text) = value else {
                throw JWTError(.signingFailed, "header field \(name) must be a string")
            }
            if let property, property != text { throw conflict(name) }
            property = text
        }
        try string("typ", into: &type)
        try string("kid", into: &keyID)
        try string("cty", into: &contentType)
        if let value = fields["b64"] {
            guard case .bool(let flag) = value else {
                throw JWTError(.signingFailed, "header field b64 must be a boolean")
            }
            if let base64URLEncodesPayload, base64URLEncodesPayload != flag { throw conflict("b64") }
            base64URLEncodesPayload = flag
        }
        if let value = fields["crit"] {
            guard let names = value.stringArrayValue else {
                throw JWTError(.signingFailed, "header field crit must be an array of strings")
            }
            if let critical, critical != names { throw conflict("crit") }
            critical = names
        }
    }

    /// The header as a JSON object in the deterministic signing order.
    public var jsonObject: JSONObject {
        var members: [(name: String, value: JSONValue)] = []
        if let algorithm { members.append(("alg", .string(algorithm.rawValue))) }
        if let type { members.append(("typ", .string(type))) }
        if let keyID { members.append(("kid", .string(keyID))) }
        if let contentType { members.append(("cty", .string(contentType))) }
        if let base64URLEncodesPayload { members.append(("b64", .bool(base64URLEncodesPayload))) }
        if let critical { members.append(("crit", .array(critical.map { .string($0) }))) }
        for member in fields where !Self.typedNames.contains(member.name) {
            members.append(member)
        }
        // Names are unique by construction: typed names are filtered out of `fields`.
        return JSONObject(members: members) ?? JSONObject()
    }

    /// Reads the typed parameters of a parsed header. Wrong JSON types are `malformed`; `alg`
    /// and `crit` are judged later by the verifier, which knows the rules for them.
    init(parsed object: JSONObject) throws(JWTError) {
        self.storage = .object(object)
        self.algorithm = nil
        self.type = try Self.optionalString(object, "typ")
        self.keyID = try Self.optionalString(object, "kid")
        self.contentType = try Self.optionalString(object, "cty")
        self.critical = nil
        switch object["b64"] {
        case nil: self.base64URLEncodesPayload = nil
        case .bool(let flag)?: self.base64URLEncodesPayload = flag
        default: throw JWTError(.malformed, "header parameter b64 must be a boolean")
        }
    }

    private static func optionalString(_ object: JSONObject, _ name: String) throws(JWTError) -> String? {
        switch object[name] {
        case nil: return nil
        case .string(let value)?: return value
        default: throw JWTError(.malformed, "header parameter \(name) must be a string")
        }
    }
}

extension JWTHeader {
    /// Header parameters listed in `crit` that this library implements (RFC 7797's `b64`).
    static let understoodCritical: Set<String> = ["b64"]

    /// Names a producer must never list in `crit` (RFC 7515 §4.1.11): the header parameters of
    /// RFC 7515 and those RFC 7518 defines for JWS and JWE.
    static let specifiedParameterNames: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
        "epk", "apu", "apv", "iv", "tag", "p2s", "p2c", "enc", "zip",
    ]

    /// Reads the registered parameters of a header straight from its tape (rule 2's typing and
    /// rule 3's `alg`/`crit`, see ``JWTHeaderScan``), keeping the JSON text for ``fields``.
    init(tape: JSONTape, json: UnsafeBufferPointer<UInt8>) throws(JWTError) {
        let scan = try JWTHeaderScan(tape)
        self.init(scan: scan, tape: tape, json: Array(json))
    }

    /// Builds the header from a scan that already passed (nothing can fail here).
    init(scan: JWTHeaderScan, tape: JSONTape, json: [UInt8]) {
        self.storage = .json(json)
        self.type = scan.type(in: tape)
        self.keyID = scan.keyID(in: tape)
        self.contentType = scan.cty < 0 ? nil : tape.string(at: scan.cty)
        self.base64URLEncodesPayload = scan.base64URLEncodesPayload
        self.algorithm = scan.algorithm
        if scan.crit < 0 {
            self.critical = nil
        } else {
            var names: [String] = []
            var item = scan.crit + 1
            while item < Int(tape[scan.crit].b) {
                names.append(tape.string(at: item))
                item = tape.next(after: item)
            }
            self.critical = names
        }
    }

    /// Parses header JSON that verification already accepted (for results that build the header
    /// only when it is read); `nil` only if the bytes are not such a header.
    static func reparse(_ json: [UInt8]) -> JWTHeader? {
        json.withUnsafeBufferPointer { bytes -> JWTHeader? in
            let parsed: JWTHeader?? = try? JSONTape.parse(
                bytes,
                maxDepth: JSONParser.Options.maximumDepthLimit,
                mapError: { $0 }
            ) { (tape) throws(JSONError) -> JWTHeader? in
                guard tape[tape.root].kind == .object, let scan = try? JWTHeaderScan(tape) else { return nil }
                return JWTHeader(scan: scan, tape: tape, json: json)
            }
            return parsed ?? nil
        }
    }
}

extension JWTHeader: CustomStringConvertible {
    /// The header as JSON: the text received for a verified token (validated UTF-8, member order
    /// kept), or ``jsonObject`` serialized for one built to sign with.
    public var description: String {
        switch storage {
        case .json(let text): String(decoding: text, as: UTF8.self)
        case .object: JSONValue.object(jsonObject).serializedString()
        }
    }
}
