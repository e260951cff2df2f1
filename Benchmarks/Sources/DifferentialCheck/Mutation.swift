/// One structure-aware change to a token. `label` names the class it belongs to; cases are
/// tallied per label.
struct Mutation {
    let label: String
    /// Never combined with others: its point needs the rest of the token as it was (for example a
    /// signature that happens to start with a zero byte).
    var standalone = false
    let apply: (inout Recipe, inout SplitMix64, AlgorithmContext) -> Void

    init(_ label: String, standalone: Bool = false, _ apply: @escaping (inout Recipe) -> Void) {
        self.label = label
        self.standalone = standalone
        self.apply = { recipe, _, _ in apply(&recipe) }
    }

    init(_ label: String, random apply: @escaping (inout Recipe, inout SplitMix64, AlgorithmContext) -> Void) {
        self.label = label
        self.apply = apply
    }
}

/// Which JSON document a mutation edits.
enum Part: String, CaseIterable {
    case header, payload

    var members: WritableKeyPath<Recipe, [Member]> { self == .header ? \.header : \.payload }
    var jsonEdits: WritableKeyPath<Recipe, [Recipe.Edit]> {
        self == .header ? \.headerJSONEdits : \.payloadJSONEdits
    }
    var segmentEdits: WritableKeyPath<Recipe, [Recipe.Edit]> {
        self == .header ? \.headerSegmentEdits : \.payloadSegmentEdits
    }
    var lengthModulo3: WritableKeyPath<Recipe, Int?> {
        self == .header ? \.headerLengthModulo3 : \.payloadLengthModulo3
    }
}

extension Recipe {
    /// Replaces the first member called `name` in `part`, or appends one.
    mutating func set(_ part: Part, _ name: String, _ value: String) {
        part == .header ? setHeader(name, value) : setPayload(name, value)
    }
}
