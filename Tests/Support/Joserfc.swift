public import Foundation

/// joserfc (Python), a second JOSE implementation, for cross-checking RFC 7638 thumbprints and
/// tokens when `python3` with joserfc is installed.
public enum Joserfc {
    public static let isAvailable: Bool = (try? ToolRunner.run("python3", ["-c", "import joserfc"]))?.status == 0

    /// Reads a PEM key on stdin and prints its thumbprint, trying each key type in turn.
    static let thumbprintScript = """
        import sys
        from joserfc.jwk import JWKRegistry
        data = sys.stdin.buffer.read()
        for kty in ("RSA", "EC", "OKP"):
            try:
                print(JWKRegistry.import_key(data, kty).thumbprint()); break
            except Exception:
                continue
        """

    /// joserfc's RFC 7638 thumbprint of a PEM key (empty when joserfc could not read it).
    public static func thumbprint(ofPEM pem: Data) throws -> String {
        let output = try ToolRunner.run("python3", ["-c", thumbprintScript], stdin: pem)
        return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
