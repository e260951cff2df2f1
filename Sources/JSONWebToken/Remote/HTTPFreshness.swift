/// A response's freshness lifetime from its `Cache-Control` and `Age` values, by RFC 9111 for a
/// private cache: the rules ``RemoteJWKSetResponse`` documents. Bounds are the configuration's.
package enum HTTPFreshness {
    /// What a delta-seconds value too large to represent counts as (RFC 9111 §1.2.2).
    package static let saturation: Int64 = 2_147_483_648

    /// Seconds the response may be used from now: `max-age` less `Age` (at least 0), 0 for
    /// `no-store`, `no-cache`, an invalid or repeated `max-age`; `nil` when the headers say nothing
    /// (no `max-age`, `no-store` or `no-cache`), so the configured age applies.
    package static func lifetime(cacheControl: String?, age: String?) -> Int64? {
        guard let cacheControl else { return nil }
        let directives = Directives(cacheControl)
        if directives.noStore || directives.noCache { return 0 }
        switch directives.maxAge {
        case .absent: return nil
        case .invalid: return 0
        case .seconds(let maxAge): return max(0, maxAge - (age.flatMap(Self.age) ?? 0))
        }
    }

    /// An `Age` value: its first list member as delta-seconds, or `nil` if that is not one
    /// (RFC 9111 §5.1: use the first member of a list, ignore an invalid value).
    package static func age(_ value: String) -> Int64? {
        let first = value.utf8.split(separator: Byte.comma, maxSplits: 1, omittingEmptySubsequences: false).first
        return first.flatMap { deltaSeconds(trimmed($0)) }
    }

    /// `1*DIGIT` as a number, saturating at ``saturation`` (so any length is read without
    /// overflow); `nil` for anything else, the empty string included.
    package static func deltaSeconds(_ digits: some Collection<UInt8>) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard Byte.isDigit(byte) else { return nil }
            // value ≤ 2³¹ before, so value × 10 + 9 fits in 64 bits on every platform.
            value = min(value * 10 + Int64(byte - Byte.zero), saturation)
        }
        return value
    }

    private static func trimmed(_ bytes: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
        var bytes = bytes
        while let first = bytes.first, Byte.isWhitespace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, Byte.isWhitespace(last) { bytes = bytes.dropLast() }
        return bytes
    }

    /// The directives of a `Cache-Control` value that decide freshness here.
    package struct Directives: Equatable {
        package enum MaxAge: Equatable {
            case absent
            case seconds(Int64)
            /// Not delta-seconds, or given more than once.
            case invalid
        }

        package var maxAge = MaxAge.absent
        package var noStore = false
        package var noCache = false

        /// Reads `value` as `#cache-directive`, `cache-directive = token [ "=" ( token /
        /// quoted-string ) ]`, with empty list members and whitespace around commas allowed. A
        /// member that breaks the grammar is skipped to the next comma outside a quoted string; if
        /// it is a `max-age`, that `max-age` is invalid.
        package init(_ value: String) {
            let bytes = Array(value.utf8)
            var index = 0
            while index < bytes.count {
                if bytes[index] == Byte.comma || Byte.isWhitespace(bytes[index]) {
                    index += 1
                    continue
                }
                let nameStart = index
                while index < bytes.count, Byte.isTokenCharacter(bytes[index]) { index += 1 }
                let name = bytes[nameStart..<index]
                var wellFormed = !name.isEmpty
                var argument: [UInt8]?
                if index < bytes.count, bytes[index] == Byte.equals {
                    index += 1
                    if index < bytes.count, bytes[index] == Byte.quote {
                        let (content, closed) = Self.quotedString(bytes, at: &index)
                        argument = content
                        wellFormed = wellFormed && closed
                    } else {
                        let start = index
                        while index < bytes.count, Byte.isTokenCharacter(bytes[index]) { index += 1 }
                        argument = Array(bytes[start..<index])
                    }
                }
                while index < bytes.count, Byte.isWhitespace(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] != Byte.comma {
                    wellFormed = false
                    Self.skipMember(bytes, at: &index)
                }
                record(name: name, argument: argument, wellFormed: wellFormed)
            }
        }

        private mutating func record(name: ArraySlice<UInt8>, argument: [UInt8]?, wellFormed: Bool) {
            if Self.equalsIgnoringCase(name, "max-age") {
                // A second max-age makes the response stale (RFC 9111 §4.2.1), whatever the values.
                guard maxAge == .absent, wellFormed, let argument, let seconds = deltaSeconds(argument) else {
                    maxAge = .invalid
                    return
                }
                maxAge = .seconds(seconds)
            } else if Self.equalsIgnoringCase(name, "no-store") {
                noStore = true
            } else if Self.equalsIgnoringCase(name, "no-cache") {
                // With field names too: the shorter life is the conservative reading.
                noCache = true
            }
        }

        /// Reads a quoted string starting at `index` (its opening quote), undoing quoted pairs;
        /// leaves `index` after the closing quote. `closed` is false when the value ended first.
        private static func quotedString(_ bytes: [UInt8], at index: inout Int) -> (content: [UInt8], closed: Bool) {
            var content: [UInt8] = []
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == Byte.quote { return (content, true) }
                if byte == Byte.backslash {
                    guard index < bytes.count else { break }
                    content.append(bytes[index])
                    index += 1
                } else {
                    content.append(byte)
                }
            }
            return (content, false)
        }

        /// Moves `index` to the next comma that is not inside a quoted string, or to the end.
        private static func skipMember(_ bytes: [UInt8], at index: inout Int) {
            while index < bytes.count, bytes[index] != Byte.comma {
                if bytes[index] == Byte.quote {
                    _ = quotedString(bytes, at: &index)
                } else {
                    index += 1
                }
            }
        }

        private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
            guard bytes.count == name.utf8CodeUnitCount else { return false }
            return name.withUTF8Buffer { expected in
                zip(bytes, expected).allSatisfy { Byte.lowercased($0) == $1 }
            }
        }
    }

    private enum Byte {
        static let comma = UInt8(ascii: ",")
        static let equals = UInt8(ascii: "=")
        static let quote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let zero = UInt8(ascii: "0")

        static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= UInt8(ascii: "9") }

        /// OWS: space and horizontal tab.
        static func isWhitespace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

        static func lowercased(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }

        /// RFC 9110 §5.6.2 `tchar`.
        static func isTokenCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), zero...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }
}
