/// One shard of the verified-token cache: a bounded least-recently-used map from token digest to
/// cached entry.
///
/// Not generic: the values are class references whose concrete type carries the claims type, so a
/// hit runs without generic metadata lookups.
///
/// Layout, chosen so that a hit does no allocation, no reference-count traffic on the shard and no
/// copy-on-write checks:
/// - `nodes`: the entries, linked by index into a doubly linked recency list (plus a free list),
///   so moving an entry to the front is four index writes.
/// - `table`: an open-addressing index (linear probing, at most half full) from a digest's home
///   bucket to its node. The digest words are already uniform, so the bucket is a mask of one word;
///   only verified tokens are ever inserted, so nobody can flood one bucket chain.
/// Both grow by doubling up to `capacity`, so a large configured capacity costs memory only when used.
///
/// Not thread-safe by itself: ``VerifiedTokenCache`` keeps each shard behind its own `Mutex`.
struct LRUShard: ~Copyable {
    private struct Node {
        var key: TokenDigest
        var value: CachedTokenBase?
        var previous: Int32
        var next: Int32
    }

    /// Most entries held at once (at least 1).
    let capacity: Int
    /// Entries stored under an older generation are refused (see ``VerifiedTokenCache/replaceKeys(_:)``).
    private(set) var generation: UInt64 = 0
    /// Entries held now.
    private(set) var count = 0

    private var nodes: UnsafeMutablePointer<Node>
    /// Nodes allocated; `nodes[0..<used]` are initialized.
    private var allocated: Int
    private var used = 0
    /// Node index per bucket, -1 when empty.
    private var table: UnsafeMutablePointer<Int32>
    private var tableMask: Int
    /// Most recently used node; -1 when empty.
    private var head: Int32 = -1
    /// Least recently used node; -1 when empty.
    private var tail: Int32 = -1
    /// First reusable node (linked through `next`); -1 when none.
    private var free: Int32 = -1

    var hits = 0
    var misses = 0
    var evictions = 0
    var bypasses = 0

    init(capacity: Int) {
        self.capacity = min(max(1, capacity), JWTCacheConfiguration.maximumCapacity)
        allocated = min(self.capacity, 64)
        nodes = .allocate(capacity: allocated)
        let buckets = Self.bucketCount(for: allocated)
        table = .allocate(capacity: buckets)
        table.initialize(repeating: -1, count: buckets)
        tableMask = buckets - 1
    }

    deinit {
        nodes.deinitialize(count: used)
        nodes.deallocate()
        table.deallocate()
    }

    /// A power of two at least twice `nodeCount`, so the table is never more than half full and
    /// every probe sequence reaches an empty bucket.
    private static func bucketCount(for nodeCount: Int) -> Int {
        var buckets = 4
        while buckets < 2 * nodeCount { buckets <<= 1 }
        return buckets
    }

    /// The value stored for `key`, made most recently used. Counts a hit or a miss.
    mutating func value(for key: TokenDigest) -> CachedTokenBase? {
        let slot = find(key).slot
        guard slot >= 0 else {
            misses += 1
            return nil
        }
        hits += 1
        moveToFront(slot)
        return nodes[Int(slot)].value
    }

    /// Stores `value` under `key` if `generation` is current, evicting the least recently used
    /// entry when full.
    ///
    /// Returns the entry it replaced or evicted, for the caller to release after unlocking: the
    /// last release of an entry runs the claims type's `deinit`, which is the caller's code.
    @discardableResult
    mutating func insert(_ value: CachedTokenBase, for key: TokenDigest, generation: UInt64) -> CachedTokenBase? {
        guard generation == self.generation else { return nil }
        let existing = find(key).slot
        if existing >= 0 {
            let replaced = nodes[Int(existing)].value
            nodes[Int(existing)].value = value
            moveToFront(existing)
            return replaced
        }
        let slot: Int32
        var evicted: CachedTokenBase?
        if count >= capacity {
            slot = tail
            unlink(slot)
            removeFromTable(at: find(nodes[Int(slot)].key).bucket)
            count -= 1
            evictions += 1
            evicted = nodes[Int(slot)].value
            nodes[Int(slot)].key = key
            nodes[Int(slot)].value = value
        } else if free >= 0 {
            slot = free
            free = nodes[Int(slot)].next
            nodes[Int(slot)].key = key
            nodes[Int(slot)].value = value
        } else {
            if used == allocated { grow() }
            slot = Int32(used)
            (nodes + used).initialize(to: Node(key: key, value: value, previous: -1, next: -1))
            used += 1
        }
        // Looked up again: an eviction or a growth may have moved entries in the table.
        table[find(key).bucket] = slot
        count += 1
        linkAtFront(slot)
        return evicted
    }

    /// Drops the entry for `key`, if any, and returns it (to be released after unlocking).
    @discardableResult
    mutating func removeValue(for key: TokenDigest) -> CachedTokenBase? {
        let (slot, bucket) = find(key)
        guard slot >= 0 else { return nil }
        removeFromTable(at: bucket)
        unlink(slot)
        let removed = nodes[Int(slot)].value
        nodes[Int(slot)].value = nil
        nodes[Int(slot)].next = free
        free = slot
        count -= 1
        return removed
    }

    /// Drops every entry and moves to `newGeneration`, so inserts prepared under older key sets are
    /// refused. Returns the entries, to be released after unlocking.
    ///
    /// Never moves back: two `replaceKeys` calls can reach a shard in either order, and going back
    /// to the older generation would let a verification made with the replaced keys store its
    /// result (found by a review's race test: 96 in 60,000 rounds).
    @discardableResult
    mutating func removeAll(newGeneration: UInt64) -> [CachedTokenBase] {
        generation = max(generation, newGeneration)
        var removed: [CachedTokenBase] = []
        removed.reserveCapacity(count)
        var slot = head
        while slot >= 0 {
            if let value = nodes[Int(slot)].value { removed.append(value) }
            slot = nodes[Int(slot)].next
        }
        nodes.deinitialize(count: used)
        used = 0
        count = 0
        table.update(repeating: -1, count: tableMask + 1)
        head = -1
        tail = -1
        free = -1
        return removed
    }

    // MARK: Table

    /// The node holding `key` (-1 if none) and its bucket, or the empty bucket where it would go.
    private func find(_ key: TokenDigest) -> (slot: Int32, bucket: Int) {
        var bucket = key.bucket(mask: tableMask)
        while true {
            let slot = table[bucket]
            if slot < 0 || nodes[Int(slot)].key == key { return (slot, bucket) }
            bucket = (bucket + 1) & tableMask
        }
    }

    /// Empties `bucket` and shifts later entries of the same probe run back, so lookups never need
    /// tombstones.
    private mutating func removeFromTable(at bucket: Int) {
        var hole = bucket
        var probe = (bucket + 1) & tableMask
        while true {
            let slot = table[probe]
            if slot < 0 { break }
            let home = nodes[Int(slot)].key.bucket(mask: tableMask)
            // The entry may fill the hole when the hole lies on its probe path (home ... probe).
            if (probe - home) & tableMask >= (probe - hole) & tableMask {
                table[hole] = slot
                hole = probe
            }
            probe = (probe + 1) & tableMask
        }
        table[hole] = -1
    }

    /// Doubles the node storage (up to `capacity`) and, when needed, the table.
    private mutating func grow() {
        let newAllocated = min(capacity, allocated * 2)
        let newNodes = UnsafeMutablePointer<Node>.allocate(capacity: newAllocated)
        newNodes.moveInitialize(from: nodes, count: used)
        nodes.deallocate()
        nodes = newNodes
        allocated = newAllocated
        let buckets = Self.bucketCount(for: newAllocated)
        guard buckets > tableMask + 1 else { return }
        table.deallocate()
        table = .allocate(capacity: buckets)
        table.initialize(repeating: -1, count: buckets)
        tableMask = buckets - 1
        var slot = head
        while slot >= 0 {
            table[find(nodes[Int(slot)].key).bucket] = slot
            slot = nodes[Int(slot)].next
        }
    }

    // MARK: Recency list

    private mutating func moveToFront(_ slot: Int32) {
        guard slot != head else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private mutating func unlink(_ slot: Int32) {
        let previous = nodes[Int(slot)].previous
        let next = nodes[Int(slot)].next
        if previous >= 0 { nodes[Int(previous)].next = next } else { head = next }
        if next >= 0 { nodes[Int(next)].previous = previous } else { tail = previous }
        nodes[Int(slot)].previous = -1
        nodes[Int(slot)].next = -1
    }

    private mutating func linkAtFront(_ slot: Int32) {
        nodes[Int(slot)].previous = -1
        nodes[Int(slot)].next = head
        if head >= 0 { nodes[Int(head)].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
