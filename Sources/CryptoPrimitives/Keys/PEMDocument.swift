internal import Base64URL

/// One PEM block (RFC 7468): a label such as `PUBLIC KEY` and the DER bytes it armours.
public struct PEMDocument: Hashable, Sendable {
    /// The label between `-----BEGIN ` and `-----`, e.g. `PUBLIC KEY`, `RSA PRIVATE KEY`, `CERTIFICATE`.
    public var label: String
    /// The decoded DER.
    public var derBytes: [UInt8]

    public init(label: String, derBytes: [UInt8]) {
        self.label = label
        self.derBytes = derBytes
    }

    /// Parses exactly one PEM block (text outside the block is ignored, as RFC 7468 allows).
    public init(pemRepresentation: String) throws(CryptoError) {
        let documents = try Self.parseAll(Array(pemRepresentation.utf8))
        guard documents.count == 1, let only = documents.first else {
            throw CryptoError(.invalidKey, "expected one PEM block, found \(documents.count)")
        }
        self = only
    }

    /// The armoured text: 64-character Base64 lines, LF line endings, trailing newline.
    public var pemRepresentation: String {
        let body = Base64.encode(derBytes)
        var text = "-----BEGIN \(label)-----\n"
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
            text += body[index..<end]
            text += "\n"
            index = end
        }
        text += "-----END \(label)-----\n"
        return text
    }

    /// Whether `bytes` look like PEM (a `-----BEGIN ` line somewhere).
    static func looksLikePEM(_ bytes: some Collection<UInt8>) -> Bool {
        let marker = Array("-----BEGIN ".utf8)
        let array = Array(bytes)
        guard array.count >= marker.count else { return false }
        for start in 0...(array.count - marker.count) where array[start] == marker[0] {
            if array[start..<(start + marker.count)].elementsEqual(marker) { return true }
        }
        return false
    }

    /// Parses every PEM block in `text`, in order. Legacy encrypted PEM (with `Proc-Type`
    /// headers) and malformed armour are errors; lines outside blocks are ignored.
    public static func parseAll(_ text: some Collection<UInt8>) throws(CryptoError) -> [PEMDocument] {
        var documents: [PEMDocument] = []
        var currentLabel: String?
        var body: [UInt8] = []
        for rawLine in Array(text).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = trimmingTrailingWhitespace(rawLine)
            if let label = currentLabel {
                if let endLabel = armourLabel(line, prefix: "-----END ") {
                    guard endLabel == label else {
                        throw CryptoError(.invalidKey, "PEM block BEGIN \(label) ends with END \(endLabel)")
                    }
                    let der: [UInt8]
                    do {
                        der = try Base64.decode(utf8: body)
                    } catch {
                        throw CryptoError(.invalidKey, "PEM body of \(label) is not valid Base64: \(error)")
                    }
                    guard !der.isEmpty else { throw CryptoError(.invalidKey, "PEM block \(label) is empty") }
                    documents.append(PEMDocument(label: label, derBytes: der))
                    currentLabel = nil
                    body.removeAll(keepingCapacity: true)
                } else if line.contains(UInt8(ascii: ":")) {
                    throw CryptoError(
                        .unsupportedKey,
                        "encrypted (Proc-Type) PEM is not supported; decrypt it first, e.g. with `openssl pkey`"
                    )
                } else if armourLabel(line, prefix: "-----BEGIN ") != nil {
                    throw CryptoError(.invalidKey, "PEM block \(label) is not terminated")
                } else {
                    body.append(contentsOf: line)
                }
            } else if let label = armourLabel(line, prefix: "-----BEGIN ") {
                currentLabel = label
            }
        }
        if let label = currentLabel {
            throw CryptoError(.invalidKey, "PEM block \(label) has no END line")
        }
        return documents
    }

    private static func trimmingTrailingWhitespace(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = line.endIndex
        while end > line.startIndex, [0x20, 0x09, 0x0D].contains(line[end - 1]) { end -= 1 }
        var start = line.startIndex
        while start < end, [0x20, 0x09].contains(line[start]) { start += 1 }
        return line[start..<end]
    }

    /// The label of a `-----BEGIN X-----` / `-----END X-----` line, or nil.
    private static func armourLabel(_ line: ArraySlice<UInt8>, prefix: String) -> String? {
        let head = Array(prefix.utf8)
        let tail = Array("-----".utf8)
        guard line.count > head.count + tail.count, line.starts(with: head), line.suffix(tail.count).elementsEqual(tail)
        else { return nil }
        let label = line.dropFirst(head.count).dropLast(tail.count)
        // RFC 7468 labels are printable ASCII without '-' at the ends.
        guard label.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), label.first != UInt8(ascii: "-"),
            label.last != UInt8(ascii: "-")
        else { return nil }
        return String(decoding: label, as: UTF8.self)
    }
}
