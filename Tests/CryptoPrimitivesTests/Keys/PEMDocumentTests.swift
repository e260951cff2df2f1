import CryptoPrimitives
import Foundation
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

    /// PEM is text: a control byte anywhere (a NUL, a form feed, a DOS end-of-file) is refused
    /// with a message that says so, whichever entry point reads it. Binary data turned into text
    /// always has such bytes, and must never be searched for a block.
    @Test(arguments: [UInt8(0x00), 0x0C, 0x1A, 0x7F])
    func controlBytesAreRefusedAsNotText(byte: UInt8) throws {
        let pem = PEMDocument(label: "PUBLIC KEY", derBytes: [0, 1, 2]).pemRepresentation
        let middle = pem.utf8.firstIndex(of: UInt8(ascii: "\n"))!
        let inside = Array(pem.utf8[..<middle]) + [byte] + Array(pem.utf8[middle...])
        for bytes in [inside, [byte] + Array(pem.utf8)] {
            let error = #expect(throws: CryptoError.self) { try PEMDocument.parseAll(bytes) }
            #expect(error?.code == .invalidKey)
            #expect(error?.reason.contains("not text: control byte") == true, "\(String(describing: error))")
        }
        let imported = #expect(throws: CryptoError.self) {
            try KeyImporter.importKeys(from: [byte] + Array(Self.ed25519PEM.utf8))
        }
        #expect(imported?.reason.contains("not text") == true, "\(String(describing: imported))")
        #expect(try KeyImporter.importKeys(from: Array(Self.ed25519PEM.utf8)).format == .pem)
    }

    /// Leftovers that are not text but common around PEM files: a byte order mark in front, NUL or
    /// Ctrl-Z bytes at the very end. Every reader ignores them alike.
    @Test func byteOrderMarkAndTrailingNulOrCtrlZAreIgnored() throws {
        let text = Array(Self.ed25519PEM.utf8)
        for bytes in [[0xEF, 0xBB, 0xBF] + text, text + [0x00], text + [0x1A], text + [0x1A, 0x00, 0x00]] {
            #expect(try PEMDocument.parseAll(bytes).count == 1)
            #expect(try KeyImporter.importKeys(from: bytes).format == .pem)
            #expect(throws: Never.self) { try CryptoKey(pemRepresentation: String(decoding: bytes, as: UTF8.self)) }
        }
    }

    /// A tab is text, not a control byte: a block indented with tabs (as pasted into a
    /// configuration file) is read by every reader.
    @Test func tabIndentedBlockIsRead() throws {
        let indented = Self.ed25519PEM.split(separator: "\n").map { "\t" + $0 + "\t" }.joined(separator: "\n")
        #expect(try PEMDocument.parseAll(Array(indented.utf8)).map(\.label) == ["PUBLIC KEY"])
        #expect(try KeyImporter.importKeys(from: Array(indented.utf8)).format == .pem)
        #expect(throws: Never.self) { try CryptoKey(pemRepresentation: indented) }
    }

    static let ed25519PEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PUBLIC KEY-----

        """

    @Test func headerLinesOtherThanProcTypeAreMalformedNotEncrypted() {
        let text = "-----BEGIN PUBLIC KEY-----\nComment: hello\nAAEC\n-----END PUBLIC KEY-----\n"
        #expect(throws: CryptoError.invalidKey) { try PEMDocument.parseAll(Array(text.utf8)) }
    }

    /// A block whose line breaks were lost (as in an environment variable) must not have its body,
    /// the key itself, echoed back as a "label".
    @Test func oneLineBlockIsRefusedWithoutEchoingIt() throws {
        let der = (0..<48).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let pem = PEMDocument(label: "PRIVATE KEY", derBytes: der).pemRepresentation
        let body = pem.split(separator: "\n")[1]
        for joined in [pem.replacingOccurrences(of: "\n", with: " "), pem.replacingOccurrences(of: "\n", with: "")] {
            do throws(CryptoError) {
                _ = try PEMDocument.parseAll(Array(joined.utf8))
                Issue.record("a one-line PEM block was accepted")
            } catch {
                #expect(error.code == .invalidKey)
                #expect(error.reason.contains("one line"), "\(error.reason)")
                #expect(!error.reason.contains(String(body.prefix(16))), "\(error.reason)")
            }
        }
    }

    /// RFC 7468 labels: printable ASCII, single '-' or space between characters, never "-----".
    @Test(arguments: ["A--B", "A  B", " A", "A-", String(repeating: "K", count: 65)])
    func malformedLabelsAreNotArmour(label: String) throws {
        let text = "-----BEGIN \(label)-----\nAAEC\n-----END \(label)-----\n"
        #expect(try PEMDocument.parseAll(Array(text.utf8)).isEmpty)
    }

    @Test(arguments: ["RSA PRIVATE KEY", "X509 CRL", "A-B C", String(repeating: "K", count: 64)])
    func wellFormedLabelsAreRead(label: String) throws {
        let text = "-----BEGIN \(label)-----\nAAEC\n-----END \(label)-----\n"
        #expect(try PEMDocument.parseAll(Array(text.utf8)).map(\.label) == [label])
    }

    @Test func requiresExactlyOneBlockForSingleInit() throws {
        #expect(throws: CryptoError.invalidKey) { try PEMDocument(pemRepresentation: "no armour here") }
        // Two blocks are not one: neither is picked (the second may be the key meant).
        let two = "-----BEGIN A-----\nAA==\n-----END A-----\n-----BEGIN B-----\nAQ==\n-----END B-----\n"
        #expect(throws: CryptoError.invalidKey) { try PEMDocument(pemRepresentation: two) }
        #expect(try PEMDocument(pemRepresentation: String(two.prefix(39))).derBytes == [0])
    }
}
