#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where the verifier gets "now" from: seconds since the epoch as a `Double`.
///
/// Inject a fixed or test clock with ``fixed(_:)-(Double)`` or ``init(_:)``; the default reads the system
/// wall clock; with Foundation, ``fixed(_:)-(Date)`` takes a `Date`.
public struct JWTClock: Sendable {
    /// The caller's reading, or `nil` for the system clock: read directly, the default clock costs
    /// no closure call and no retain of a closure context per token.
    private let read: (@Sendable () -> Double)?

    /// A clock that calls `now` each time a token is validated.
    public init(_ now: @escaping @Sendable () -> Double) { self.read = now }

    private init(system: Void) { self.read = nil }

    /// Seconds since 1970-01-01T00:00:00Z.
    public func now() -> Double {
        if let read { return read() }
        return Self.systemNow()
    }

    /// The system wall clock (`CLOCK_REALTIME`).
    public static let system = JWTClock(system: ())

    private static func systemNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// A clock stopped at `seconds`.
    public static func fixed(_ seconds: Double) -> JWTClock { JWTClock { seconds } }
}
