/// The rule for member names that a coding key type reads as integers (the keys of a `[Int: V]` or
/// of a `CodingKeyRepresentable` map, any key type whose `init(stringValue:)` sets an `intValue`).
///
/// The parser refuses duplicate names, but such a key type can turn distinct names into one key
/// (`"1"`, `"01"` and `"+1"` are all `Int("…") == 1`), and a map then keeps the last value while a
/// JavaScript or Python reader sees three members. So, when a key has an `intValue`:
/// - a name that is an integer in Swift's syntax (`Int(name)` succeeds) must be that integer's
///   canonical decimal spelling: `"01"`, `"+1"`, `"-0"` are refused even alone;
/// - no two names of one object may give keys with the same `intValue` (a key type with its own
///   reading, such as `"1.0"` as 1, may not merge `"1.0"` and `"1"`).
///
/// Keys without an `intValue` (synthesized `CodingKeys`) are never checked, and an enum key with
/// integer raw values is read by case name (`"alpha"`), which is not an integer. A `[String: V]`
/// uses the same key type as a `[Int: V]` but reads names as strings, so a refusal found by
/// `allKeys` (which cannot throw) stays pending until the type that decoded the object is known:
/// see ``IntegerNameRefusals``.
struct IntegerMemberNames {
    /// Earlier names of the object by the integer their key reads as. Empty (no allocation) until
    /// a key with an `intValue` is seen.
    private var earlier = [Int: String]()

    /// Checks one name whose key reads as `integer`: `nil` when it is acceptable, else the error
    /// the decode call is to throw.
    mutating func refusal(
        of name: String,
        readAs integer: Int,
        codingPath: @autoclosure () -> [any CodingKey]
    ) -> DecodingError? {
        if let spelled = Int(name), String(spelled) != name {
            return Self.error(
                "Member name \(JSONTapeBuilder.quote(name)) is the integer \(spelled) not spelled canonically "
                    + "(\"\(spelled)\"): other JSON readers see a different name.",
                codingPath()
            )
        }
        if let first = earlier.updateValue(name, forKey: integer) {
            return Self.error(
                "Member names \(JSONTapeBuilder.quote(first)) and \(JSONTapeBuilder.quote(name)) "
                    + "both read as the integer key \(integer).",
                codingPath()
            )
        }
        return nil
    }

    private static func error(_ message: String, _ codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: message))
    }
}

/// Dictionaries that read member names as strings only (`"01"` and `"1"` stay two keys), although
/// their key type also gives names an `intValue`.
protocol StringKeyedDictionary {}
extension Dictionary: StringKeyedDictionary where Key == String {}

/// The ``IntegerMemberNames`` refusals of one decode call, shared by its decoders.
///
/// `allKeys` records the first refusal of an object as pending, with its owner (the decoder of the
/// object). When that decoder's `decodeAny` ends (returning or throwing), the refusal is settled:
/// dropped if the type decoded was a `[String: V]`, kept otherwise. Refusals never settled (a
/// container from `nestedContainer` or `superDecoder`, whose reader is a custom type) are kept
/// too, as are those of a `[String: V]` whose `init(from:)` a custom type called itself: the
/// decoder only sees the custom type. The decode call throws the kept refusal once the type's own decoding has returned, so a
/// type that ignores a member's failure (`try?`) does not get the merged map either.
///
/// A class the decoders create only when `allKeys` refuses a name: ordinary decoding (and every
/// JWT verification) pays a nil check, not the copies of a stored struct (measured ~950
/// instructions per token when this was a struct held by the decoding context).
final class IntegerNameRefusals<Owner> {
    private var pending = [(owner: Owner, error: DecodingError)]()
    private var kept: DecodingError?

    /// Whether a refusal waits for its owner's type: the only cost to ordinary decoding.
    var hasPending: Bool { !pending.isEmpty }

    func record(_ error: DecodingError, by owner: Owner) { pending.append((owner, error)) }

    /// Settles the latest pending refusal of the owner for which `isOwner` holds, whose value was
    /// decoded as `type`. (`decodeAny` calls nest, so the latest one is that call's.)
    func settle(decodedAs type: Any.Type, isOwner: (Owner) -> Bool) {
        guard let latest = pending.lastIndex(where: { isOwner($0.owner) }) else { return }
        let entry = pending.remove(at: latest)
        if kept == nil, !(type is any StringKeyedDictionary.Type) { kept = entry.error }
    }

    /// The error the decode call throws after the type's decoding has returned, if any.
    var error: DecodingError? { kept ?? pending.first?.error }

    /// Throws ``error`` if there is one. Out of line, so that a decode call that made no refusal
    /// never handles a `DecodingError?` (a resilient type, copied through value witnesses).
    @inline(never)
    func throwKept() throws {
        if let error { throw error }
    }
}
