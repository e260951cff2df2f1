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
    public var fields: JSONObject

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
        self.fields = fields
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
        self.fields = object
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
