import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit bench`: how close end-to-end verification comes to the bare signature primitive.
///
/// For each algorithm it signs one token with a fresh key, then alternates 5 ms slices of the raw
/// primitive (on the token's signing input and signature) and of the full verification (token
/// string → validated typed claims), so drift of the machine's speed hits both alike. Reports
/// medians over the pairs of slices. Everything runs in this process, on a dedicated thread (not the main
/// actor), with no other JWT library involved.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure raw-primitive vs end-to-end verification throughput.",
        discussion: """
            Prints ops/s of the raw primitive, of full verification, and their ratio per algorithm \
            (default: EdDSA RS256 RS512 ES256 HS256). Ratios are medians over pairs of 5 ms slices \
            taken back to back, so drift of the machine hits both sides alike.
            """
    )

    @Option(name: .customLong("alg"), help: "Algorithm to measure (repeatable), e.g. EdDSA, RS256, ES256, HS256.")
    var algorithms: [String] = []

    @Option(help: "Measuring time per algorithm in seconds (0.05...600).")
    var seconds: Double = 2

    @Option(name: .customLong("rsa-bits"), help: "RSA modulus size for RS*/PS* (2048...8192).")
    var rsaBits: Int = 2048

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    static let defaultAlgorithms = ["EdDSA", "RS256", "RS512", "ES256", "HS256"]

    func validate() throws {
        guard seconds.isFinite, (0.05...600).contains(seconds) else {
            throw ValidationError("--seconds must be between 0.05 and 600")
        }
        guard (2048...8192).contains(rsaBits) else {
            throw ValidationError("--rsa-bits must be between 2048 and 8192")
        }
        for name in algorithms where !SignatureAlgorithm(rawValue: name).isSupported {
            throw ValidationError("unsupported algorithm \(name); supported: \(Self.supportedNames)")
        }
    }

    static var supportedNames: String { SignatureAlgorithm.supported.map(\.rawValue).joined(separator: ", ") }

    func run() throws {
        let names = algorithms.isEmpty ? Self.defaultAlgorithms : algorithms
        var results: [BenchResult] = []
        for name in names {
            let subject = try BenchSubject(algorithm: SignatureAlgorithm(rawValue: name), rsaBits: rsaBits)
            let result = BenchRunner.onDedicatedThread { BenchRunner.measure(subject, seconds: seconds) }
            if !json {
                StandardOutput.print(BenchResult.formatRow(result))
            }
            results.append(result)
        }
        if json {
            StandardOutput.print(BenchResult.json(results))
        }
    }
}

/// One algorithm's outcome (medians over the pairs of slices).
struct BenchResult: Sendable, Equatable {
    let algorithm: String
    let rawPerSecond: Double
    let verifyPerSecond: Double
    /// Median of the per-pair ratios verify / raw.
    let ratio: Double

    static func formatRow(_ result: BenchResult) -> String {
        let name = result.algorithm.padding(toLength: 8, withPad: " ", startingAt: 0)
        return String(
            format: "%@ raw %10.0f/s   verify %10.0f/s   ratio %.3f",
            name,
            result.rawPerSecond,
            result.verifyPerSecond,
            result.ratio
        )
    }

    /// `{"results":[{"alg":"EdDSA","raw_per_s":…,"verify_per_s":…,"ratio":…}, …]}`
    static func json(_ results: [BenchResult]) -> String {
        let items = results.map { result in
            JSONValue.object([
                "alg": .string(result.algorithm),
                "raw_per_s": number(result.rawPerSecond.rounded()),
                "verify_per_s": number(result.verifyPerSecond.rounded()),
                "ratio": number((result.ratio * 1000).rounded() / 1000),
            ])
        }
        return JSONValue.object(["results": .array(items)]).serializedString()
    }

    private static func number(_ value: Double) -> JSONValue {
        let text = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        return (try? JSONParser().parse(Array(text.utf8))) ?? .null
    }
}

/// A signed token for one algorithm, its key collection, and the bare primitive on its bytes.
struct BenchSubject: Sendable {
    struct Claims: Codable, Sendable {
        var sub: String
        var name: String
        var admin: Bool
        var iat: Double
        var exp: Double
    }

    let algorithm: SignatureAlgorithm
    let token: String
    let keys: JWTKeyCollection
    let signingInput: [UInt8]
    let signature: [UInt8]
    let raw: @Sendable (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Bool

    init(algorithm: SignatureAlgorithm, rsaBits: Int) throws {
        self.algorithm = algorithm
        let signingKey: CryptoKey
        switch algorithm.family {
        case .eddsa?:
            let key = Ed25519.PrivateKey()
            let publicKey = key.publicKey
            signingKey = CryptoKey(key)
            raw = { signature, message in publicKey.isValidSignature(signature, for: message) }
        case .rsaPKCS1v15?, .rsaPSS?:
            let key = try RSA.PrivateKey(keySize: rsaBits)
            let publicKey = key.publicKey
            let digest = algorithm.digest ?? .sha256
            let padding: RSA.Padding = algorithm.family == .rsaPSS ? .pss : .pkcs1v15
            signingKey = CryptoKey(key)
            raw = { signature, message in
                publicKey.isValidSignature(signature, for: message, digest: digest, padding: padding)
            }
        case .ecdsa?:
            let key = try ECDSA.PrivateKey(curve: algorithm.curve ?? .p256)
            let publicKey = key.publicKey
            signingKey = CryptoKey(key)
            raw = { signature, message in publicKey.isValidSignature(signature, for: message) }
        case .hmac?:
            let key = HMACKey(randomByteCount: algorithm.digest?.byteCount ?? 32)
            let digest = algorithm.digest ?? .sha256
            signingKey = CryptoKey(key)
            raw = { mac, message in key.isValidAuthenticationCode(mac, for: message, digest: digest) }
        case nil:
            throw CLIFailure("unsupported algorithm \(algorithm)")
        }
        let now = Date().timeIntervalSince1970.rounded(.down)
        let claims = Claims(sub: "1234567890", name: "John Doe", admin: true, iat: now, exp: now + 86_400)
        token = try JWTSigner.sign(claims, key: signingKey, algorithm: algorithm)
        var keys = JWTKeyCollection()
        try keys.add(signingKey.publicKey ?? signingKey, algorithms: [algorithm])
        self.keys = keys
        let dot = token.utf8.lastIndex(of: UInt8(ascii: "."))!
        signingInput = Array(token.utf8[..<dot])
        signature = try Base64URL.decode(utf8: token.utf8[token.utf8.index(after: dot)...])
        guard rawVerify() else {
            throw CLIFailure("\(algorithm): the raw primitive rejects the freshly signed benchmark token")
        }
        do {
            _ = try keys.verify(token, as: Claims.self)
        } catch {
            throw CLIFailure("\(algorithm): the freshly signed benchmark token does not verify: \(error)")
        }
    }

    @inline(__always)
    func rawVerify() -> Bool {
        signature.withUnsafeBytes { signature in signingInput.withUnsafeBytes { raw(signature, $0) } }
    }

    @inline(__always)
    func fullVerify() -> Bool {
        (try? keys.verify(token, as: Claims.self))?.claims.admin ?? false
    }
}

enum BenchRunner {
    /// How long one slice of one side runs. Short slices pair the two sides closely in time: on a
    /// shared machine the speed of the core drifts within tenths of a second, and a ratio of two
    /// slices taken milliseconds apart sees nearly the same drift on both sides.
    static let sliceSeconds = 0.005

    /// Pairs of fixed-count slices, raw and verify, order alternating; the ratio is the median of the
    /// per-pair ratios of rates and the rates are medians of the per-slice rates.
    static func measure(_ subject: BenchSubject, seconds: Double) -> BenchResult {
        // Calibrate each side (also the warm-up): operations per slice, at least one, so that both
        // slices of a pair last about `sliceSeconds`.
        let warmup = min(0.05, seconds / 4)
        let rawPerSlice = operations(inSlice: timeUntil(seconds: warmup) { subject.rawVerify() })
        let verifyPerSlice = operations(inSlice: timeUntil(seconds: warmup) { subject.fullVerify() })
        var raws: [Double] = []
        var verifies: [Double] = []
        var ratios: [Double] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .nanoseconds(Int64(seconds * 1e9)))
        var pair = 0
        repeat {
            let raw: Double
            let verify: Double
            if pair % 2 == 0 {
                raw = time(operations: rawPerSlice) { subject.rawVerify() }
                verify = time(operations: verifyPerSlice) { subject.fullVerify() }
            } else {
                verify = time(operations: verifyPerSlice) { subject.fullVerify() }
                raw = time(operations: rawPerSlice) { subject.rawVerify() }
            }
            guard raw > 0, verify > 0 else { break }
            let rawRate = Double(rawPerSlice) / raw
            let verifyRate = Double(verifyPerSlice) / verify
            raws.append(rawRate)
            verifies.append(verifyRate)
            ratios.append(verifyRate / rawRate)
            pair += 1
        } while clock.now < deadline || pair < 2
        return BenchResult(
            algorithm: subject.algorithm.rawValue,
            rawPerSecond: median(raws),
            verifyPerSecond: median(verifies),
            ratio: median(ratios)
        )
    }

    /// How many operations fill one slice at the rate a warm-up measured (at least one).
    static func operations(inSlice warmup: (operations: Int, seconds: Double)) -> Int {
        max(1, Int(Double(warmup.operations) / max(warmup.seconds, 1e-9) * sliceSeconds))
    }

    /// Seconds `body` takes for `operations` calls (0 if a call fails: the subject is broken).
    static func time(operations: Int, _ body: () -> Bool) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<operations {
            guard body() else { return 0 }
        }
        return (clock.now - start).seconds
    }

    /// Calls `body` until `seconds` have passed (checked every 8 calls): how many calls, how long.
    static func timeUntil(seconds: Double, _ body: () -> Bool) -> (operations: Int, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .nanoseconds(Int64(seconds * 1e9)))
        var operations = 0
        var now = start
        repeat {
            for _ in 0..<8 {
                guard body() else { return (operations, (now - start).seconds) }
            }
            operations += 8
            now = clock.now
        } while now < deadline
        return (operations, (now - start).seconds)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `body` on a fresh thread and waits: timing loops stay off the main thread/actor.
    static func onDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        done.wait()
        return box.value!
    }

    /// Handed from the worker thread to the waiting one; the semaphore orders the accesses.
    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
