/// The address inside a URL's brackets (`https://[2001:db8::1]/`), checked against RFC 3986
/// §3.2.2's `IPv6address` grammar: eight groups of one to four hex digits, at most one `::`
/// standing for one or more zero groups, and optionally the last two groups written as a
/// dotted-decimal IPv4 address. IPvFuture (`v1.x`) and zones (`%25eth0`, RFC 6874) are not
/// addresses here: a key set's URL names a server anyone can reach.
enum IPv6Literal {
    static func isAddress(_ text: some Collection<UInt8>) -> Bool {
        let bytes = Array(text)
        let colon = UInt8(ascii: ":")
        guard let gap = (0..<max(bytes.count - 1, 0)).first(where: { bytes[$0] == colon && bytes[$0 + 1] == colon })
        else {
            return groupCount(bytes[...], mayEndInIPv4: true) == 8
        }
        let head = bytes[..<gap]
        let tail = bytes[(gap + 2)...]
        // A second `::` leaves an empty group in the tail, which groupCount refuses.
        guard let before = groupCount(head, mayEndInIPv4: false),
            let after = groupCount(tail, mayEndInIPv4: true)
        else { return false }
        return before + after <= 7
    }

    /// How many 16-bit groups `part` (groups separated by single colons) holds, an IPv4 address
    /// counting two; `nil` if it is not such a list. Empty is zero groups.
    private static func groupCount(_ part: ArraySlice<UInt8>, mayEndInIPv4: Bool) -> Int? {
        guard !part.isEmpty else { return 0 }
        let groups = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var count = 0
        for (index, group) in groups.enumerated() {
            if mayEndInIPv4, index == groups.count - 1, group.contains(UInt8(ascii: ".")) {
                guard isIPv4Address(group) else { return nil }
                count += 2
            } else {
                guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return nil }
                count += 1
            }
        }
        return count
    }

    /// Four decimal octets, 0 to 255, without leading zeros (RFC 3986's `dec-octet`).
    private static func isIPv4Address(_ text: ArraySlice<UInt8>) -> Bool {
        let octets = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { octet in
                guard (1...3).contains(octet.count), octet.allSatisfy({ (0x30...0x39).contains($0) }),
                    octet.count == 1 || octet.first != UInt8(ascii: "0")
                else { return false }
                return octet.reduce(0) { $0 * 10 + Int($1 - 0x30) } <= 255
            }
    }

    /// `0`–`9`, `A`–`F`, `a`–`f` (also what a URL's `%` escapes take).
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
