import VerifyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point. `VERIFYKIT_FUZZ_TARGET` picks what the bytes are fed to (see
/// ``FuzzTarget``). A crash, trap, sanitizer report, hang or broken property is a finding;
/// typed errors are the expected answer to bad input and are ignored.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    FuzzTarget.selected.run(bytes)
    return 0
}

/// The readers of untrusted input, one per fuzzing run.
enum FuzzTarget: String, CaseIterable {
    /// Raw bytes as a compact token, against keys of every family, through every entry point.
    case token
    /// Bytes split at the first NUL into a header and a payload, HMAC-signed, then verified: the
    /// signature passes, so header rules, claims checks and decoding see arbitrary JSON.
    case signed
    /// Strict JSON: parse, decode, serialize, and parse again to the same value.
    case json
    /// Key import: PEM, DER, JWK, JWKS, hex (auto-detected), a JWKS into a key collection, and
    /// OpenID discovery documents.
    case keys
    /// Hex, Base64 and Base64URL: strict decoders accept only what their encoder writes.
    case codecs
    /// The request-signing inputs: Bank Frick signature headers, FIB keys, signatures, tokens.
    case requests
    /// X.509 certificates, chain validation and `X5CVerifier` (bytes split at NUL into a chain).
    case certificates

    static let selected: FuzzTarget = {
        guard let name = getenv("VERIFYKIT_FUZZ_TARGET").map({ String(cString: $0) }) else { return .token }
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("unknown VERIFYKIT_FUZZ_TARGET \(name); known: \(allCases.map(\.rawValue))")
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .token: TokenFuzzing.run(bytes)
        case .signed: TokenFuzzing.runSigned(bytes)
        case .json: JSONFuzzing.run(bytes)
        case .keys: KeyFuzzing.run(bytes)
        case .codecs: CodecFuzzing.run(bytes)
        case .requests: RequestFuzzing.run(bytes)
        case .certificates: CertificateFuzzing.run(bytes)
        }
    }
}

/// A broken property: crash so libFuzzer saves the input.
func violated(_ property: String) -> Never {
    fatalError("property violated: \(property)")
}
