public import Foundation

/// joserfc (Python), a second JOSE implementation, for cross-checking RFC 7638 thumbprints and
/// tokens when `python3` with joserfc is installed.
public enum Joserfc {
    /// Whether `python3` has a joserfc that can serve as the reference: one that knows RFC 9864's
    /// `Ed25519` algorithm name and writes P-521 coordinates at RFC 7518's 66 bytes. Debian 13's
    /// python3-joserfc (1.1.0) imports but does neither, so an import check alone turned its gaps
    /// into failures of ours; such a version counts as absent and the cross-checks are skipped.
    public static let isAvailable: Bool = (try? ToolRunner.run("python3", ["-c", capabilityScript]))?.status == 0

    /// Exits 0 only for a joserfc with both capabilities. Eight fresh P-521 keys, so that a version
    /// writing minimal-length coordinates is caught too, not only one writing 65 bytes always.
    static let capabilityScript = """
        import base64
        from joserfc.jws import JWSRegistry
        from joserfc.jwk import ECKey
        def decode(text): return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        capable = "Ed25519" in JWSRegistry.algorithms and all(
            len(decode(ECKey.generate_key("P-521").as_dict()["x"])) == 66 for _ in range(8))
        raise SystemExit(0 if capable else 1)
        """

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
