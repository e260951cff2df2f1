/// Exact comparison of claim and header values.
///
/// RFC 7519 §2/§4.1 and RFC 7515 compare `iss`, `aud`, `kid` and friends as exact code-point
/// sequences. Swift's `==` on `String` uses canonical equivalence, so "cafe\u{301}" would equal
/// "café" and a look-alike issuer could pass an issuer check; these helpers compare UTF-8 bytes.
extension String {
    @inline(__always)
    func isExactly(_ other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }
}

extension Optional where Wrapped == String {
    @inline(__always)
    func isExactly(_ other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): true
        case (let a?, let b?): a.isExactly(b)
        default: false
        }
    }
}

extension Sequence where Element == String {
    /// Whether some element is exactly `value` (byte for byte).
    @inline(__always)
    func containsExactly(_ value: String) -> Bool {
        contains { $0.isExactly(value) }
    }
}
