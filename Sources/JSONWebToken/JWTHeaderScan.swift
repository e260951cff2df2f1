internal import CryptoPrimitives
internal import StrictJSON

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

    /// `crit`, if present, is a non-empty list of understood names, each once, each in the header,
    /// none of them a name the JOSE specifications define.
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
            // RFC 7515 §4.1.11: a name the specifications define never belongs in crit, even one
            // this library reads (alg, kid): say that, rather than that it is not understood.
            guard !JWTHeader.specifiedParameterNames.contains(name) else {
                throw JWTError(
                    .unsupportedCriticalHeader,
                    "crit must not list \(JWTKeyCollection.printable(name)), a name the JOSE specifications define"
                        + " (RFC 7515 §4.1.11)"
                )
            }
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
