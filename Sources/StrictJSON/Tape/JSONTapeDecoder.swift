/// Decodes `Decodable` types straight from a ``JSONTape``: no intermediate ``JSONValue`` tree,
/// strings made only for the values the type asks for.
///
/// Same conversions and errors as ``JSONValueDecoder`` (numbers into integers only when exact,
/// no conversion between strings, Booleans and `null`; `Date` as seconds since 1970, `URL` from
/// a string, `Data` from Base64, `Decimal` from a number's text; ``JSONValue``, ``JSONObject`` and
/// ``JSONNumber`` are built from the tape as they are).
@usableFromInline
package enum JSONTapeDecoder {
    /// Decodes `type` from the value at `index` of `tape`.
    ///
    /// A `Decodable` implementation that keeps the decoder or one of its containers past its own
    /// `init(from:)` gets a `DecodingError` when it uses it later: the tape's memory is gone by then.
    @usableFromInline
    package static func decode<T: Decodable>(
        _ type: T.Type,
        from tape: JSONTape,
        at index: Int,
        userInfo: [CodingUserInfoKey: any Sendable] = .init()  // not `[:]`: a literal call per decode
    ) throws -> T {
        // The decoder is the context's only owner here: a separate `context` constant kept alive
        // for the `defer` cost a retain and a release.
        let decoder = JSONTapeDecoderImpl(
            context: JSONTapeDecodingContext(tape: tape, userInfo: userInfo),
            index: index,
            path: nil
        )
        defer { decoder.context.invalidate() }
        return try decoder.decodeAny(type)
    }
}

/// What every decoder and container of one decode shares. The tape borrows memory that lives only
/// for the decode call, so access is refused once the call has returned.
final class JSONTapeDecodingContext {
    private var storage: JSONTape?
    let userInfo: [CodingUserInfoKey: any Sendable]

    init(tape: JSONTape, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.storage = tape
        self.userInfo = userInfo
    }

    /// Where the last keyed look-up matched: the object and its next member name. Claims types
    /// usually decode members in document order, so the next look-up starts there.
    var hintObject = -1
    var hintName = -1

    /// Coding paths and name indexes of objects, made at the first keyed container that needs
    /// one: a flat claims object needs neither, and the decode then releases no dictionaries.
    private var tables: KeyedObjectTables?

    /// The coding path of the object at `object` (`nil` for the root), as recorded for its keyed
    /// containers.
    func path(of object: Int) -> JSONTapeCodingPath? { tables?.paths[object] }

    /// The value index of the member named `name` in an object with a name index.
    func indexedValue(named name: String, in object: Int) -> Int? { tables?.nameIndexes[object]?[name] }

    /// Member names refused by keyed containers' `allKeys`, by the object's tape index; taken by
    /// the decoder of that object when its type's decoding ends (see ``IntegerNameRefusals``).
    private(set) var refusals: IntegerNameRefusals<Int>?

    func recordIntegerNameRefusals(_ errors: [DecodingError], by object: Int) {
        let updated = IntegerNameRefusals.recording(errors, by: object, in: refusals)
        if updated !== refusals { refusals = updated }
    }

    func invalidate() { storage = nil }

    /// The tape while the decode call runs, else `nil` (the caller throws ``usedAfterReturn(_:)``).
    /// Unlike ``tape(_:)``, takes no closure, so hot paths keep no coding-path capture alive.
    @inline(__always)
    var liveTape: JSONTape? { storage }

    @inline(never)
    static func usedAfterReturn(_ codingPath: [any CodingKey]) -> DecodingError {
        DecodingError.dataCorrupted(
            .init(
                codingPath: codingPath,
                debugDescription: "A decoder was used after the decode call that created it returned."
            )
        )
    }

    /// Records what a keyed container for the object at `object` needs beyond its index: the
    /// object's coding path (the root has none) and, for an object that is ``indexed``, its name
    /// index. Out of line: a flat claims object needs neither.
    @inline(never)
    func prepareKeyedContainer(object: Int, path: JSONTapeCodingPath?, indexed: Bool, tape: JSONTape) {
        let tables: KeyedObjectTables
        if let existing = self.tables {
            tables = existing
        } else {
            tables = KeyedObjectTables()
            self.tables = tables
        }
        if let path { tables.paths[object] = path }
        guard indexed, tables.nameIndexes[object] == nil else { return }
        let entry = tape[object]
        var index = [String: Int](minimumCapacity: Int(entry.a))
        var name = object + 1
        let end = Int(entry.b)
        while name < end {
            index[tape.string(at: name)] = name + 1
            name = tape.next(after: name + 1)
        }
        tables.nameIndexes[object] = index
    }

    /// Whether keyed containers of the object `entry` look names up in a name index: objects too
    /// large to scan linearly, or with escaped or non-ASCII names.
    @inline(__always)
    static func isIndexed(_ entry: JSONTape.Entry) -> Bool {
        Int(entry.a) > JSONObject.linearScanLimit || entry.flags & JSONTape.complexNames != 0
    }

    @inline(__always)
    func tape(_ codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONTape {
        guard let storage else { throw Self.usedAfterReturn(codingPath()) }
        return storage
    }
}

/// What ``JSONTapeDecodingContext`` keeps by object for keyed containers.
final class KeyedObjectTables {
    /// Coding paths of the objects that keyed containers were made for, by tape index (the root
    /// has none). Kept here so that a container is one reference and an index: the standard
    /// library copies a keyed container on every `decode` call.
    var paths = [Int: JSONTapeCodingPath]()
    /// Name → value index for objects too large to scan linearly, by the object's tape index.
    var nameIndexes = [Int: [String: Int]]()
}

/// The `Decoder` over one tape value; also its own single-value container. Three words, so it
/// travels inside an existential without a heap box; at the root only the context is a reference.
struct JSONTapeDecoderImpl: Decoder, SingleValueDecodingContainer {
    let context: JSONTapeDecodingContext
    let index: Int
    let path: JSONTapeCodingPath?

    var codingPath: [any CodingKey] { JSONTapeCodingPath.keys(path) }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    func child(_ index: Int, key: any CodingKey) -> JSONTapeDecoderImpl {
        JSONTapeDecoderImpl(context: context, index: index, path: JSONTapeCodingPath(key, parent: path))
    }

    /// The value as a tree, for ``JSONValue``'s own `init(from:)`.
    func treeValue() throws -> JSONValue { try context.tape(codingPath).value(at: index) }

    func decodeAny<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return try Self.handOver(treeValue(), as: type) }
        if JSONFoundationValues.handles(T.self) { return try JSONFoundationValues.decode(type, from: self) }
        // Written out, not through a helper taking closures: that cost ~100 instructions per token.
        let value: T
        do {
            value = try T(from: self)
        } catch {
            if let refusals = context.refusals, !refusals.isEmpty { refusals.drop(for: index) }
            throw error
        }
        if let refusals = context.refusals, !refusals.isEmpty { try refusals.settle(for: index, decodedAs: T.self) }
        return value
    }

    /// The cast lives out of line: inline, it made every decode look up `Optional<T>` metadata.
    @inline(never)
    private static func handOver<T: Decodable>(_ value: JSONValue, as type: T.Type) throws -> T {
        if let value = value as? T { return value }
        return try T(from: JSONValueDecoderImpl(value: value, codingPath: [], userInfo: [:]))
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        // No autoclosure and no decoder copy handed to an initializer: each cost a retain and a
        // release of the context here.
        guard let tape = context.liveTape else { throw JSONTapeDecodingContext.usedAfterReturn(codingPath) }
        let entry = tape[index]
        guard entry.kind == .object else {
            throw TapeUnboxing.typeMismatch([String: JSONValue].self, found: entry.kind, codingPath: codingPath)
        }
        let indexed = JSONTapeDecodingContext.isIndexed(entry)
        if path != nil || indexed {
            context.prepareKeyedContainer(object: index, path: path, indexed: indexed, tape: tape)
        }
        return KeyedDecodingContainer(
            JSONTapeKeyedDecodingContainer<Key>(context: context, object: index, indexed: indexed)
        )
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let tape = try context.tape(codingPath)
        let entry = tape[index]
        guard entry.kind == .array else {
            throw TapeUnboxing.typeMismatch([JSONValue].self, found: entry.kind, codingPath: codingPath)
        }
        return JSONTapeUnkeyedDecodingContainer(decoder: self, count: Int(entry.a))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { (try? context.tape(codingPath)[index].kind) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try unbox(type, TapeUnboxing.bool) }
    func decode(_ type: String.Type) throws -> String { try unbox(type, TapeUnboxing.string) }
    func decode(_ type: Double.Type) throws -> Double { try unbox(type, TapeUnboxing.double) }
    func decode(_ type: Float.Type) throws -> Float { try unbox(type, TapeUnboxing.float) }
    func decode(_ type: Int.Type) throws -> Int { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: Int8.Type) throws -> Int8 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: Int16.Type) throws -> Int16 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: Int32.Type) throws -> Int32 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: Int64.Type) throws -> Int64 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: UInt.Type) throws -> UInt { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try unbox(type, TapeUnboxing.integer) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try unbox(type, TapeUnboxing.integer) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeAny(type) }

    @inline(__always)
    private func unbox<T>(
        _ type: T.Type,
        _ unbox: (JSONTape, Int) throws(TapeUnboxing.Failure) -> T
    ) throws -> T {
        let tape = try context.tape(codingPath)
        do {
            return try unbox(tape, index)
        } catch {
            throw error.decodingError(type, codingPath: codingPath)
        }
    }
}

/// Scalar unboxing from tape entries. Failures are a small typed error turned into a
/// `DecodingError` (with the same messages as ``JSONValueDecoder``) only by the caller, so the
/// success path builds no coding-path closure and copies nothing.
enum TapeUnboxing {
    enum Failure: Error {
        case mismatch(JSONTape.Kind)
        case notRepresentable(String)
        case overflows(String)

        func decodingError(_ type: Any.Type, codingPath: [any CodingKey]) -> DecodingError {
            switch self {
            case .mismatch(let kind):
                return TapeUnboxing.typeMismatch(type, found: kind, codingPath: codingPath)
            case .notRepresentable(let text):
                return .dataCorrupted(
                    .init(
                        codingPath: codingPath,
                        debugDescription: "Number \(PrintableNumber(text)) is not representable as \(type)."
                    )
                )
            case .overflows(let text):
                return .dataCorrupted(
                    .init(
                        codingPath: codingPath,
                        debugDescription: "Number \(PrintableNumber(text)) overflows \(type)."
                    )
                )
            }
        }
    }

    static func kind(_ kind: JSONTape.Kind) -> String {
        switch kind {
        case .null: "null"
        case .falseLiteral, .trueLiteral: "a Boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func typeMismatch(_ type: Any.Type, found: JSONTape.Kind, codingPath: [any CodingKey]) -> DecodingError {
        if found == .null {
            return .valueNotFound(
                type,
                .init(codingPath: codingPath, debugDescription: "Expected \(type) but found null instead.")
            )
        }
        return .typeMismatch(
            type,
            .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(kind(found)) instead.")
        )
    }

    static func bool(_ tape: JSONTape, _ index: Int) throws(Failure) -> Bool {
        switch tape[index].kind {
        case .trueLiteral: return true
        case .falseLiteral: return false
        case let other: throw .mismatch(other)
        }
    }

    static func string(_ tape: JSONTape, _ index: Int) throws(Failure) -> String {
        let kind = tape[index].kind
        guard kind == .string else { throw .mismatch(kind) }
        return tape.string(at: index)
    }

    static func integer<T: FixedWidthInteger>(_ tape: JSONTape, _ index: Int) throws(Failure) -> T {
        let kind = tape[index].kind
        guard kind == .number else { throw .mismatch(kind) }
        let text = tape.rawBytes(index)
        guard let integer = JSONNumber.exactInteger(of: text, as: T.self) else {
            throw .notRepresentable(String(decoding: text, as: UTF8.self))
        }
        return integer
    }

    static func double(_ tape: JSONTape, _ index: Int) throws(Failure) -> Double {
        let kind = tape[index].kind
        guard kind == .number else { throw .mismatch(kind) }
        let text = tape.rawBytes(index)
        guard let double = JSONNumber.doubleValue(of: text) else {
            throw .overflows(String(decoding: text, as: UTF8.self))
        }
        return double
    }

    static func float(_ tape: JSONTape, _ index: Int) throws(Failure) -> Float {
        let kind = tape[index].kind
        guard kind == .number else { throw .mismatch(kind) }
        let text = tape.rawBytes(index)
        guard let float = JSONNumber.floatValue(of: text) else {
            throw .overflows(String(decoding: text, as: UTF8.self))
        }
        return float
    }
}
