import CryptoPrimitives
import Testing

@Suite("PEM armour")
struct PEMDocumentTests {
    @Test func roundTripsWithSixtyFourColumnLines() throws {
        let der = (0..<100).map { UInt8($0) }
        let pem = PEMDocument(label: "PUBLIC KEY", derBytes: der).pemRepresentation
        let lines = pem.split(separator: "\n")
        #expect(lines.first == "-----BEGIN PUBLIC KEY-----")
        #expect(lines.last == "-----END PUBLIC KEY-----")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count <= 64 })
        #expect(try PEMDocument(pemRepresentation: pem) == PEMDocument(label: "PUBLIC KEY", derBytes: der))
    }

    @Test func ignoresTextOutsideBlocksAndAcceptsCRLF() throws {
        let text = "Subject: test\r\n-----BEGIN X-----\r\nAAEC\r\n-----END X-----\r\ntrailer\r\n"
        #expect(try PEMDocument(pemRepresentation: text).derBytes == [0, 1, 2])
    }

    @Test func parsesSeveralBlocksInOrder() throws {
        let text = "-----BEGIN A-----\nAA==\n-----END A-----\n-----BEGIN B-----\nAQ==\n-----END B-----\n"
        let documents = try PEMDocument.parseAll(Array(text.utf8))
        #expect(documents.map(\.label) == ["A", "B"])
        #expect(documents.map(\.derBytes) == [[0], [1]])
    }

    @Test(arguments: [
        "-----BEGIN A-----\nAAEC\n",  // no END
        "-----BEGIN A-----\nAAEC\n-----END B-----\n",  // mismatched label
        "-----BEGIN A-----\nAA=C\n-----END A-----\n",  // bad Base64
        "-----BEGIN A-----\n-----END A-----\n",  // empty body
        "-----BEGIN A-----\n-----BEGIN A-----\nAAEC\n-----END A-----\n",  // nested BEGIN
    ])
    func rejectsMalformedArmour(text: String) {
        #expect(throws: CryptoError.invalidKey) { try PEMDocument.parseAll(Array(text.utf8)) }
    }

    @Test func refusesLegacyEncryptedPEM() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAEC\n-----END RSA PRIVATE KEY-----\n"
        #expect(throws: CryptoError.unsupportedKey) { try PEMDocument.parseAll(Array(text.utf8)) }
    }

    @Test func requiresExactlyOneBlockForSingleInit() {
        #expect(throws: CryptoError.invalidKey) { try PEMDocument(pemRepresentation: "no armour here") }
    }
}
