import Base64URL
import CryptoPrimitives

/// One member of a JSON object as raw JSON text: `name` includes its quotes (so it can be
/// spelled with escapes), `value` is any JSON text, valid or not.
struct Member {
    var name: String
    var value: String

    /// A member named `name` (quoted here, no escapes) with the raw JSON `value`.
    init(_ name: String, _ value: String) {
        self.name = JSONText.string(name)
        self.value = value
    }

    /// A member whose name is already JSON text (escaped names, unquoted names).
    init(rawName: String, _ value: String) {
        self.name = rawName
        self.value = value
    }
}

/// How the signature of a case is made.
enum SignatureSource {
    /// The fixture's key and algorithm over the case's own signing input (re-signed).
    case fixture
    /// The signature of the unmutated token: header or payload changes are not re-signed.
    case original
    /// HMAC-SHA-256 over the case's signing input with this secret (algorithm confusion).
    case hmacSHA256(secret: [UInt8])
    /// No signature bytes at all (an empty third segment).
    case empty
}

/// A token under construction: JSON members, then edits at each layer in the order a token is
/// built (JSON bytes → base64url segments → signature bytes → signature segment → whole token).
struct Recipe {
    typealias Edit = ([UInt8]) -> [UInt8]

    var header: [Member]
    var payload: [Member]
    /// If set, the header JSON (before edits) is grown with spaces after `{` until its byte count
    /// modulo 3 is this value, so its segment has the length an encoding mutation needs.
    var headerLengthModulo3: Int?
    var payloadLengthModulo3: Int?
    var headerJSONEdits: [Edit] = []
    var payloadJSONEdits: [Edit] = []
    var headerSegmentEdits: [Edit] = []
    var payloadSegmentEdits: [Edit] = []
    var signatureSource = SignatureSource.fixture
    var signatureEdits: [Edit] = []
    var signatureSegmentEdits: [Edit] = []
    var tokenEdits: [Edit] = []

    // MARK: Members

    /// Replaces the first member called `name` (plain spelling), or appends one.
    mutating func setHeader(_ name: String, _ value: String) { Self.set(&header, name, value) }
    mutating func setPayload(_ name: String, _ value: String) { Self.set(&payload, name, value) }
    mutating func removeHeader(_ name: String) { header.removeAll { $0.name.bare == JSONText.string(name) } }
    mutating func removePayload(_ name: String) { payload.removeAll { $0.name.bare == JSONText.string(name) } }

    private static func set(_ members: inout [Member], _ name: String, _ value: String) {
        let quoted = JSONText.string(name)
        // Names may carry whitespace around them (the whitespace mutation): compare without it.
        if let index = members.firstIndex(where: { $0.name.bare == quoted }) {
            members[index].value = value
        } else {
            members.append(Member(name, value))
        }
    }

    /// `base` if no member of `members` is called that yet, else `base2`, `base3`, …: mutations that
    /// add a member of their own do not collide when combined.
    static func freshName(_ base: String, in members: [Member]) -> String {
        var name = base
        var suffix = 1
        while members.contains(where: { $0.name == JSONText.string(name) }) {
            suffix += 1
            name = "\(base)\(suffix)"
        }
        return name
    }

    // MARK: Building

    /// The compact token bytes.
    func build(_ context: AlgorithmContext) -> [UInt8] {
        let headerJSON = Self.apply(headerJSONEdits, to: Self.render(header, modulo3: headerLengthModulo3))
        let payloadJSON = Self.apply(payloadJSONEdits, to: Self.render(payload, modulo3: payloadLengthModulo3))
        let headerSegment = Self.apply(headerSegmentEdits, to: Base64URL.encodeToBytes(headerJSON))
        let payloadSegment = Self.apply(payloadSegmentEdits, to: Base64URL.encodeToBytes(payloadJSON))
        let signingInput = headerSegment + [UInt8(ascii: ".")] + payloadSegment
        let signature: [UInt8]
        switch signatureSource {
        case .fixture: signature = context.sign(signingInput)
        case .original: signature = context.baseSignature
        case .hmacSHA256(let secret): signature = HMACKey(secret).authenticationCode(for: signingInput, digest: .sha256)
        case .empty: signature = []
        }
        let signatureSegment = Self.apply(
            signatureSegmentEdits,
            to: Base64URL.encodeToBytes(Self.apply(signatureEdits, to: signature))
        )
        return Self.apply(tokenEdits, to: signingInput + [UInt8(ascii: ".")] + signatureSegment)
    }

    static func render(_ members: [Member], modulo3: Int?) -> [UInt8] {
        var json = Array("{\(members.map { "\($0.name):\($0.value)" }.joined(separator: ","))}".utf8)
        if let modulo3 {
            while json.count % 3 != modulo3 { json.insert(UInt8(ascii: " "), at: 1) }
        }
        return json
    }

    private static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        edits.reduce(bytes) { bytes, edit in edit(bytes) }
    }
}

/// JSON text helpers.
enum JSONText {
    /// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `depth` nested arrays around `inner`: `[[…inner…]]`.
    static func nestedArrays(_ depth: Int, _ inner: String = "1") -> String {
        String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
    }

    /// `depth` nested objects around `inner`: `{"a":{"a":…inner…}}`.
    static func nestedObjects(_ depth: Int, _ inner: String = "1") -> String {
        String(repeating: "{\"a\":", count: depth) + inner + String(repeating: "}", count: depth)
    }
}

extension String {
    /// Without JSON whitespace (a member name as the whitespace mutation writes it).
    var bare: String { filter { !" \t\r\n".contains($0) } }

    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Byte-level edits shared by the mutations.
enum ByteEdit {
    /// Replaces every occurrence of the ASCII `marker` with `bytes`.
    static func replacing(_ marker: String, with bytes: [UInt8]) -> Recipe.Edit {
        let needle = Array(marker.utf8)
        return { input in
            var output: [UInt8] = []
            output.reserveCapacity(input.count)
            var index = 0
            while index < input.count {
                if index + needle.count <= input.count, input[index..<index + needle.count].elementsEqual(needle) {
                    output += bytes
                    index += needle.count
                } else {
                    output.append(input[index])
                    index += 1
                }
            }
            return output
        }
    }

    static func prefix(_ bytes: [UInt8]) -> Recipe.Edit { { bytes + $0 } }
    static func suffix(_ bytes: [UInt8]) -> Recipe.Edit { { $0 + bytes } }

    /// Inserts `bytes` at `fraction` of the way through the input.
    static func insert(_ bytes: [UInt8], atFraction fraction: Double) -> Recipe.Edit {
        { input in
            var output = input
            output.insert(contentsOf: bytes, at: Int(Double(input.count) * fraction))
            return output
        }
    }
}
