/// One shard of the verified-token cache: a bounded least-recently-used map.
///
/// Not generic: the values are class references whose concrete type carries the claims type, so a
/// hit runs without generic metadata lookups.
///
/// Nodes live in one array and link to each other by index (a doubly linked recency list plus a
/// free list), so a hit moves an entry to the front without allocating, and the memory of a full
/// shard stays fixed. Not thread-safe by itself: ``CachingJWTVerifier`` keeps each shard behind its
/// own lock.
struct LRUShard {
    private struct Node {
        var key: TokenDigest
        var value: CachedTokenBase?
        var previous: Int
        var next: Int
    }

    let capacity: Int
    /// Entries stored under an older generation are refused (see ``CachingJWTVerifier/replaceKeys(_:)``).
    private(set) var generation: UInt64 = 0
    private var index: [TokenDigest: Int] = [:]
    private var nodes: [Node] = []
    /// Most recently used; -1 when empty.
    private var head = -1
    /// Least recently used; -1 when empty.
    private var tail = -1
    /// First reusable node (linked through `next`); -1 when none.
    private var free = -1

    var hits = 0
    var misses = 0
    var evictions = 0
    var bypasses = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        index.reserveCapacity(min(self.capacity, 1 << 16))
    }

    var count: Int { index.count }

    /// The value stored for `key`, made most recently used. Counts a hit or a miss.
    mutating func value(for key: TokenDigest) -> CachedTokenBase? {
        guard let slot = index[key] else {
            misses += 1
            return nil
        }
        hits += 1
        moveToFront(slot)
        return nodes[slot].value
    }

    /// Stores `value` under `key` if `generation` is current, evicting the least recently used
    /// entry when full.
    mutating func insert(_ value: CachedTokenBase, for key: TokenDigest, generation: UInt64) {
        guard generation == self.generation else { return }
        if let slot = index[key] {
            nodes[slot].value = value
            moveToFront(slot)
            return
        }
        let slot: Int
        if index.count >= capacity, tail >= 0 {
            slot = tail
            unlink(slot)
            index[nodes[slot].key] = nil
            evictions += 1
            nodes[slot].key = key
            nodes[slot].value = value
        } else if free >= 0 {
            slot = free
            free = nodes[slot].next
            nodes[slot].key = key
            nodes[slot].value = value
        } else {
            slot = nodes.count
            nodes.append(Node(key: key, value: value, previous: -1, next: -1))
        }
        index[key] = slot
        linkAtFront(slot)
    }

    /// Drops the entry for `key`, if any.
    mutating func removeValue(for key: TokenDigest) {
        guard let slot = index.removeValue(forKey: key) else { return }
        unlink(slot)
        nodes[slot].value = nil
        nodes[slot].next = free
        free = slot
    }

    /// Drops every entry and moves to `generation`, so inserts prepared under older key sets are refused.
    mutating func removeAll(newGeneration: UInt64) {
        generation = newGeneration
        index.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        head = -1
        tail = -1
        free = -1
    }

    private mutating func moveToFront(_ slot: Int) {
        guard slot != head else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let previous = nodes[slot].previous
        let next = nodes[slot].next
        if previous >= 0 { nodes[previous].next = next } else { head = next }
        if next >= 0 { nodes[next].previous = previous } else { tail = previous }
        nodes[slot].previous = -1
        nodes[slot].next = -1
    }

    private mutating func linkAtFront(_ slot: Int) {
        nodes[slot].previous = -1
        nodes[slot].next = head
        if head >= 0 { nodes[head].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
