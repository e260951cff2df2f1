import CryptoPrimitives
import Foundation
import RequestSigning
import Testing

@Suite("Bank Frick Signature and algorithm headers")
struct BankFrickHeaderTests {
    @Test("algorithm values: the three names exactly; absent means rsa-sha512")
    func algorithmValues() throws {
        #expect(try BankFrick.SignatureAlgorithm(headerValue: nil) == .rsaSHA512)
        #expect(try BankFrick.SignatureAlgorithm(headerValue: "rsa-sha512").digest == .sha512)
        #expect(try BankFrick.SignatureAlgorithm(headerValue: "rsa-sha384").digest == .sha384)
        #expect(try BankFrick.SignatureAlgorithm(headerValue: "rsa-sha256").digest == .sha256)
        #expect(try BankFrick.SignatureAlgorithm(headerValue: " rsa-sha256\t") == .rsaSHA256)
        for bad in ["", " ", "RSA-SHA512", "rsa-sha1", "rsa-pss-sha512", "ps512", "RS512", "rsa-sha512,rsa-sha256"] {
            #expect(throws: RequestSigningError.unsupportedAlgorithm, "\(bad)") {
                try BankFrick.SignatureAlgorithm(headerValue: bad)
            }
        }
    }

    @Test("an algorithm value is trimmed and compared byte for byte; combining characters never match a name")
    func algorithmValuesAreNotNormalised() {
        // Comparing Strings or Characters would normalise the value, in time quadratic in a run of
        // combining characters (alternating classes 230 and 220 here); the names are ASCII, so
        // bytes decide.
        let run = String(repeating: "\u{301}\u{316}", count: 8_000)
        for bad in ["rsa-sha512" + run, "rsa-sha51\u{0032}\u{301}", run, " \u{301}rsa-sha512", "rsa-sha512 \u{301}"] {
            #expect(throws: RequestSigningError.unsupportedAlgorithm) {
                try BankFrick.SignatureAlgorithm(headerValue: bad)
            }
            #expect(BankFrick.SignatureAlgorithm(rawValue: bad).digest == nil)
        }
    }

    @Test("header names match case-insensitively; other headers are ignored")
    func caseInsensitiveNames() throws {
        for (signatureName, algorithmName) in [
            ("Signature", "algorithm"), ("signature", "Algorithm"), ("SIGNATURE", "ALGORITHM"),
        ] {
            let headers = try BankFrick.SignatureHeaders(fields: [
                (name: "Content-Type", value: "application/json"),
                (name: signatureName, value: "AQID"),
                (name: algorithmName, value: "rsa-sha256"),
            ])
            #expect(headers.signature == [1, 2, 3])
            #expect(headers.algorithm == .rsaSHA256)
        }
        let fromDictionary = try BankFrick.SignatureHeaders(headers: ["signature": "AQID"])
        #expect(fromDictionary.algorithm == .rsaSHA512)
    }

    /// RFC 9421 puts a `Signature-Input` beside `Signature`; neither it nor any other longer name is one of ours.
    @Test("a header whose name only begins with Signature or algorithm is another header")
    func longerNamesAreOtherHeaders() throws {
        let headers = try BankFrick.SignatureHeaders(fields: [
            (name: "Signature-Input", value: "sig1=(\"@method\");alg=\"rsa-v1_5-sha256\""),
            (name: "Signature", value: "AQID"),
            (name: "Signatures", value: "BAUG"),
            (name: "algorithm", value: "rsa-sha256"),
            (name: "Algorithms", value: "rsa-sha384"),
        ])
        #expect(headers.signature == [1, 2, 3])
        #expect(headers.algorithm == .rsaSHA256)
        #expect(throws: RequestSigningError.missingHeader) {
            try BankFrick.SignatureHeaders(fields: [(name: "Signature-Input", value: "AQID")])
        }
    }

    @Test("missing, duplicated or malformed headers are errors with stable codes")
    func headerErrors() {
        #expect(throws: RequestSigningError.missingHeader) {
            try BankFrick.SignatureHeaders(fields: [(name: "algorithm", value: "rsa-sha512")])
        }
        #expect(throws: RequestSigningError.missingHeader) { try BankFrick.SignatureHeaders(headers: [:]) }
        #expect(throws: RequestSigningError.duplicateHeader) {
            try BankFrick.SignatureHeaders(fields: [
                (name: "Signature", value: "AQID"), (name: "signature", value: "AQID"),
            ])
        }
        #expect(throws: RequestSigningError.duplicateHeader) {
            try BankFrick.SignatureHeaders(headers: [
                "Signature": "AQID", "algorithm": "rsa-sha512", "ALGORITHM": "rsa-sha512",
            ])
        }
        for bad in ["", "AQI", "AQJ=", "AQ-D", "AQ_D", "AQ ID", "AQID\nAQID", "AQID=="] {
            #expect(throws: RequestSigningError.malformedSignature, "\(bad)") {
                try BankFrick.SignatureHeaders(signature: bad, algorithm: nil)
            }
        }
        #expect(throws: RequestSigningError.unsupportedAlgorithm) {
            try BankFrick.SignatureHeaders(signature: "AQID", algorithm: "sha512")
        }
    }

    /// RFC 9110 §5.6.3: the optional whitespace around a field value is spaces and tabs only; a
    /// CR or LF is no part of any field value, so it stays in the value and the value is refused.
    @Test("spaces and tabs around Signature and algorithm values are dropped; CR and LF are not whitespace")
    func fieldValueWhitespace() throws {
        let padded = try BankFrick.SignatureHeaders(signature: " \tAQID \t", algorithm: "\t rsa-sha384 ")
        #expect(padded.signature == [1, 2, 3])
        #expect(padded.algorithm == .rsaSHA384)
        let fields = try BankFrick.SignatureHeaders(fields: [(name: "Signature", value: "  +/8=\t")])
        #expect(fields.signature == [0xFB, 0xFF])
        for bad in ["AQID\r\n", "AQID\n", "\rAQID", "\nAQID", "\r\n AQID"] {
            #expect(throws: RequestSigningError.malformedSignature, "\(bad.debugDescription)") {
                try BankFrick.SignatureHeaders(signature: bad, algorithm: nil)
            }
        }
        for bad in ["rsa-sha512\r\n", "rsa-sha512\n", "\rrsa-sha512", "\nrsa-sha256", "rsa-sha384\r"] {
            #expect(throws: RequestSigningError.unsupportedAlgorithm, "\(bad.debugDescription)") {
                try BankFrick.SignatureAlgorithm(headerValue: bad)
            }
            #expect(throws: RequestSigningError.unsupportedAlgorithm, "\(bad.debugDescription)") {
                try BankFrick.SignatureHeaders(fields: [
                    (name: "Signature", value: "AQID"), (name: "algorithm", value: bad),
                ])
            }
        }
    }

    @Test("headers are emitted as the documents spell them, Signature first")
    func emittedFields() {
        let headers = BankFrick.SignatureHeaders(signature: [0xFB, 0xFF], algorithm: .rsaSHA384)
        #expect(headers.signatureValue == "+/8=")
        #expect(headers.fields.map(\.name) == ["Signature", "algorithm"])
        #expect(headers.fields.map(\.value) == ["+/8=", "rsa-sha384"])
        #expect(headers.description == "Signature: +/8=\nalgorithm: rsa-sha384")
    }

    @Test("localizedDescription carries the code and the reason")
    func localizedDescription() {
        let error: any Error = RequestSigningError(.missingHeader, "no Signature header")
        #expect(error.localizedDescription == "RequestSigningError.missing_header: no Signature header")
    }
}
