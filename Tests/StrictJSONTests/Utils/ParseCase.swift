import StrictJSON

/// One input for the accept/reject tables: a name in JSONTestSuite style (`y_` accepted, `n_`
/// rejected), the raw bytes, and the error code a rejection must carry.
struct ParseCase: Sendable, CustomStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: JSONError.Code?

    init(_ name: String, _ text: String, _ expected: JSONError.Code? = nil) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.expected = expected
    }

    init(_ name: String, bytes: [UInt8], _ expected: JSONError.Code? = nil) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    var description: String { name }
}

/// Parses and returns the error, or `nil` when the input was accepted.
func parseError(_ bytes: [UInt8], options: JSONParser.Options = .init()) -> JSONError? {
    do {
        _ = try JSONParser(options: options).parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// Bytes of `text` wrapped in quotes, for string-content cases.
func quoted(_ content: [UInt8]) -> [UInt8] { [0x22] + content + [0x22] }
