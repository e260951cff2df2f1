import Synchronization

/// Remembers one claims type that has no rules (is not ``JWTClaimsValidating``), per key collection,
/// so that verifying into it skips the run-time conformance test.
///
/// Whether a value of `Claims` has rules is a cast to `any JWTClaimsValidating`. Specialized for a
/// type of the caller's own module the compiler settles it, but for a type from another module (a
/// claims struct in a shared models module, or a library's) it cannot — a conformance may be added
/// in any module — so it asked the runtime on every token: about 850 instructions, 1 % of an
/// RS-2048 verification. The first claims type a collection finds without rules is kept (later
/// ones are tested each time, as before, rather than replacing it: two threads alternating types
/// would otherwise write the shared slot on every token).
///
/// A type's conformances do not change while a process runs, except by loading a library that adds
/// one later; a conformance added that way after a collection verified tokens into the type is not
/// seen by that collection.
@usableFromInline
final class JWTClaimsRulesMemo: Sendable {
    /// `ObjectIdentifier` bits of the remembered type; 0 while there is none (no type's metadata
    /// lies at address 0).
    private let typeWithoutRules = Atomic<UInt>(0)

    init() {}

    /// Whether `type` is the remembered type without rules.
    @usableFromInline
    func hasNoRules(_ type: ObjectIdentifier) -> Bool {
        typeWithoutRules.load(ordering: .relaxed) == UInt(bitPattern: type)
    }

    /// Remembers that `type` has no rules, unless another type is remembered already.
    @usableFromInline
    func rememberNoRules(_ type: ObjectIdentifier) {
        _ = typeWithoutRules.compareExchange(expected: 0, desired: UInt(bitPattern: type), ordering: .relaxed)
    }
}
