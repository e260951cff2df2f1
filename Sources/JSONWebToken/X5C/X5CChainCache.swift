internal import CryptoPrimitives
import Synchronization

/// Chains an ``X5CVerifier`` has validated, by their exact `x5c` text, with the leaf's key.
///
/// An issuer sends the same chain with every token (Apple's changes once a year or so), and
/// parsing it is most of an x5c verification: OpenSSL 3.0 builds a key decoder for each
/// certificate (about 1.5 M instructions apiece). A hit skips parsing, path validation and key
/// import, and is sound because nothing else decides the outcome: the trust store never changes,
/// validation depends on the time only through the certificates' validity periods, and a hit is
/// taken only strictly inside all of them (`notBefore < t < notAfter` for every certificate of
/// the path; a time on a boundary validates again). Rules that depend on the verifier's settings
/// (leaf usage, required extensions, algorithms, key policy) run on every token, hit or not.
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

    private let entries = ShardLock<[[String]: Entry]>([:])

    /// The entry for `x5c` if there is one and `time` lies strictly inside its validity.
    func lookup(_ x5c: [String], at time: Int64) -> Entry? {
        guard let entry = entries.withLock({ $0[x5c] }) else { return nil }
        return entry.validAfter < time && time < entry.validBefore ? entry : nil
    }

    func store(_ x5c: [String], path: [X509Certificate], key: CryptoKey) {
        let entry = Entry(
            path: path,
            key: key,
            validAfter: path.map(\.notBefore).max() ?? .max,
            validBefore: path.map(\.notAfter).min() ?? .min
        )
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[x5c] == nil { entries.removeAll(keepingCapacity: true) }
            entries[x5c] = entry
        }
    }
}
