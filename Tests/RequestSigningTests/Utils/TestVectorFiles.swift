import Foundation
import VerifyKitTestSupport

/// Reads the JSON vector files under `TestVectors/` at the package root.
enum TestVectorFiles {
    static let root = PackagePaths.testVectors

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    static func data(_ relativePath: String) throws -> Data { try Data(contentsOf: url(relativePath)) }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }

    /// A `{"description": …, "vectors": [Vector]}` file.
    struct File<Vector: Decodable & Sendable>: Decodable, Sendable {
        let description: String
        let vectors: [Vector]
    }

    static func load<Vector: Decodable & Sendable>(_ relativePath: String, as: Vector.Type) throws -> File<Vector> {
        try JSONDecoder().decode(File<Vector>.self, from: data(relativePath))
    }
}

/// One FIB e-mail proof vector (`TestVectors/fib/*_email_proof*.json`).
struct FIBProofVector: Decodable, Sendable, CustomStringConvertible {
    struct Results: Decodable, Sendable {
        let plain: Bool
        let iroha: Bool
        let either: Bool
    }
    let comment: String
    let email: String
    let privateKey: String?
    let publicKey: String
    let blake2b256: String
    let digest: String
    let signature: String
    let results: Results

    var description: String { "\(comment) [\(email), \(digest)]" }
}

/// One Bank Frick body-signature vector (`TestVectors/bankfrick/body_signatures.json`).
struct BankFrickBodyVector: Decodable, Sendable, CustomStringConvertible {
    let comment: String
    let body: String
    let algorithm: String?
    let signature: String
    let result: String
    let error: String?
    let reproducible: Bool

    var description: String { comment }
}

/// The extra top-level fields of `body_signatures.json`.
struct BankFrickBodyFile: Decodable, Sendable {
    let privateKey: String
    let publicKey: String
    let vectors: [BankFrickBodyVector]
}
