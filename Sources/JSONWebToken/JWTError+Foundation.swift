#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

// Without this, `error.localizedDescription` (what logging and UI code reaches for) says
// "The operation could not be completed. (JSONWebToken.JWTError error 1.)".
extension JWTError: LocalizedError {
    /// The code and the message, as ``description``.
    public var errorDescription: String? { description }
}
