public import Foundation

/// The `openssl` command-line tool: our second implementation for key and signature interop tests.
public enum OpenSSLTool {
    /// Whether `openssl` runs at all here (suites use it in `.enabled(if:)`).
    public static let isAvailable: Bool = (try? run(["version"]))?.status == 0

    public static let missingReason = "the openssl command-line tool is not on PATH; skipping interop tests"

    /// Runs `openssl arguments…`; the caller looks at the status.
    @discardableResult
    public static func run(
        _ arguments: [String],
        stdin: Data? = nil,
        in directory: URL? = nil
    ) throws
        -> ToolRunner.Output
    {
        try ToolRunner.run("openssl", arguments, stdin: stdin, in: directory)
    }

    /// Runs `openssl arguments…` and requires success; returns stdout, throws with stderr otherwise.
    @discardableResult
    public static func succeed(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> Data {
        try ToolRunner.succeed("openssl", arguments, stdin: stdin, in: directory)
    }

    /// Writes `NAME.pem` (a new P-256 private key) and `NAME.der` (a self-signed certificate for
    /// it, valid two days) into `directory`, and returns the certificate's DER.
    @discardableResult
    public static func selfSignedP256(named name: String, subject: String, in directory: URL) throws -> [UInt8] {
        try succeed(
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "\(name).pem"],
            in: directory
        )
        try succeed(
            [
                "req", "-new", "-x509", "-key", "\(name).pem", "-subj", subject, "-days", "2", "-outform", "DER",
                "-out", "\(name).der",
            ],
            in: directory
        )
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent("\(name).der")))
    }
}
