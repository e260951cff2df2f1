import Base64URL
import Testing

/// The two strict decoders under test.
enum Codec: String, Sendable, CaseIterable {
    case url = "base64url"
    case standard = "base64"

    func encode(_ bytes: [UInt8]) -> String {
        switch self {
        case .url: Base64URL.encode(bytes)
        case .standard: Base64.encode(bytes)
        }
    }

    func decode(_ string: some StringProtocol) throws(Base64DecodingError) -> [UInt8] {
        switch self {
        case .url: try Base64URL.decode(string)
        case .standard: try Base64.decode(string)
        }
    }

    func decode(utf8 bytes: some Collection<UInt8>) throws(Base64DecodingError) -> [UInt8] {
        switch self {
        case .url: try Base64URL.decode(utf8: bytes)
        case .standard: try Base64.decode(utf8: bytes)
        }
    }

    var alphabet: [UInt8] {
        Array(("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (self == .url ? "-_" : "+/")).utf8)
    }

    /// Every way the same text can reach the decoder; all must agree.
    func decodeEveryWay(_ bytes: [UInt8]) -> [(form: String, result: Result<[UInt8], Base64DecodingError>)] {
        var results: [(form: String, result: Result<[UInt8], Base64DecodingError>)] = [
            ("[UInt8]", Result { () throws(Base64DecodingError) in try decode(utf8: bytes) }),
            (
                "ArraySlice",
                Result { () throws(Base64DecodingError) in
                    try decode(utf8: ([0x41] + bytes + [0x41])[1..<(bytes.count + 1)])
                }
            ),
            ("lazy map", Result { () throws(Base64DecodingError) in try decode(utf8: bytes.lazy.map { $0 }) }),
            (
                "lazy filter",
                Result { () throws(Base64DecodingError) in try decode(utf8: bytes.lazy.filter { _ in true }) }
            ),
        ]
        if self == .url {
            results.append(
                (
                    "decode(_:into:) exact buffer",
                    Result { () throws(Base64DecodingError) in try decodeIntoExactBuffer(bytes) }
                )
            )
        }
        // Strings only for valid UTF-8, since a String would repair anything else.
        if let text = String(validating: bytes, as: UTF8.self) {
            let substring = ("ab" + text + "cd").dropFirst(2).dropLast(2)
            results += [
                ("String", Result { () throws(Base64DecodingError) in try decode(text) }),
                ("Substring", Result { () throws(Base64DecodingError) in try decode(substring) }),
                ("String.UTF8View", Result { () throws(Base64DecodingError) in try decode(utf8: text.utf8) }),
                ("Substring.UTF8View", Result { () throws(Base64DecodingError) in try decode(utf8: substring.utf8) }),
            ]
        }
        return results
    }
}

/// Decodes through the allocation-free entry point into a buffer of exactly the announced size.
func decodeIntoExactBuffer(_ bytes: [UInt8]) throws(Base64DecodingError) -> [UInt8] {
    let length = try Base64URL.decodedLength(forEncodedLength: bytes.count)
    var output = [UInt8](repeating: 0, count: length)
    let written = try bytes.withUnsafeBufferPointer { input throws(Base64DecodingError) in
        try output.withUnsafeMutableBufferPointer { output throws(Base64DecodingError) in
            try Base64URL.decode(input, into: output)
        }
    }
    return Array(output[..<written])
}

/// Expects `bytes` to fail with `expected` (code and offset) on every input form.
func expectError(
    _ codec: Codec,
    _ bytes: [UInt8],
    _ expected: Base64DecodingError,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let text = String(decoding: bytes, as: UTF8.self)
    for (form, result) in codec.decodeEveryWay(bytes) {
        switch result {
        case .success(let value):
            Issue.record(
                "\(codec) \(form) \"\(text)\": decoded \(value), expected \(expected)",
                sourceLocation: sourceLocation
            )
        case .failure(let error):
            #expect(
                error.code == expected.code && error.offset == expected.offset,
                "\(codec) \(form) \"\(text)\": got \(error.code.rawValue)@\(error.offset)",
                sourceLocation: sourceLocation
            )
        }
    }
}

func expectError(
    _ codec: Codec,
    _ text: String,
    _ code: Base64DecodingError.Code,
    at offset: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectError(
        codec,
        Array(text.utf8),
        Base64DecodingError(code: code, offset: offset),
        sourceLocation: sourceLocation
    )
}

/// Expects `bytes` to decode to `expected` on every input form.
func expectDecodes(
    _ codec: Codec,
    _ text: String,
    to expected: [UInt8],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (form, result) in codec.decodeEveryWay(Array(text.utf8)) {
        switch result {
        case .success(let value):
            #expect(value == expected, "\(codec) \(form) \"\(text)\"", sourceLocation: sourceLocation)
        case .failure(let error):
            Issue.record("\(codec) \(form) \"\(text)\": \(error)", sourceLocation: sourceLocation)
        }
    }
}
