import Synchronization

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The protected headers a key collection has already seen on verified tokens, remembered by
/// their exact base64url text so that the next token carrying the same header skips decoding,
/// parsing and checking it again.
///
/// Tokens from one issuer almost always repeat one header byte for byte (`{"alg":…,"typ":"JWT"}`,
/// maybe a `kid`). Reuse is sound because what verification reads from a header depends on its
/// bytes alone, with two exceptions, both handled: the depth limit (only flat headers, which parse
/// under any `maxHeaderDepth` of at least 1, are remembered, and a limit below 1 bypasses the
/// table) and `typ`, which is read whenever a header may be remembered, whatever the options ask.
/// So per-call options share the table with the collection's own.
///
/// Only headers whose signature verified are remembered, so nobody without a key can fill the
/// slots; at most ``capacity`` of them, each at most ``maximumSegmentBytes`` long, and never
/// replaced, so memory stays bounded and readers need no lock: each slot is written once
/// (compare-and-exchange from empty) and then only read until the collection's state is released.
/// Headers that differ per token (a per-token member) simply miss; changing keys or options makes
/// a new state, which starts empty.
final class JWTHeaderMemos: Sendable {
    /// One remembered header and what verification read from it.
    final class Memo: Sendable {
        /// The header segment as it appears in the token (base64url text).
        let segment: [UInt8]
        /// The decoded JSON, copied into results instead of decoding the segment again.
        let json: [UInt8]
        let reading: JWTKeyCollection.HeaderReading

        init(segment: [UInt8], json: [UInt8], reading: JWTKeyCollection.HeaderReading) {
            self.segment = segment
            self.json = json
            self.reading = reading
        }

        func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count == segment.count else { return false }
            return segment.withUnsafeBufferPointer { own in
                // Equal counts: a missing base address means both are empty.
                guard let ownBase = own.baseAddress, let base = bytes.baseAddress else { return true }
                return memcmp(ownBase, base, own.count) == 0
            }
        }
    }

    /// Distinct headers remembered per key collection.
    static let capacity = 4

    /// Longest header segment remembered (typical JWT headers are 36–120 characters).
    static let maximumSegmentBytes = 512

    // Separate stored atomics: `Atomic` cannot live in an array.
    private let slot0 = Atomic<Unmanaged<Memo>?>(nil)
    private let slot1 = Atomic<Unmanaged<Memo>?>(nil)
    private let slot2 = Atomic<Unmanaged<Memo>?>(nil)
    private let slot3 = Atomic<Unmanaged<Memo>?>(nil)

    init() {}

    deinit {
        for index in 0..<Self.capacity { load(index)?.release() }
    }

    @inline(__always)
    private func load(_ index: Int) -> Unmanaged<Memo>? {
        switch index {
        case 0: slot0.load(ordering: .acquiring)
        case 1: slot1.load(ordering: .acquiring)
        case 2: slot2.load(ordering: .acquiring)
        default: slot3.load(ordering: .acquiring)
        }
    }

    private func fill(_ index: Int, with memo: Unmanaged<Memo>) -> Bool {
        switch index {
        case 0: return slot0.compareExchange(expected: nil, desired: memo, ordering: .acquiringAndReleasing).exchanged
        case 1: return slot1.compareExchange(expected: nil, desired: memo, ordering: .acquiringAndReleasing).exchanged
        case 2: return slot2.compareExchange(expected: nil, desired: memo, ordering: .acquiringAndReleasing).exchanged
        default: return slot3.compareExchange(expected: nil, desired: memo, ordering: .acquiringAndReleasing).exchanged
        }
    }

    /// The memo for this header segment, if one was remembered. Slots fill in order, so the first
    /// empty one ends the search.
    func memo(for segment: UnsafeBufferPointer<UInt8>) -> Memo? {
        for index in 0..<Self.capacity {
            guard let slot = load(index) else { return nil }
            // The table owns one retain per memo until `deinit`, and the caller holds the
            // collection (hence the table) for the whole verification.
            let memo = slot.takeUnretainedValue()
            if memo.matches(segment) { return memo }
        }
        return nil
    }

    /// The remembered header segments, in slot order (for tests and diagnostics).
    var rememberedSegments: [[UInt8]] {
        (0..<Self.capacity).compactMap { load($0)?.takeUnretainedValue().segment }
    }

    /// Whether another header could still be remembered. Once false it stays false (slots are
    /// never emptied), so a stale `true` costs at most one wasted attempt.
    var hasRoom: Bool { slot3.load(ordering: .relaxed) == nil }

    /// Remembers a verified flat header unless it is already remembered or the table is full.
    ///
    /// `beforeFilling`, for tests only, runs between finding a slot empty and filling it: where
    /// another thread may fill it first, which a test cannot time.
    func remember(
        segment: UnsafeBufferPointer<UInt8>,
        json: [UInt8],
        reading: JWTKeyCollection.HeaderReading,
        beforeFilling: ((Int) -> Void)? = nil
    ) {
        guard segment.count <= Self.maximumSegmentBytes else { return }
        let memo = Unmanaged.passRetained(Memo(segment: Array(segment), json: json, reading: reading))
        for index in 0..<Self.capacity {
            if let existing = load(index) {
                if existing.takeUnretainedValue().matches(segment) { break }
                continue
            }
            beforeFilling?(index)
            if fill(index, with: memo) { return }
            // Another thread filled this slot first; it may have remembered the same header.
            if let winner = load(index), winner.takeUnretainedValue().matches(segment) { break }
        }
        memo.release()
    }
}
