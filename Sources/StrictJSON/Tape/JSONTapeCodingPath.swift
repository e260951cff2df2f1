/// A coding path as a chain of keys from the innermost outwards, shared by a decoder and its
/// children and turned into the `[any CodingKey]` that `Decoder` exposes only when asked.
///
/// The root has no node (`nil`), so the decoder and containers of a flat claims type carry no
/// path reference at all: the standard library copies a keyed container on every `decode` call,
/// and each reference in it costs a retain and a release per copy.
final class JSONTapeCodingPath {
    let key: any CodingKey
    let parent: JSONTapeCodingPath?

    init(_ key: any CodingKey, parent: JSONTapeCodingPath?) {
        self.key = key
        self.parent = parent
    }

    /// The keys from the outermost inwards.
    static func keys(_ node: JSONTapeCodingPath?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = node
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}
