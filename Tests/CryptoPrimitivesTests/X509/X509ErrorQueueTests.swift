import CLibcrypto
import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

/// OpenSSL keeps failures on a per-thread error queue; a stale entry would be read as the cause of
/// a later, unrelated failure on the same thread.
@Suite("X509: no OpenSSL error left behind")
struct X509ErrorQueueTests {
    static func certificate(_ name: String) throws -> X509Certificate {
        let url = PackagePaths.testVectors.appendingPathComponent("x5c/apple/\(name).pem")
        return try X509Certificate(pemRepresentation: String(contentsOf: url, encoding: .utf8))
    }

    @Test("no OpenSSL error is left on the thread after refusals and successes")
    func errorQueueClean() throws {
        ERR_clear_error()
        let signedAt: Int64 = 1_681_312_846
        let store = try X509TrustStore(trusting: [try Self.certificate("AppleRootCA-G3")])
        let chain = [try Self.certificate("ProdECCReceiptSigning-2021"), try Self.certificate("AppleWWDRCA-G6")]
        #expect(try store.validate(chain, at: signedAt).count == 3)
        #expect(ERR_peek_error() == 0)
        _ = try? store.validate(chain, at: 4_000_000_000)  // expired
        #expect(ERR_peek_error() == 0)
        _ = try? store.validate([chain[0]], at: signedAt)  // no issuer
        #expect(ERR_peek_error() == 0)
        _ = try? X509Certificate(derRepresentation: Array(chain[0].derRepresentation.dropLast(3)))
        #expect(ERR_peek_error() == 0)
        _ = chain[0].hasExtension(oid: "3.1")
        #expect(ERR_peek_error() == 0)
        _ = try? chain[0].publicKey()
        #expect(ERR_peek_error() == 0)
        _ = try? store.validate(chain, at: 999_999_999_999_999)
        #expect(ERR_peek_error() == 0)
    }
}
