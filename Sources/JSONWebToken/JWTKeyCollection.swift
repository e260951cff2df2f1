public import CryptoPrimitives
public import StrictJSON

/// The keys a service trusts, built once and then used to verify tokens from any thread.
///
/// A value type: verification is synchronous, lock-free and needs no `await`. Each key is stored
/// in its verification form (a private key contributes its public half), together with the
/// algorithms it may be used with and the outcome of the key policy for each of them, which is
/// computed once when the key is added.
///
/// Key selection never falls back to "some other key": a token whose `kid` matches no key is
/// rejected with `key_not_found` unless a key *without* a `kid` was added (such a key matches
/// any token).
///
/// The collection remembers up to four short, flat protected headers of tokens whose signature
/// verified, by their exact bytes, and does not decode or check such a header again: what is read
/// from a header follows from its bytes, whatever options a call passes. Remembered headers are
/// never replaced; changing the keys or options starts with none remembered.
public struct JWTKeyCollection: Sendable {
    /// One trusted key with what it may be used for. A class so that key selection, which looks
    /// at each candidate, retains one reference rather than copying four fields.
    final class Entry: Sendable {
        let key: CryptoKey
        let keyID: String?
        /// Algorithms the key allows by itself (its JWK `alg`, else its type's family).
        let algorithms: [SignatureAlgorithm]
        /// Parallel to `algorithms`: the policy verdict for that algorithm (nil = fine).
        let policyErrors: [CryptoError?]

        init(key: CryptoKey, keyID: String?, algorithms: [SignatureAlgorithm], policyErrors: [CryptoError?]) {
            self.key = key
            self.keyID = keyID
            self.algorithms = algorithms
            self.policyErrors = policyErrors
        }

        /// The key's check, on the key in place: `entry.key.isValidSignature(…)` from outside
        /// copied the key (an enum of key classes) through its value witness on every token.
        func isValidSignature(
            _ signature: UnsafeRawBufferPointer,
            for message: UnsafeRawBufferPointer,
            algorithm: SignatureAlgorithm
        ) throws(CryptoError) -> Bool {
            try key.isValidSignature(signature, for: message, algorithm: algorithm)
        }
    }

    /// A JWKS member that was left out, and why.
    public struct SkippedKey: Sendable, Hashable, CustomStringConvertible {
        /// Position in the `keys` array.
        public let index: Int
        /// Its `kid`, if it had a readable one.
        public let keyID: String?
        /// Why it was skipped (never key material).
        public let reason: String

        public var description: String {
            "keys[\(index)]\(keyID.map { " (kid \(PrintableText.quoted($0)))" } ?? ""): \(reason)"
        }
    }

    /// Everything a verification reads, behind one immutable reference. Verification copies the
    /// collection into closures more than once per token; with the policy, options and key list
    /// stored inline each copy retained a dozen references (measured ~750 instructions per token),
    /// now it retains one. Mutations build a new `State` (adding keys is rare; verifying is not).
    @usableFromInline
    final class State: Sendable {
        let keyPolicy: KeyPolicy
        @usableFromInline let options: JWTValidationOptions
        let entries: [Entry]
        /// Headers of verified tokens (valid under any options; see ``JWTHeaderMemos``).
        let headerMemos = JWTHeaderMemos()
        /// A claims type known to have no rules (see ``JWTClaimsRulesMemo``).
        @usableFromInline let rulesMemo = JWTClaimsRulesMemo()

        init(keyPolicy: KeyPolicy, options: JWTValidationOptions, entries: [Entry]) {
            self.keyPolicy = keyPolicy
            self.options = options
            self.entries = entries
        }
    }

    @usableFromInline var state: State

    /// The policy keys must meet; applied when a key is added.
    public var keyPolicy: KeyPolicy { state.keyPolicy }

    /// The checks ``verify(_:as:options:)`` applies when no options are passed. Options passed to a
    /// call replace these whole; derive them from this value to change one setting.
    public var options: JWTValidationOptions {
        get { state.options }
        set { state = State(keyPolicy: state.keyPolicy, options: newValue, entries: state.entries) }
    }

    /// The keys in insertion order.
    var entries: [Entry] { state.entries }

    /// An empty collection. Add keys with the `add` methods.
    public init(keyPolicy: KeyPolicy = .default, options: JWTValidationOptions = JWTValidationOptions()) {
        self.state = State(keyPolicy: keyPolicy, options: options, entries: [])
    }

    /// Appends entries, in place when this collection is the state's only owner.
    private mutating func append(_ added: [Entry]) {
        var list = state.entries
        let keyPolicy = state.keyPolicy
        let options = state.options
        // Dropping the old state first leaves `list` uniquely referenced when nothing else shared it.
        state = State(keyPolicy: keyPolicy, options: options, entries: [])
        list.append(contentsOf: added)
        state = State(keyPolicy: keyPolicy, options: options, entries: list)
    }

    /// Number of keys.
    public var count: Int { entries.count }

    /// Removes the keys whose `kid` `shouldBeRemoved` picks (`nil` for keys added without one).
    /// When any key is removed, the remembered headers are forgotten too. Returns how many keys
    /// were removed.
    ///
    /// Rotating a published key set is remove-then-add on a copy, so that a refused set leaves the
    /// keys in use untouched. Remove the old set's keys without a `kid` as well: such a key matches
    /// every token, whatever `kid` it names.
    ///
    /// ```swift
    /// var next = keys
    /// next.removeKeys { kid in kid.map(previousSetKIDs.contains) ?? true }
    /// try next.add(jwks: refreshedSet)
    /// keys = next
    /// ```
    @discardableResult
    public mutating func removeKeys<Failure: Error>(
        where shouldBeRemoved: (_ keyID: String?) throws(Failure) -> Bool
    ) throws(Failure) -> Int {
        var kept: [Entry] = []
        for entry in entries where try !shouldBeRemoved(entry.keyID) { kept.append(entry) }
        let removed = entries.count - kept.count
        if removed > 0 { state = State(keyPolicy: keyPolicy, options: options, entries: kept) }
        return removed
    }

    /// The `kid`s of the keys, in insertion order (`nil` for keys without one).
    public var keyIDs: [String?] { entries.map(\.keyID) }

    /// Adds a JWK. Its `alg` (if any) pins the key to that algorithm; `EdDSA` and `Ed25519`, two
    /// names of one check on an Ed25519 key (RFC 9864), each allow both.
    ///
    /// - Throws: `invalid_key_set` if the `kid` is already taken or the `alg` is unsupported or does
    ///   not fit the key type; `weak_key` if the key policy (or the JWK's `use`/`key_ops`) refuses
    ///   it for every algorithm it could verify, so that a misconfigured key fails where it is
    ///   configured rather than on every request.
    public mutating func add(_ jwk: JWK) throws(JWTError) {
        let entry = try makeEntry(jwk)
        try Self.requireUsable(entry)
        if let keyID = entry.keyID, entries.contains(where: { $0.keyID.isExactly(keyID) }) {
            throw Self.duplicateKeyID(keyID)
        }
        append([entry])
    }

    /// Adds a key. `algorithms` restricts it further than its type does (e.g. RSA to `[.rs256]`).
    ///
    /// - Throws: `invalid_key_set` for an empty or unfitting `algorithms` list or a `kid` already
    ///   taken; `weak_key` if the key policy refuses the key for every algorithm it could verify
    ///   (an HMAC secret shorter than every hash, or than `KeyPolicy.minimumHMACKeyBytes` when set;
    ///   an RSA key under `KeyPolicy.minimumRSABits`).
    ///   A key refused for some algorithms only (a 40-byte secret is too short for HS384 and
    ///   HS512) is added, and tokens with those algorithms get `weak_key`.
    public mutating func add(
        _ key: CryptoKey,
        keyID: String? = nil,
        algorithms: [SignatureAlgorithm]? = nil
    ) throws(JWTError) {
        if let algorithms {
            guard !algorithms.isEmpty else {
                throw JWTError(.invalidKeySet, "an empty algorithm list makes the key unusable")
            }
            let compatible = key.compatibleAlgorithms
            for algorithm in algorithms where !compatible.contains(algorithm) {
                throw JWTError(
                    .invalidKeySet,
                    "algorithm \(algorithm) cannot be used with a key of type \(key.keyType)"
                )
            }
        }
        let verificationKey = key.publicKey ?? key
        let allowed = algorithms ?? verificationKey.compatibleAlgorithms
        let entry = Entry(
            key: verificationKey,
            keyID: keyID,
            algorithms: allowed,
            policyErrors: Self.policyErrors(verificationKey, allowed, keyPolicy, permit: nil)
        )
        try Self.requireUsable(entry)
        if let keyID, entries.contains(where: { $0.keyID.isExactly(keyID) }) {
            throw Self.duplicateKeyID(keyID)
        }
        append([entry])
    }

    /// Adds the keys of a JWK Set (RFC 7517 §5) given as JSON text.
    ///
    /// Members of an unknown `kty`, naming an unsupported `alg`, or that cannot be read are skipped
    /// and returned. The whole set is refused (nothing is added) if two members that are not
    /// skipped share a `kid` (a skipped member selects nothing, and RFC 7517 §4.5 lets keys of
    /// different types share one), a `kid` is already in the collection, secret (`oct`) keys are
    /// mixed with public keys within the set (an `oct` member counts even when skipped, say for a
    /// JWE `alg`), a member other than `oct` carries private key material (`d`, `p`, `q`, `dp`,
    /// `dq`, `qi` or `oth`, whether or not the member is otherwise readable), or no usable member
    /// is left. The mixing rule is per set: a collection may still hold a locally configured HMAC
    /// secret beside a published set. Members the key policy (or their `use`/`key_ops`) refuses for every
    /// algorithm are kept, so that tokens naming them get `weak_key`, unless every member is such
    /// a key: then the set is refused with `weak_key`, as ``add(_:keyID:algorithms:)`` refuses one.
    /// One exception: a member whose `use`/`key_ops` forbid verification (an encryption key) and
    /// whose `kid` a member that may verify shares is skipped, not a duplicate (RFC 7517 §4.5;
    /// Keycloak names both keys of one key pair alike).
    ///
    /// Limits: at most `KeyImporter.maximumInputBytes` (1 MiB) of JSON and
    /// `KeyImporter.maximumKeySetMembers` (256) members.
    ///
    /// - Returns: the skipped members.
    @discardableResult
    public mutating func add(jwks json: some Collection<UInt8>) throws(JWTError) -> [SkippedKey] {
        guard json.count <= KeyImporter.maximumInputBytes else {
            throw JWTError(.invalidKeySet, "the key set is larger than \(KeyImporter.maximumInputBytes) bytes")
        }
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: KeyImporter.maximumJSONDepth)).parse(json)
        } catch {
            throw JWTError(.invalidKeySet, "the key set is not strict JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw JWTError(.invalidKeySet, "a key set must be a JSON object with a \"keys\" array")
        }
        return try add(jwks: object)
    }

    /// Adds the keys of a JWK Set given as text, as an HTTP client or a configuration file
    /// delivers it; same rules and limits as ``add(jwks:)-(Collection<UInt8>)``, on its UTF-8 bytes.
    ///
    /// ```swift
    /// let skipped = try keys.add(jwks: String(decoding: body, as: UTF8.self))
    /// ```
    ///
    /// - Returns: the skipped members.
    @discardableResult
    public mutating func add(jwks json: some StringProtocol) throws(JWTError) -> [SkippedKey] {
        try add(jwks: json.utf8)
    }

    /// JWK members that only a private key has (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
    static let privateMemberNames = ["d", "p", "q", "dp", "dq", "qi", "oth"]

    /// Adds the keys of a parsed JWK Set; same rules as ``add(jwks:)-(Collection<UInt8>)``.
    @discardableResult
    public mutating func add(jwks object: JSONObject) throws(JWTError) -> [SkippedKey] {
        guard case .array(let members)? = object["keys"] else {
            throw JWTError(.invalidKeySet, "a key set must be a JSON object with a \"keys\" array")
        }
        guard members.count <= KeyImporter.maximumKeySetMembers else {
            throw JWTError(.invalidKeySet, "the key set has more than \(KeyImporter.maximumKeySetMembers) members")
        }
        // Private material is looked for by name before any member is parsed: a leaked key must
        // refuse the set even when it is malformed, and parsing a private key is the costly part.
        for (index, member) in members.enumerated() {
            guard case .object(let memberObject) = member, memberObject["kty"] != .string("oct") else { continue }
            if let name = Self.privateMemberNames.first(where: { memberObject[$0] != nil }) {
                throw JWTError(
                    .invalidKeySet,
                    "keys[\(index)] carries private key material (\"\(name)\"); a published key set must hold public keys only"
                )
            }
        }
        var skipped: [SkippedKey] = []
        var fresh: [Entry] = []
        var freshIndices: [Int] = []
        // Why each fresh member's `use`/`key_ops` forbid verifying signatures (nil: they do not).
        var freshNotForVerifying: [String?] = []
        // Counted before any member is skipped: a secret published beside public keys is a leak
        // whether or not this library can use it (a JWE key-wrapping `oct` key, say).
        var secretMembers = 0
        for (index, member) in members.enumerated() {
            guard case .object(let memberObject) = member else {
                skipped.append(SkippedKey(index: index, keyID: nil, reason: "not a JSON object"))
                continue
            }
            var keyID: String?
            if case .string(let kid)? = memberObject["kid"] { keyID = kid }
            guard case .string(let kty)? = memberObject["kty"] else {
                skipped.append(SkippedKey(index: index, keyID: keyID, reason: "missing or non-string kty"))
                continue
            }
            guard ["RSA", "EC", "OKP", "oct"].contains(kty) else {
                skipped.append(
                    SkippedKey(index: index, keyID: keyID, reason: "unknown key type \(PrintableText.quoted(kty))")
                )
                continue
            }
            if kty == "oct" { secretMembers += 1 }
            if let alg = memberObject["alg"] {
                guard case .string(let name) = alg, SignatureAlgorithm(rawValue: name).isSupported else {
                    let reason = Self.unsupportedAlgorithmReason(alg, memberObject)
                    skipped.append(SkippedKey(index: index, keyID: keyID, reason: reason))
                    continue
                }
            }
            let jwk: JWK
            do {
                jwk = try JWK(jsonObject: memberObject)
            } catch {
                skipped.append(SkippedKey(index: index, keyID: keyID, reason: "\(error.code): \(error.reason)"))
                continue
            }
            // A published key set must never carry private keys: someone leaked them.
            if jwk.key.isPrivate && !jwk.key.isSymmetric {
                throw JWTError(
                    .invalidKeySet,
                    "keys[\(index)] carries a private key; a published key set must hold public keys only"
                )
            }
            var refusal: String?
            do { try jwk.checkPermitsVerification() } catch { refusal = error.reason }
            do {
                fresh.append(try makeEntry(jwk))
                freshIndices.append(index)
                freshNotForVerifying.append(refusal)
            } catch {
                skipped.append(SkippedKey(index: index, keyID: keyID, reason: error.message))
            }
        }
        guard !fresh.isEmpty else {
            throw JWTError(.invalidKeySet, "the key set has no usable key: \(Self.listed(skipped))")
        }
        let publicKeys = fresh.filter { !$0.key.isSymmetric }.count
        if secretMembers > 0 && publicKeys > 0 {
            throw JWTError(.invalidKeySet, "the key set mixes secret (oct) keys with public keys")
        }
        // After the mixing rule: a published secret refuses the set even as an encryption twin.
        Self.skipEncryptionTwins(&fresh, &freshIndices, notForVerifying: freshNotForVerifying, into: &skipped)
        // kids compare byte for byte (RFC 7515 §4.1.4), not by Unicode equivalence.
        var seen = Set(entries.compactMap { $0.keyID.map { Array($0.utf8) } })
        for entry in fresh {
            guard let keyID = entry.keyID else { continue }
            guard seen.insert(Array(keyID.utf8)).inserted else {
                throw Self.duplicateKeyID(keyID)
            }
        }
        // Checked after the set's structure (a duplicate kid is invalid_key_set whatever the keys).
        // Weak members stay (tokens naming them get `weak_key`), but a set of nothing else could
        // verify no token at all: that is a configuration error to report now, as `add` does for one key.
        if !fresh.contains(where: { $0.policyErrors.contains { $0 == nil } }) {
            // Every member's reason, as a set can be refused for several (a short RSA key and an
            // encryption-only key): fixing the first alone would only bring up the next.
            let refused = zip(freshIndices, fresh).map { index, entry in
                SkippedKey(
                    index: index,
                    keyID: entry.keyID,
                    reason: (entry.policyErrors.first ?? nil)?.reason ?? "no algorithm allowed"
                )
            }
            throw JWTError(.weakKey, "no key of the key set can verify any algorithm: \(Self.listed(refused))")
        }
        append(fresh)
        return skipped
    }

    private func makeEntry(_ jwk: JWK) throws(JWTError) -> Entry {
        let verificationKey = jwk.key.publicKey ?? jwk.key
        let allowed: [SignatureAlgorithm]
        if let pinned = jwk.algorithm {
            guard pinned.isSupported else {
                throw JWTError(.invalidKeySet, "key alg \(PrintableText.quoted(pinned.rawValue)) is not supported")
            }
            guard verificationKey.compatibleAlgorithms.contains(pinned) else {
                throw JWTError(.invalidKeySet, "key alg \(pinned) cannot be used with a key of type \(jwk.key.keyType)")
            }
            allowed = jwk.pinnedAlgorithms ?? [pinned]
        } else {
            allowed = verificationKey.compatibleAlgorithms
        }
        var permit: CryptoError?
        do { try jwk.checkPermitsVerification() } catch { permit = error }
        return Entry(
            key: verificationKey,
            keyID: jwk.keyID,
            algorithms: allowed,
            policyErrors: Self.policyErrors(verificationKey, allowed, keyPolicy, permit: permit)
        )
    }

    /// Refuses a key that could verify nothing. Key-set members are exempt: a published set's weak
    /// member stays, so tokens naming its `kid` get `weak_key` rather than `key_not_found`.
    private static func requireUsable(_ entry: Entry) throws(JWTError) {
        guard let error = entry.policyErrors.first ?? nil, !entry.policyErrors.contains(where: { $0 == nil }) else {
            return
        }
        throw JWTError(.weakKey, "the key cannot verify any algorithm: \(error.reason)")
    }

    private static func policyErrors(
        _ key: CryptoKey,
        _ algorithms: [SignatureAlgorithm],
        _ policy: KeyPolicy,
        permit: CryptoError?
    ) -> [CryptoError?] {
        algorithms.map { (algorithm) -> CryptoError? in
            if let permit { return permit }
            do throws(CryptoError) {
                try key.checkPolicy(policy, for: algorithm)
                return nil
            } catch {
                return error
            }
        }
    }

    /// Moves to `skipped` each member whose `use` or `key_ops` forbid verifying signatures and whose
    /// `kid` a member that may verify also carries: RFC 7517 §4.5 lets an encryption key share its
    /// signing twin's `kid` (Keycloak names a key by its public key, so one key pair behind both a
    /// signing and an encryption provider gets one `kid`). Such a member can verify no token, so
    /// the `kid` stays unambiguous; kept, it would refuse the whole set as a duplicate.
    private static func skipEncryptionTwins(
        _ fresh: inout [Entry],
        _ indices: inout [Int],
        notForVerifying: [String?],
        into skipped: inout [SkippedKey]
    ) {
        guard notForVerifying.contains(where: { $0 != nil }) else { return }
        let verifyingIDs = Set(
            zip(fresh, notForVerifying).compactMap { entry, refusal in
                refusal == nil ? entry.keyID.map { Array($0.utf8) } : nil
            }
        )
        var keptEntries: [Entry] = []
        var keptIndices: [Int] = []
        for (position, entry) in fresh.enumerated() {
            if let refusal = notForVerifying[position], let keyID = entry.keyID,
                verifyingIDs.contains(Array(keyID.utf8))
            {
                let reason = "\(refusal); a signing member shares its kid"
                skipped.append(SkippedKey(index: indices[position], keyID: keyID, reason: reason))
            } else {
                keptEntries.append(entry)
                keptIndices.append(indices[position])
            }
        }
        guard keptEntries.count < fresh.count else { return }
        skipped.sort { $0.index < $1.index }
        fresh = keptEntries
        indices = keptIndices
    }

    /// Why a key-set member whose `alg` names no supported signature algorithm is skipped: the `alg`
    /// itself, and whether the member is an encryption key (`use: "enc"` or a JWE key-management
    /// algorithm of RFC 7518 §4.1), as identity providers publish beside their signing keys.
    static func unsupportedAlgorithmReason(_ alg: JSONValue, _ member: JSONObject) -> String {
        guard case .string(let name) = alg else { return "alg is not a string" }
        let jweNames = ["RSA1_5", "dir"]
        let jwePrefixes = ["RSA-OAEP", "ECDH-ES", "PBES2-"]
        let isKeyWrap = name.hasPrefix("A") && name.hasSuffix("KW")
        let isEncryption =
            member["use"] == .string("enc") || jweNames.contains(name)
            || jwePrefixes.contains(where: name.hasPrefix) || isKeyWrap
        let reason = "alg \(PrintableText.quoted(name)) is not a supported signature algorithm"
        return isEncryption ? reason + "; the member is an encryption (JWE) key, not a signing key" : reason
    }

    /// Members and their reasons for a refused key set's message: the first few, then how many more.
    private static func listed(_ members: [SkippedKey]) -> String {
        let shown = 4
        let text = members.prefix(shown).map(\.description).joined(separator: "; ")
        guard members.count > shown else { return members.isEmpty ? "the set is empty" : text }
        return text + "; and \(members.count - shown) more"
    }

    /// The error for a `kid` that a collection or key set would hold twice.
    static func duplicateKeyID(_ keyID: String) -> JWTError {
        JWTError(.invalidKeySet, "duplicate kid \(PrintableText.quoted(keyID)): key selection would be ambiguous")
    }
}
