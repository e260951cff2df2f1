internal import CryptoPrimitives
import Synchronization

/// Chains an ``X5CVerifier`` has validated, by their exact `x5c` text (byte for byte), with the leaf's key.
///
/// An issuer sends the same chain with every token (Apple's changes once a year or so), and
/// parsing it is most of an x5c verification: OpenSSL 3.0 builds a key decoder for each
/// certificate (about 1.5 M instructions apiece). A hit skips parsing, path validation and key
/// import. It is sound because the path kept was validated in full (signatures, constraints,
/// names, strength), none of which depends on the time, and a hit is taken only strictly inside
/// every certificate's validity (`notBefore < t < notAfter`), where that path is valid at `t` as
/// well; a time on a boundary validates again. (At another time OpenSSL might pick another of
/// several same-name issuers and build another path; the kept one is still a valid path at `t`.)
/// The trust store never changes, and the rules that depend on the verifier's settings (leaf
/// usage, required extensions, algorithms, key policy) run on every token, hit or not.
///
/// Only chains that validated are kept, so input that fails cannot fill the cache; at
/// ``capacity`` entries it is emptied before the next one goes in.
final class X5CChainCache: Sendable {
    struct Entry: Sendable {
        let path: [X509Certificate]
        let key: CryptoKey
        /// The latest `notBefore` of the path.
        let validAfter: Int64
        /// The earliest `notAfter` of the path.
        let validBefore: Int64
    }

    /// Distinct chains kept: a verifier sees one chain per signing certificate of its issuer.
    static let capacity = 16

    /// Keyed by the texts' UTF-8 bytes: `String` equality is Unicode canonical equivalence, under
    /// which a text with U+212A KELVIN SIGN (not Base64) equals one with "K".
    private let entries = ShardLock<[[[UInt8]]: Entry]>([:])

    private static func key(_ x5c: [String]) -> [[UInt8]] { x5c.map { Array($0.utf8) } }

    /// The entry for `x5c` if there is one and `time` lies strictly inside its validity.
    func lookup(_ x5c: [String], at time: Int64) -> Entry? {
        let key = Self.key(x5c)
        guard let entry = entries.withLock({ $0[key] }) else { return nil }
        return entry.validAfter < time && time < entry.validBefore ? entry : nil
    }

    func store(_ x5c: [String], path: [X509Certificate], key: CryptoKey) {
        let entry = Entry(
            path: path,
            key: key,
            validAfter: path.map(\.notBefore).max() ?? .max,
            validBefore: path.map(\.notAfter).min() ?? .min
        )
        let key = Self.key(x5c)
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}
