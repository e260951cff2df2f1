import VerifyKit

/// A document with the shapes Codable types use, comparable for the agreement checks.
struct FuzzDocument: Codable, Equatable {
    struct Item: Codable, Equatable {
        var id: Int64?
        var tags: [String]?
        var ratio: Float?
    }
    var name: String?
    var flag: Bool?
    var small: UInt8?
    var big: UInt64?
    var value: Double?
    var items: [Item]?
    var map: [String: Int]?
    var byNumber: [Int: String]?
    var any: JSONValue?
}

enum JSONFuzzing {
    static let parser = JSONParser(options: .init(maxDepth: 16))

    static func run(_ bytes: [UInt8]) {
        let tree = Result { () throws(JSONError) in try parser.parse(bytes) }
        // The tape decoder's `JSONValue` and the tree parser agree on validity and content.
        let viaTape = Result { try parser.decode(JSONValue.self, from: bytes) }
        switch (tree, viaTape) {
        case (.success(let a), .success(let b)) where a != b: violated("tape and tree values differ")
        case (.success, .failure), (.failure, .success): violated("tape and tree disagree on validity")
        default: break
        }
        guard case .success(let value) = tree else { return }
        // Serializing and parsing again gives the same value, sorted or not.
        for sorted in [false, true] {
            guard let again = try? parser.parse(value.serialized(sortedKeys: sorted)), again == value else {
                violated("serialize/parse round trip changed the value (sortedKeys: \(sorted))")
            }
        }
        // Decoding a Codable type from the tape and from the tree gives the same outcome.
        let fromTape = try? parser.decode(FuzzDocument.self, from: bytes)
        let fromTree = try? JSONValueDecoder().decode(FuzzDocument.self, from: value)
        if fromTape != fromTree { violated("tape and tree decoding of a Codable type differ") }
    }
}
