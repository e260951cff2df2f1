import StrictJSON

/// Builds random JSON trees (and their text) for round-trip and fuzz tests.
enum RandomJSON {
    private static let alphabet: [String] = [
        "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{FFFF}",
    ]

    static func string(using generator: inout some RandomNumberGenerator) -> String {
        let length = Int.random(in: 0...8, using: &generator)
        return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
    }

    static func number(using generator: inout some RandomNumberGenerator) -> JSONNumber {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return JSONNumber(Int64.random(in: .min ... .max, using: &generator))
        case 1: return JSONNumber(Double.random(in: -1e6...1e6, using: &generator))!
        case 2:
            return JSONNumber(
                text: "\(Int.random(in: 0...999, using: &generator))e-\(Int.random(in: 0...30, using: &generator))"
            )!
        default: return JSONNumber(text: "-0.\(UInt32.random(in: 0...UInt32.max, using: &generator))E+4")!
        }
    }

    static func value(depth: Int, using generator: inout some RandomNumberGenerator) -> JSONValue {
        let choice = Int.random(in: 0..<(depth >= 4 ? 5 : 7), using: &generator)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(number(using: &generator))
        case 3, 4: return .string(string(using: &generator))
        case 5:
            let count = Int.random(in: 0...5, using: &generator)
            return .array((0..<count).map { _ in value(depth: depth + 1, using: &generator) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                object.set(string(using: &generator), value(depth: depth + 1, using: &generator))
            }
            return .object(object)
        }
    }
}
