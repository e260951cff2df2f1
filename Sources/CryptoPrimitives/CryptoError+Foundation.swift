#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

// Without this, `error.localizedDescription` (what logging and UI code reaches for) names only the
// type and a number, not the code and reason.
extension CryptoError: LocalizedError {
    /// The code and the reason, as `description`.
    public var errorDescription: String? { description }
}
