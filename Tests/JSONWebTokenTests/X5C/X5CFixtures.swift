import Base64URL
import CryptoPrimitives
import Foundation
import VerifyKitTestSupport

/// One folder of PEM certificates and end-entity keys under `TestVectors/` (each made by a
/// `scripts/make-x5c-*-fixtures.sh`), and tokens signed with those keys.
struct X5CFixtureFolder: Sendable {
    let url: URL

    init(_ name: String) { url = PackagePaths.testVectors.appendingPathComponent(name) }

    func text(_ name: String) -> String {
        try! String(contentsOf: url.appendingPathComponent("\(name).pem"), encoding: .utf8)
    }

    func certificate(_ name: String) -> X509Certificate {
        try! X509Certificate(pemRepresentation: text(name))
    }

    func privateKey(_ name: String) -> CryptoKey {
        try! CryptoKey(pemRepresentation: text("\(name).key"))
    }

    /// The `x5c` JSON array for these certificates, in the order given.
    func x5c(_ names: [String]) -> String {
        "[" + names.map { "\"\(Base64.encode(certificate($0).derRepresentation))\"" }.joined(separator: ",") + "]"
    }

    /// A token signed by `signer`'s key whose header is `alg`, then `x5c` (any JSON text, or none),
    /// then `extra` members (text starting with a comma).
    func token(
        x5c: String?,
        signer: String,
        algorithm: SignatureAlgorithm = .es256,
        header extra: String = "",
        payload: String = #"{"sub":"alice"}"#
    ) -> String {
        let x5cMember = x5c.map { #","x5c":\#($0)"# } ?? ""
        return TestTokens.signed(
            header: #"{"alg":"\#(algorithm.rawValue)"\#(x5cMember)\#(extra)}"#,
            payload: payload,
            key: privateKey(signer),
            algorithm: algorithm
        )
    }
}

/// The chains of `TestVectors/x5c` (made by `scripts/make-x5c-fixtures.sh`) and tokens signed
/// with their end-entity keys.
enum X5CFixtures {
    static let files = X5CFixtureFolder("x5c")
    static var folder: URL { files.url }

    static func text(_ name: String) -> String { files.text(name) }
    static func certificate(_ name: String) -> X509Certificate { files.certificate(name) }
    static func privateKey(_ name: String) -> CryptoKey { files.privateKey(name) }
    static func x5c(_ names: [String]) -> String { files.x5c(names) }

    static let root = certificate("root")
    static let intermediate = certificate("intermediate")
    static let leafEC = certificate("leaf-ec")
    static let leafShort = certificate("leaf-short")

    /// Inside every fixture certificate's validity: an hour after the short-lived leaf began.
    static let now = Double(leafShort.notBefore + 3_600)

    static let leafMarker = "1.2.3.4.5.6.1"
    static let intermediateMarker = "1.2.3.4.5.6.2"

    /// A token signed by `signer`'s key whose header carries `x5c` (any JSON text) and `alg`.
    static func token(
        x5c: String?,
        signer: String = "leaf-ec",
        algorithm: SignatureAlgorithm = .es256,
        payload: String = #"{"sub":"alice"}"#
    ) -> String {
        files.token(x5c: x5c, signer: signer, algorithm: algorithm, payload: payload)
    }
}

/// A suite whose tokens come from one fixture folder: the helpers its tests call unqualified.
protocol X5CFixtureSuite {
    static var files: X5CFixtureFolder { get }
}

extension X5CFixtureSuite {
    static func text(_ name: String) -> String { files.text(name) }
    static func certificate(_ name: String) -> X509Certificate { files.certificate(name) }
    static func x5c(_ names: [String]) -> String { files.x5c(names) }

    static func token(_ chain: [String], signer: String, header extra: String = "") -> String {
        files.token(x5c: x5c(chain), signer: signer, header: extra)
    }
}

/// The claims the fixture suites' tokens carry.
struct X5CSubjectClaims: Decodable, Equatable {
    let sub: String
}
