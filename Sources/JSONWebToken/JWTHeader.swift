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
    /// Header parameters listed in `crit` that this library implements (RFC 7797's `b64`).
    static let understoodCritical: Set<String> = ["b64"]

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

/// The registered parameters of a protected header, found and checked on its tape in one pass
/// without building any of them: where each one is, the algorithm, and `b64`.
///
/// Every reader of a header applies these rules, in this order: `typ`, `kid` and `cty` must be
/// strings, `b64` a Boolean (all `malformed`); then `alg` names a supported algorithm (never
/// `none`); then `crit` is a non-empty list of understood names, each once, each in the header.
struct JWTHeaderScan {
    /// Tape indexes of the values (-1 when absent).
    private(set) var typ = -1
    private(set) var kid = -1
    private(set) var cty = -1
    private(set) var crit = -1
    let algorithm: SignatureAlgorithm
    let base64URLEncodesPayload: Bool?

    init(_ tape: JSONTape) throws(JWTError) {
        var alg = -1
        var b64 = -1
        let end = Int(tape[tape.root].b)
        var name = tape.root + 1
        while name < end {
            switch Self.registeredName(tape, name) {
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
        try Self.requireString(tape, typ, "typ")
        try Self.requireString(tape, kid, "kid")
        try Self.requireString(tape, cty, "cty")
        if b64 < 0 {
            base64URLEncodesPayload = nil
        } else {
            switch tape[b64].kind {
            case .trueLiteral: base64URLEncodesPayload = true
            case .falseLiteral: base64URLEncodesPayload = false
            default: throw JWTError(.malformed, "header parameter b64 must be a boolean")
            }
        }
        algorithm = try Self.algorithm(tape, alg)
        try Self.checkCritical(tape, crit, header: tape.root)
    }

    /// The `typ` value, if the header has one.
    func type(in tape: JSONTape) -> String? { typ < 0 ? nil : tape.string(at: typ) }

    /// The `kid` value, if the header has one.
    func keyID(in tape: JSONTape) -> String? { kid < 0 ? nil : tape.string(at: kid) }

    /// Whether the header has `crit` (having passed the scan, it lists only `b64`).
    var hasCritical: Bool { crit >= 0 }

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

    private static func requireString(_ tape: JSONTape, _ index: Int, _ name: String) throws(JWTError) {
        guard index < 0 || tape[index].kind == .string else {
            throw JWTError(.malformed, "header parameter \(name) must be a string")
        }
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
    /// `crit`, if present, is a non-empty list of understood names, each once, each in the header.
    private static func checkCritical(_ tape: JSONTape, _ index: Int, header: Int) throws(JWTError) {
        guard index >= 0 else { return }
        let list = tape[index]
        guard list.kind == .array, list.a > 0 else {
            throw JWTError(.unsupportedCriticalHeader, "crit must be a non-empty array of header names")
        }
        var item = index + 1
        while item < Int(list.b) {
            guard tape[item].kind == .string else {
                throw JWTError(.unsupportedCriticalHeader, "crit must contain only strings")
            }
            let name = tape.string(at: item)
            guard JWTHeader.understoodCritical.contains(name) else {
                throw JWTError(
                    .unsupportedCriticalHeader,
                    "crit names \(JWTKeyCollection.printable(name)), which is not understood"
                )
            }
            var earlier = index + 1
            while earlier < item {
                if tape.string(at: earlier, equals: name) {
                    throw JWTError(.unsupportedCriticalHeader, "crit lists \(name) twice")
                }
                earlier = tape.next(after: earlier)
            }
            guard tape.member(name, in: header) != nil else {
                throw JWTError(.unsupportedCriticalHeader, "crit names \(name) but the header does not carry it")
            }
            item = tape.next(after: item)
        }
    }
}
