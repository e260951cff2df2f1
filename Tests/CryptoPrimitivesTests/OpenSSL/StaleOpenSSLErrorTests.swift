import CLibcrypto
import CryptoPrimitives
import Testing

/// Other code on the thread (a TLS stack, another library) can leave entries on OpenSSL's error
/// queue. A refusal that is a plain check, not a failed OpenSSL call, must not report such an
/// entry as its cause.
@Suite("Stale OpenSSL errors")
struct StaleOpenSSLErrorTests {
    /// Leaves an error on this thread's queue, as unrelated code might.
    static func failElsewhere() {
        let digest = EVP_MD_fetch(nil, "NO-SUCH-DIGEST", nil)
        EVP_MD_free(digest)
    }

    @Test("a JWK coordinate at or above the field prime gives the same message with a stale error queued")
    func coordinateAboveThePrime() throws {
        let x = [UInt8](repeating: 0xFF, count: 32)
        let y = [UInt8](repeating: 0x01, count: 32)
        ERR_clear_error()
        let clean = #expect(throws: CryptoError.self) { try ECDSA.PublicKey(curve: .p256, x: x, y: y) }
        Self.failElsewhere()
        #expect(ERR_peek_error() != 0)
        let stale = #expect(throws: CryptoError.self) { try ECDSA.PublicKey(curve: .p256, x: x, y: y) }
        ERR_clear_error()
        #expect(clean?.code == .invalidKey && stale?.code == .invalidKey)
        #expect(clean?.reason == "EC coordinate is not below the field prime", "\(String(describing: clean))")
        #expect(stale?.reason == clean?.reason, "\(String(describing: stale))")
    }
}
