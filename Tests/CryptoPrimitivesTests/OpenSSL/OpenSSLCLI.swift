import Foundation
import Testing
import VerifyKitTestSupport

/// Runs the `openssl` command-line tool in a private temporary directory, for interoperability
/// tests: keys made by OpenSSL's own tools must load here, and signatures must verify both ways.
final class OpenSSLCLI {
    static var isAvailable: Bool { OpenSSLTool.isAvailable }
    static let missingReason = OpenSSLTool.missingReason

    let directory: URL

    init() throws {
        directory = try TemporaryDirectory.make(prefix: "verifykit-openssl")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Runs `openssl arguments…` in the directory; returns stdout, throws with stderr on failure
    /// unless `allowFailure` (then the exit status is returned through `status`).
    @discardableResult
    func run(_ arguments: [String], allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let result = try OpenSSLTool.run(arguments, in: directory)
        if result.status != 0 && !allowFailure {
            throw ToolRunner.Failure(
                description: "openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)"
            )
        }
        return (result.status, String(decoding: result.stdout, as: UTF8.self))
    }

    /// The hex fields of `openssl pkey -text` output (`modulus:`, `prime1:`, `priv:`, …) as bytes;
    /// single-line decimal fields such as `publicExponent: 65537 (0x10001)` are read from the hex.
    static func textFields(_ text: String) -> [String: [UInt8]] {
        var fields: [String: [UInt8]] = [:]
        var current: String?
        var hex = ""
        func flush() {
            if let current, !hex.isEmpty { fields[current] = bytes(fromHex: hex) }
            current = nil
            hex = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                if current != nil { hex += line.filter { $0.isHexDigit } }
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if rest.isEmpty {
                current = name
            } else if let open = rest.range(of: "(0x"), let close = rest.range(of: ")") {
                fields[name] = bytes(fromHex: String(rest[open.upperBound..<close.lowerBound]))
            }
        }
        flush()
        return fields
    }

    static func bytes(fromHex hex: String) -> [UInt8] {
        var digits = Array(hex.utf8)
        if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
        return stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16)!
        }
    }
}

/// Inputs that are not valid DER keys: empty, every truncation of `valid`, `valid` with a
/// trailing byte, and `count` random byte strings from `seed`.
func malformedVariants(of valid: [UInt8], randomCount count: Int, seed: UInt64) -> [[UInt8]] {
    var generator = SeededGenerator(seed: seed)
    var variants: [[UInt8]] = [[]]
    for length in 1..<valid.count { variants.append(Array(valid.prefix(length))) }
    variants.append(valid + [0])
    for _ in 0..<count {
        let length = Int.random(in: 1...400, using: &generator)
        var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Half of them start like a DER SEQUENCE so the parser gets past the first byte.
        if Bool.random(using: &generator) { bytes[0] = 0x30 }
        variants.append(bytes)
    }
    return variants
}
