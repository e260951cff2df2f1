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
    /// `alg`. Set by the signer from its algorithm argument when `nil`.
    public var algorithm: SignatureAlgorithm?
    /// `typ`, e.g. `JWT`.
    public var type: String?
    /// `kid`.
    public var keyID: String?
    /// `cty`.
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

    /// The value of any header member.
    public subscript(name: String) -> JSONValue? { fields[name] }

    static let typedNames: Set<String> = ["alg", "typ", "kid", "cty", "crit", "b64"]

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
    /// Reads the registered parameters of a header straight from its tape (rule 2's typing and
    /// rule 3's `alg`/`crit`), keeping the JSON text for ``fields``. Checks run in the order of
    /// the tree-based reader: `typ`, `kid`, `cty`, `b64` types (`malformed`), then `alg`, then `crit`.
    init(tape: JSONTape, json: UnsafeBufferPointer<UInt8>) throws(JWTError) {
        var alg = -1
        var typ = -1
        var kid = -1
        var cty = -1
        var b64 = -1
        var crit = -1
        let end = Int(tape[tape.root].b)
        var name = tape.root + 1
        while name < end {
            switch JWTHeader.registeredName(tape, name) {
            case 1: alg = name + 1
            case 2: typ = name + 1
            case 3: kid = name + 1
            case 4: cty = name + 1
            case 5: b64 = name + 1
            case 6: crit = name + 1
            default: break
            }
            name = tape.next(after: name + 1)
        }
        self.storage = .json(Array(json))
        self.type = try Self.optionalString(tape, typ, "typ")
        self.keyID = try Self.optionalString(tape, kid, "kid")
        self.contentType = try Self.optionalString(tape, cty, "cty")
        if b64 < 0 {
            self.base64URLEncodesPayload = nil
        } else {
            switch tape[b64].kind {
            case .trueLiteral: self.base64URLEncodesPayload = true
            case .falseLiteral: self.base64URLEncodesPayload = false
            default: throw JWTError(.malformed, "header parameter b64 must be a boolean")
            }
        }
        self.algorithm = try Self.algorithm(tape, alg)
        self.critical = try Self.criticalNames(tape, crit, header: tape.root)
    }

    /// 1…6 for `alg`, `typ`, `kid`, `cty`, `b64`, `crit` (compared as strings); 0 otherwise.
    private static func registeredName(_ tape: JSONTape, _ index: Int) -> Int {
        if tape[index].flags == 0 {
            let raw = tape.rawBytes(index)
            if raw.count == 3 {
                // The three bytes packed little-endian (first byte lowest).
                switch UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 {
                case 0x676C61: return 1  // "alg"
                case 0x707974: return 2  // "typ"
                case 0x64696B: return 3  // "kid"
                case 0x797463: return 4  // "cty"
                case 0x343662: return 5  // "b64"
                default: return 0
                }
            }
            if raw.count == 4 && raw[0] == UInt8(ascii: "c") && raw[1] == UInt8(ascii: "r")
                && raw[2] == UInt8(ascii: "i") && raw[3] == UInt8(ascii: "t")
            {
                return 6
            }
            // Plain ASCII names of other lengths cannot equal these (canonical equivalence only
            // relates ASCII to non-ASCII text).
            return 0
        }
        switch tape.string(at: index) {
        case "alg": return 1
        case "typ": return 2
        case "kid": return 3
        case "cty": return 4
        case "b64": return 5
        case "crit": return 6
        default: return 0
        }
    }

    private static func optionalString(_ tape: JSONTape, _ index: Int, _ name: String) throws(JWTError) -> String? {
        guard index >= 0 else { return nil }
        guard tape[index].kind == .string else {
            throw JWTError(.malformed, "header parameter \(name) must be a string")
        }
        return tape.string(at: index)
    }

    private static func algorithm(_ tape: JSONTape, _ index: Int) throws(JWTError) -> SignatureAlgorithm {
        guard index >= 0 else {
            throw JWTError(.unsupportedAlgorithm, "the header has no alg")
        }
        guard tape[index].kind == .string else {
            throw JWTError(.unsupportedAlgorithm, "header parameter alg must be a string")
        }
        if let known = knownAlgorithm(tape.rawBytes(index)), tape[index].flags == 0 { return known }
        let name = tape.string(at: index)
        let algorithm = SignatureAlgorithm(rawValue: name)
        guard algorithm.isSupported else {
            if name.lowercased() == "none" {
                throw JWTError(.unsupportedAlgorithm, "alg none (an unsecured JWS) is never accepted")
            }
            throw JWTError(.unsupportedAlgorithm, "alg \(JWTKeyCollection.printable(name)) is not supported")
        }
        return algorithm
    }

    /// The supported algorithm named by plain ASCII bytes, without making a `String` or
    /// comparing against every supported name.
    private static func knownAlgorithm(_ raw: UnsafeBufferPointer<UInt8>) -> SignatureAlgorithm? {
        if raw.count == 5 {
            let family = UInt16(raw[0]) | UInt16(raw[1]) << 8
            let size = UInt32(raw[2]) | UInt32(raw[3]) << 8 | UInt32(raw[4]) << 16
            switch (family, size) {
            case (0x5352, 0x363532): return .rs256  // "RS" "256"
            case (0x5352, 0x343833): return .rs384  // "RS" "384"
            case (0x5352, 0x323135): return .rs512  // "RS" "512"
            case (0x5350, 0x363532): return .ps256  // "PS" "256"
            case (0x5350, 0x343833): return .ps384  // "PS" "384"
            case (0x5350, 0x323135): return .ps512  // "PS" "512"
            case (0x5345, 0x363532): return .es256  // "ES" "256"
            case (0x5345, 0x343833): return .es384  // "ES" "384"
            case (0x5345, 0x323135): return .es512  // "ES" "512"
            case (0x5348, 0x363532): return .hs256  // "HS" "256"
            case (0x5348, 0x343833): return .hs384  // "HS" "384"
            case (0x5348, 0x323135): return .hs512  // "HS" "512"
            case (0x6445, 0x415344): return .eddsa  // "Ed" "DSA"
            default: return nil
            }
        }
        return nil
    }

    /// Names this library understands in `crit`.
    static let understoodCritical: Set<String> = ["b64"]

    private static func criticalNames(_ tape: JSONTape, _ index: Int, header: Int) throws(JWTError) -> [String]? {
        guard index >= 0 else { return nil }
        let list = tape[index]
        guard list.kind == .array, list.a > 0 else {
            throw JWTError(.unsupportedCriticalHeader, "crit must be a non-empty array of header names")
        }
        var names: [String] = []
        names.reserveCapacity(Int(list.a))
        var item = index + 1
        while item < Int(list.b) {
            guard tape[item].kind == .string else {
                throw JWTError(.unsupportedCriticalHeader, "crit must contain only strings")
            }
            let name = tape.string(at: item)
            guard understoodCritical.contains(name) else {
                throw JWTError(
                    .unsupportedCriticalHeader,
                    "crit names \(JWTKeyCollection.printable(name)), which is not understood"
                )
            }
            guard !names.contains(name) else {
                throw JWTError(.unsupportedCriticalHeader, "crit lists \(name) twice")
            }
            guard tape.member(name, in: header) != nil else {
                throw JWTError(.unsupportedCriticalHeader, "crit names \(name) but the header does not carry it")
            }
            names.append(name)
            item = tape.next(after: item)
        }
        return names
    }
}
