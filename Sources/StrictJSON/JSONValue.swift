/// A parsed JSON value. Objects keep member order and never hold duplicate names (the parser
/// rejects them), so a value can be re-serialized faithfully.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}
