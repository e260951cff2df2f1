import Synchronization

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A few finished OpenSSL operation contexts of one key, kept so that the next operation can reuse
/// one instead of duplicating the key's template (for HMAC the duplicate was more than half of the
/// whole computation: eleven allocations and three hash-state copies).
///
/// Each context has one owner at a time: a slot owns the contexts it holds, ``take()`` moves one to
/// the calling thread, ``put(_:)`` moves it back or frees it when every slot is full. So no context
/// is ever used by two threads at once, and each is freed exactly once (by `put` or by `deinit`,
/// which runs when no thread can hold a reference any more).
///
/// Slots sit on separate cache lines, and each thread starts its search at a slot chosen from its
/// thread identity, so threads verifying with one key mostly touch their own line.
///
/// `@unchecked Sendable`: the slots are atomics; the contexts they hold are reached only through them.
final class SpareContexts: @unchecked Sendable {
    /// Spare contexts kept per key and operation; more concurrent operations duplicate the template
    /// as before and free their context afterwards.
    static let capacity = 8

    /// Bytes between slots: one cache line each.
    private static let slotStride = 64

    private let slots: UnsafeMutableRawPointer
    private let free: @Sendable (OpaquePointer) -> Void

    /// Empty slots; `free` releases a context that is not kept.
    init(free: @escaping @Sendable (OpaquePointer) -> Void) {
        self.free = free
        slots = UnsafeMutableRawPointer.allocate(
            byteCount: Self.capacity * Self.slotStride,
            alignment: Self.slotStride
        )
        for index in 0..<Self.capacity {
            _ = (slots + index &* Self.slotStride).initializeMemory(
                as: Atomic<OpaquePointer?>.self,
                to: Atomic<OpaquePointer?>(nil)
            )
        }
    }

    deinit {
        for index in 0..<Self.capacity {
            if let context = slot(index).pointee.exchange(nil, ordering: .acquiring) { free(context) }
            slot(index).deinitialize(count: 1)
        }
        slots.deallocate()
    }

    @inline(__always)
    private func slot(_ index: Int) -> UnsafeMutablePointer<Atomic<OpaquePointer?>> {
        (slots + index &* Self.slotStride).assumingMemoryBound(to: Atomic<OpaquePointer?>.self)
    }

    /// A spare context, now owned by the caller, or `nil` when none is free.
    func take() -> OpaquePointer? {
        let start = Self.firstSlot()
        for offset in 0..<Self.capacity {
            let atomic = slot((start &+ offset) & (Self.capacity &- 1))
            // A plain load first: an empty slot costs no locked instruction.
            guard atomic.pointee.load(ordering: .relaxed) != nil else { continue }
            if let context = atomic.pointee.exchange(nil, ordering: .acquiring) { return context }
        }
        return nil
    }

    /// Hands `context` back: kept in the first empty slot, freed when there is none.
    func put(_ context: OpaquePointer) {
        let start = Self.firstSlot()
        for offset in 0..<Self.capacity {
            let atomic = slot((start &+ offset) & (Self.capacity &- 1))
            guard atomic.pointee.load(ordering: .relaxed) == nil else { continue }
            if atomic.pointee.compareExchange(expected: nil, desired: context, ordering: .releasing).exchanged {
                return
            }
        }
        free(context)
    }

    /// Where the calling thread starts looking: a hash of its thread identity, the same on every call.
    @inline(__always)
    private static func firstSlot() -> Int {
        #if canImport(Glibc)
        let identity = UInt(pthread_self())  // an integer type in glibc
        #else
        let identity = UInt(bitPattern: pthread_self())  // a pointer on Darwin and musl
        #endif
        // Thread control blocks are page-aligned and far apart: drop the low bits, mix the rest.
        let mixed = UInt64(truncatingIfNeeded: identity &>> 12) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed &>> 61) & (capacity &- 1)
    }
}
