/// A validated JSON document as a flat list of tokens ("tape") over the caller's bytes.
///
/// One pass of ``parse(_:maxDepth:mapError:_:)`` checks every rule of ``JSONParser`` (grammar,
/// UTF-8, duplicate names, depth, trailing data) and records each value and member name as one
/// ``Entry``. Strings and numbers stay byte ranges into the input; nothing is copied or converted
/// until a reader asks for it. A container's entry is followed by its children in document order
/// (for objects: name, value, name, value, …) and records where its subtree ends, so readers can
/// skip a member in O(1).
///
/// A tape only borrows memory: it is valid inside the closure that received it, and must not
/// escape it.
@usableFromInline
package struct JSONTape {
    /// What an entry holds.
    @usableFromInline
    package enum Kind: UInt8, Sendable {
        case null, falseLiteral, trueLiteral, number, string, array, object
    }

    /// One token: 16 bytes, no references.
    @usableFromInline
    package struct Entry {
        @usableFromInline package var kind: Kind
        /// For strings: ``JSONTape/escaped`` and ``JSONTape/nonASCII``. For objects:
        /// ``JSONTape/complexNames``.
        @usableFromInline package var flags: UInt8
        /// Strings: offset of the first content byte. Numbers: offset of the first byte.
        /// Containers: number of elements (arrays) or members (objects).
        @usableFromInline package var a: UInt32
        /// Strings: offset of the closing quote. Numbers: one past the last byte.
        /// Containers: index of the first entry after the container's subtree.
        @usableFromInline package var b: UInt32

        @inline(__always)
        init(kind: Kind, flags: UInt8 = 0, a: UInt32 = 0, b: UInt32 = 0) {
            self.kind = kind
            self.flags = flags
            self.a = a
            self.b = b
        }
    }

    /// The string contains at least one escape sequence.
    package static let escaped: UInt8 = 1
    /// The string's unescaped content contains a byte at or above 0x80.
    package static let nonASCII: UInt8 = 2
    /// An object with at least one escaped or non-ASCII member name: readers look names up in an
    /// index rather than comparing them one by one (each comparison would unescape and normalise).
    package static let complexNames: UInt8 = 4

    /// Largest input a tape can describe (offsets are 32-bit).
    package static let maximumInputLength = Int(UInt32.max) - 1

    @usableFromInline package let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline package let entries: UnsafeBufferPointer<Entry>

    @inlinable
    package init(bytes: UnsafeBufferPointer<UInt8>, entries: UnsafeBufferPointer<Entry>) {
        self.bytes = bytes
        self.entries = entries
    }

    /// Index of the root value.
    @inlinable package var root: Int { 0 }

    @inlinable @inline(__always)
    package subscript(index: Int) -> Entry { entries[index] }

    /// Index of the entry after `index`'s value (skipping a container's subtree).
    @inlinable @inline(__always)
    package func next(after index: Int) -> Int {
        let entry = entries[index]
        return entry.kind.rawValue >= Kind.array.rawValue ? Int(entry.b) : index + 1
    }

    /// Whether the container at `index` holds no object or array, at any position.
    package func isFlatObject(at index: Int) -> Bool {
        let end = Int(entries[index].b)
        var position = index + 1
        while position < end {
            if entries[position].kind.rawValue >= Kind.array.rawValue { return false }
            position += 1
        }
        return true
    }

    /// The raw bytes of a string's content (escapes not decoded) or of a number's text.
    @inlinable @inline(__always)
    package func rawBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[index]
        return UnsafeBufferPointer(rebasing: bytes[Int(entry.a)..<Int(entry.b)])
    }

    /// An upper bound on the entries any document of `byteCount` bytes needs: every value after
    /// the first is preceded by its own `[`, `,` or `:` and takes at least one byte, so each
    /// entry past the root costs at least two bytes.
    @inlinable
    package static func entryBound(forByteCount byteCount: Int) -> Int { byteCount / 2 + 1 }

    /// Parses `bytes` into a tape and hands it to `body`. A parse failure is passed through
    /// `mapError`, so callers keep their own typed error.
    ///
    /// The tape lives in temporary memory sized for the worst case when that is small; larger
    /// documents grow it on the heap as needed.
    ///
    /// Generic code in other modules is not specialized across the module boundary, and
    /// unspecialized its closures cost more than parsing a JWT header (measured): hot callers
    /// elsewhere repeat these few lines around ``build(_:depthLimit:entries:frames:)`` instead.
    package static func parse<R, E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maxDepth: Int,
        mapError: (JSONError) -> E,
        _ body: (JSONTape) throws(E) -> R
    ) throws(E) -> R {
        let depthLimit = depthLimit(maxDepth)
        let initialCapacity = initialCapacity(forByteCount: bytes.count)
        let result: Result<R, E> = withUnsafeTemporaryAllocation(of: Entry.self, capacity: initialCapacity) {
            initial in
            withUnsafeTemporaryAllocation(of: BuilderFrame.self, capacity: depthLimit + 1) { frames in
                let built: BuiltTape
                do throws(JSONError) {
                    built = try build(bytes, depthLimit: depthLimit, entries: initial, frames: frames)
                } catch {
                    return .failure(mapError(error))
                }
                defer { built.release() }
                do throws(E) {
                    return .success(try body(JSONTape(bytes: bytes, entries: built.entries)))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// Parses `bytes` into a tape and hands it to `body`: ``parse(_:maxDepth:mapError:_:)``
    /// without generic parameters, for inlinable callers in other modules (which specialize their
    /// own closure around it).
    @usableFromInline
    package static func withTape(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maxDepth: Int,
        _ body: (JSONTape) -> Void
    ) throws(JSONError) {
        try parse(bytes, maxDepth: maxDepth, mapError: passThrough) { (tape: JSONTape) throws(JSONError) in body(tape) }
    }

    /// The `mapError` of callers that keep ``JSONError`` itself.
    package static func passThrough(_ error: JSONError) -> JSONError { error }

    /// The depth limit actually applied for a requested maximum depth.
    @inlinable
    package static func depthLimit(_ maxDepth: Int) -> Int {
        max(0, min(maxDepth, JSONParser.Options.maximumDepthLimit))
    }

    /// Entries to reserve before parsing `byteCount` bytes: small documents (every JWT header)
    /// get their worst case up front; larger ones start smaller and grow on the heap.
    ///
    /// `withUnsafeTemporaryAllocation` uses the stack only up to 1 KiB here (beyond that it
    /// allocates), so the initial tape and the frames of the default depth each stay below that.
    @inlinable
    package static func initialCapacity(forByteCount byteCount: Int) -> Int {
        min(entryBound(forByteCount: byteCount), 1024 / MemoryLayout<Entry>.stride)
    }

    /// One open container while building (opaque outside the builder); callers provide
    /// `depthLimit + 1` of them.
    package struct BuilderFrame {
        /// Tape index of the container's own entry.
        var entryIndex: UInt32
        /// Children completed so far (members for objects).
        var childCount: UInt32
        /// Index in the builder's name sets once the object outgrows linear scanning, else -1.
        var seenIndex: Int32
        var isObject: Bool
        /// Whether a member name so far was escaped or non-ASCII (then the object's names go into a
        /// `Set<String>`, each decoded once, and the object entry is marked ``JSONTape/complexNames``).
        var hasComplexNames: Bool
        /// One bit per plain-ASCII member name so far, chosen by its length, first and last byte:
        /// a name whose bit is clear cannot repeat an earlier name, so the scan is skipped.
        var nameBits: UInt64
    }

    /// Built entries, possibly moved to the heap when the caller's buffer was too small. Call
    /// ``release()`` once done with the tape.
    package struct BuiltTape {
        package let entries: UnsafeBufferPointer<Entry>
        let ownsStorage: Bool

        package func release() {
            if ownsStorage { entries.baseAddress?.deallocate() }
        }
    }

    /// The validating pass into caller-provided memory (`entries` at least 1, `frames` at least
    /// `depthLimit + 1`).
    package static func build(
        _ bytes: UnsafeBufferPointer<UInt8>,
        depthLimit: Int,
        entries: UnsafeMutableBufferPointer<Entry>,
        frames: UnsafeMutableBufferPointer<BuilderFrame>
    ) throws(JSONError) -> BuiltTape {
        guard bytes.count <= maximumInputLength else {
            throw JSONError(code: .syntax, offset: 0, detail: "input larger than 4 GiB")
        }
        var builder = JSONTapeBuilder(bytes: bytes, depthLimit: depthLimit, entries: entries, frames: frames)
        do {
            try builder.parseDocument()
        } catch {
            builder.releaseHeapStorage()
            throw error
        }
        return builder.finish()
    }
}
