import VerifyKit

/// Human-friendly JSON for terminal output (two-space indent), built on StrictJSON's
/// compact serializer for scalars so escaping rules live in one place.
enum JSONOutput {
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .object(let object) where object.count > 0:
            let members = object.members.map { member in
                inner + JSONValue.string(member.name).serializedString() + ": " + pretty(member.value, indent: inner)
            }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent
                + "]"
        default:
            return value.serializedString()
        }
    }
}
