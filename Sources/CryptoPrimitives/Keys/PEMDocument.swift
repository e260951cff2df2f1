internal import Base64URL

/// One PEM block (RFC 7468): a label such as `PUBLIC KEY` and the DER bytes it armours.
///
/// Never prints its bytes (they may be a private key): `description`, `debugDescription` and the
/// mirror `dump` walks show the label and the length only.
public struct PEMDocument: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The label between `-----BEGIN ` and `-----`, e.g. `PUBLIC KEY`, `RSA PRIVATE KEY`, `CERTIFICATE`.
    public var label: String
    /// The decoded DER.
    public var derBytes: [UInt8]

    /// A block from its parts, taken as given (neither is checked), e.g. to write out with ``pemRepresentation``.
    public init(label: String, derBytes: [UInt8]) {
        self.label = label
        self.derBytes = derBytes
    }

    /// The label and the number of DER bytes; the bytes themselves are never printed.
    public var description: String {
        "PEMDocument(label: \(PrintableText.quoted(label)), \(derBytes.count) bytes)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The label only, so `dump` shows no key material.
    public var customMirror: Mirror { Mirror(self, children: ["label": label], displayStyle: .struct) }

    /// Parses exactly one PEM block (text outside the block is ignored, as RFC 7468 allows).
    public init(pemRepresentation: String) throws(CryptoError) {
        let documents = try Self.parseAll(Array(pemRepresentation.utf8))
        guard documents.count == 1, let only = documents.first else {
            throw CryptoError(.invalidKey, "expected one PEM block, found \(documents.count)")
        }
        self = only
    }

    /// An `EC PARAMETERS` block (curve parameters, not a key), as `openssl ecparam -genkey` writes
    /// before the SEC1 key.
    var isECParameters: Bool { label == "EC PARAMETERS" }

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

    /// Whether `bytes` look like PEM: a `-----BEGIN ` marker somewhere. (Binary DER never gets
    /// this far: ``KeyImporter`` reads it first, and ``parseAll(_:)`` refuses it.)
    ///
    /// Contiguous bytes are scanned in place (no copy: the HMAC-secret check runs this on every
    /// secret), with a plain loop: `firstRange(of:)` costs 70 times as much in a debug build.
    static func looksLikePEM(_ bytes: some Collection<UInt8>) -> Bool {
        if let found = bytes.withContiguousStorageIfAvailable(containsBeginMarker) { return found }
        return Array(bytes).withUnsafeBufferPointer(containsBeginMarker)
    }

    private static let beginMarker = Array("-----BEGIN ".utf8)

    private static func containsBeginMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let marker = beginMarker
        guard bytes.count >= marker.count else { return false }
        var start = 0
        let last = bytes.count - marker.count
        while start <= last {
            var matched = 0
            while matched < marker.count, bytes[start + matched] == marker[matched] { matched += 1 }
            if matched == marker.count { return true }
            start += 1
        }
        return false
    }

    /// Whether `bytes` are exactly one DER SEQUENCE (a key or certificate file in binary form;
    /// every structure read here is a SEQUENCE, and no text format starts with its 0x30 tag and a
    /// length that covers exactly the rest).
    package static func isSingleDERElement(_ bytes: [UInt8]) -> Bool {
        guard bytes.first == 0x30 else { return false }
        return bytes.withUnsafeBytes { raw in
            var scanner = DERScanner(raw)
            return scanner.read() != nil && scanner.isAtEnd
        }
    }

    /// Parses every PEM block in `text`, in order. Legacy encrypted PEM (with `Proc-Type`
    /// headers) and malformed armour are errors; lines outside blocks are ignored.
    ///
    /// PEM is text: input with a control byte other than tab, CR and LF is refused, not searched.
    /// A DER certificate (raw, or turned into a `String`) always has such bytes, and may carry a
    /// PEM block inside a field that is not the certificate's key.
    ///
    /// A leading UTF-8 byte order mark and trailing NUL or Ctrl-Z bytes (C-string and DOS
    /// end-of-file leftovers) are ignored.
    public static func parseAll(_ text: some Collection<UInt8>) throws(CryptoError) -> [PEMDocument] {
        var bytes = Array(text)
        if isSingleDERElement(bytes) { throw CryptoError(.invalidKey, "the input is DER, not PEM text") }
        bytes.removeFirst(ByteOrderMark.leadingCount(in: bytes))
        while let last = bytes.last, last == 0x00 || last == 0x1A { bytes.removeLast() }
        if let offset = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F })
        {
            throw CryptoError(
                .invalidKey,
                "PEM input is not text: control byte \(ByteLiteral.hex(bytes[offset])) at offset \(offset) (binary key files are read as DER)"
            )
        }
        var documents: [PEMDocument] = []
        var currentLabel: String?
        var body: [UInt8] = []
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = trimmingTrailingWhitespace(rawLine)
            if isOneLineBlock(line) {
                // Line breaks lost (a key kept in an environment variable, say). The line holds the
                // key itself, so nothing of it goes into the message.
                throw CryptoError(
                    .invalidKey,
                    "a PEM block is on one line (its line breaks were lost); restore them, one Base64 line per line"
                )
            }
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
                } else if line.starts(with: "Proc-Type:".utf8) || line.starts(with: "DEK-Info:".utf8) {
                    throw CryptoError(
                        .unsupportedKey,
                        "encrypted (Proc-Type) PEM is not supported; decrypt it first, e.g. with `openssl pkey`"
                    )
                } else if line.contains(UInt8(ascii: ":")) {
                    throw CryptoError(.invalidKey, "PEM block \(label) has a header line; only Base64 lines are read")
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

    /// Longest label accepted (the longest in RFC 7468 is 28 characters). Labels go into error
    /// messages, so they are kept short as well as well-formed.
    static let maximumLabelLength = 64

    /// The label of a `-----BEGIN X-----` / `-----END X-----` line, or nil.
    ///
    /// RFC 7468 §3: `label = [ labelchar *( ["-" / SP] labelchar ) ]`, where `labelchar` is printable
    /// ASCII other than '-': no leading, trailing or doubled separators, so "-----" never occurs inside.
    private static func armourLabel(_ line: ArraySlice<UInt8>, prefix: String) -> String? {
        let head = Array(prefix.utf8)
        let tail = Array("-----".utf8)
        guard line.count > head.count + tail.count, line.starts(with: head), line.suffix(tail.count).elementsEqual(tail)
        else { return nil }
        let label = line.dropFirst(head.count).dropLast(tail.count)
        guard label.count <= maximumLabelLength else { return nil }
        var previousWasSeparator = true  // no separator first
        for byte in label {
            let isSeparator = byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ")
            guard isSeparator || (byte >= 0x21 && byte <= 0x7E) else { return nil }
            if isSeparator && previousWasSeparator { return nil }
            previousWasSeparator = isSeparator
        }
        guard !previousWasSeparator else { return nil }
        return String(decoding: label, as: UTF8.self)
    }

    /// A whole block on one line: a BEGIN marker followed, on the same line, by an END marker.
    private static func isOneLineBlock(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: "-----BEGIN ".utf8) else { return false }
        let end = Array("-----END ".utf8)
        let array = Array(line)
        guard array.count > end.count + 11 else { return false }
        for start in 11...(array.count - end.count) where array[start..<(start + end.count)].elementsEqual(end) {
            return true
        }
        return false
    }
}
