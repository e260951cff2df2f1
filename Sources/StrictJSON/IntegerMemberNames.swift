/// The rule for the member names of an object decoded as a map with integer keys: a `[Int: V]`,
/// or a map keyed by an `Int`-raw-valued `CodingKeyRepresentable` type.
///
/// The parser refuses duplicate names, but such a map reads each name through `Int(name)`, which
/// turns distinct names into one key (`"1"`, `"01"` and `"+1"` are all 1): the map would keep the
/// last value while a JavaScript or Python reader sees three members. So a name that `Int(name)`
/// reads must be that integer's canonical decimal spelling (`"01"`, `"+1"`, `"-0"` are refused,
/// even alone); canonical names cannot collide.
///
/// Other readers are unaffected: a `[String: V]` (whose coding key also carries an integer value),
/// maps keyed by `String`-based types, structs with synthesized keys, and types that read
/// `allKeys` with key types of their own, which decide themselves what a name means.
///
/// `allKeys` cannot throw and does not know its reader, so it records a refusal for the object
/// (see ``IntegerNameRefusals``); the decoder that asked for the map throws it once the map's
/// `init(from:)` has returned, and drops it for any other type.
enum IntegerMemberNames {
    /// Whether `name`, which the key type reads as an integer, is refused: `Int(name)` reads it,
    /// but not as its canonical spelling. Looks at the bytes only; no allocation.
    static func isRefused(_ name: String) -> Bool {
        guard Int(name) != nil else { return false }
        var utf8 = Substring(name).utf8
        if utf8.first == UInt8(ascii: "+") { return true }
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        // A leading zero is canonical only as "0" itself, and "-0" is not canonical at all.
        guard utf8.first == UInt8(ascii: "0") else { return false }
        return utf8.count > 1 || name.utf8.first == UInt8(ascii: "-")
    }

    static func refusal(of name: String, codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(
            .init(
                codingPath: codingPath,
                debugDescription: "Member name \(JSONTapeBuilder.quote(name)) is not an integer's canonical "
                    + "spelling, so an integer-keyed map would read another name than other JSON readers do."
            )
        )
    }
}

/// Maps whose keys are read from member names through `Int(name)`.
protocol IntegerKeyedMap {}
extension Dictionary: IntegerKeyedMap where Key == Int {}

/// Maps keyed by an `Int`-raw-valued `CodingKeyRepresentable` type. The standard library's
/// default `init(codingKey:)` for such a type reads a name through `Int(name)`; a type with its own
/// may read the text instead, and then nothing merges.
protocol IntegerRawValueKeyedMap {
    /// Whether the key type reads `name` as an integer: it cannot make a key from the text alone.
    static func readsAsInteger(_ name: String) -> Bool
}

extension Dictionary: IntegerRawValueKeyedMap
where Key: CodingKeyRepresentable & RawRepresentable, Key.RawValue == Int {
    static func readsAsInteger(_ name: String) -> Bool { Key(codingKey: TextOnlyKey(stringValue: name)) == nil }
}

/// A coding key with a name and no integer value.
private struct TextOnlyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The member-name refusals of one decode call, by the owner of the object (its decoder), made at
/// the first refusal: ordinary decoding pays a nil check.
///
/// `allKeys` records the refused names of an object, replacing what an earlier reader of the same
/// object recorded: the map's own `allKeys` runs inside its `init(from:)`, just before the map's
/// decoder settles, so the map is judged on its own reading. When the decoder of that object ends
/// its decode of a type, it takes the refusals out: if the type is an integer-keyed map that reads
/// one of the names as an integer, that name's refusal is thrown from that decode (so a caller's
/// `try?` gets `nil`, never the merged map); for any other type they are dropped. Refusals that no
/// decoder takes (a custom type's nested container) stay until the call ends, one list per owner,
/// and cost nothing to later look-ups.
final class IntegerNameRefusals<Owner: Hashable> {
    private var byOwner = [Owner: [DecodingError]]()

    var isEmpty: Bool { byOwner.isEmpty }

    /// `refusals` (or a new object, at the first refusal) with the refusals of the latest `allKeys`
    /// of `owner`'s object; none clears what an earlier reader of the object recorded. Returned,
    /// not `inout`: a lasting access to the decoding context's property made every read of it (one
    /// per `decodeAny`) check exclusivity at run time.
    static func recording(
        _ errors: [DecodingError],
        by owner: Owner,
        in refusals: IntegerNameRefusals?
    ) -> IntegerNameRefusals? {
        if let refusals {
            if errors.isEmpty {
                refusals.byOwner.removeValue(forKey: owner)
            } else {
                refusals.byOwner[owner] = errors
            }
            return refusals
        }
        guard !errors.isEmpty else { return nil }
        let created = IntegerNameRefusals()
        created.byOwner[owner] = errors
        return created
    }

    /// Removes the refusals of `owner`, whose decode of `type` has returned, and throws the first
    /// whose name `type` reads as an integer (every one, for a `[Int: V]`). Out of line (like
    /// ``drop(for:)``): the decoders call it only once some name was refused.
    @inline(never)
    func settle(for owner: Owner, decodedAs type: Any.Type) throws {
        guard let errors = byOwner.removeValue(forKey: owner), let first = errors.first else { return }
        if type is any IntegerKeyedMap.Type { throw first }
        guard let map = type as? any IntegerRawValueKeyedMap.Type else { return }
        for error in errors {
            guard case .dataCorrupted(let context) = error, let name = context.codingPath.last?.stringValue else {
                continue
            }
            if map.readsAsInteger(name) { throw error }
        }
    }

    /// Removes the refusal of `owner`, whose decode failed anyway.
    @inline(never)
    func drop(for owner: Owner) { byOwner.removeValue(forKey: owner) }
}
