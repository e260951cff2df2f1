import VerifyKit

/// The outcome of one test vector.
struct VectorOutcome: Sendable {
    /// The vector's `id` (or a placeholder for file-level problems).
    let id: String
    let passed: Bool
    /// Why it failed, or a short note of what was checked.
    let detail: String

    static func pass(_ id: String, _ detail: String = "") -> VectorOutcome {
        VectorOutcome(id: id, passed: true, detail: detail)
    }

    static func fail(_ id: String, _ detail: String) -> VectorOutcome {
        VectorOutcome(id: id, passed: false, detail: detail)
    }
}

/// Runs every vector of one parsed file of a given kind.
typealias VectorSuiteRunner = @Sendable (_ file: JSONObject, _ path: String) -> [VectorOutcome]

/// The vector-file kinds `verifykit vectors` understands, by the file's top-level `"kind"`.
///
/// To add a kind, write a runner and add one line here. Files of a kind not listed are reported
/// as failures, never skipped.
enum VectorSuites {
    static let registry: [String: VectorSuiteRunner] = [
        "jose": VectorJOSESuite.run,
        "fib-email-proof": FIBCommand.runEmailProofVectors,
        "fib-token": FIBCommand.runTokenVectors,
        "bankfrick-signature": FrickCommand.runSignatureVectors,
        "bankfrick-token": FrickCommand.runTokenVectors,
    ]

    /// Runs one file: parse strictly, dispatch on `"kind"`, and turn file-level problems into failures.
    static func run(bytes: [UInt8], path: String) -> [VectorOutcome] {
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: 64)).parse(bytes)
        } catch {
            return [.fail("(file)", "not strict JSON: \(error)")]
        }
        guard case .object(let file) = value else {
            return [.fail("(file)", "a vector file is a JSON object")]
        }
        guard case .string(let kind)? = file["kind"] else {
            return [.fail("(file)", "missing string member \"kind\"")]
        }
        guard let runner = registry[kind] else {
            return [.fail("(file)", "unknown vector kind \(PrintableText.quoted(kind))")]
        }
        let outcomes = runner(file, path)
        return outcomes.isEmpty ? [.fail("(file)", "no vectors in file")] : outcomes
    }
}
