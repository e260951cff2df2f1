import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

@Suite("verify: a key set the policy refuses entirely is a usage error")
struct RefusedKeySetTests {
    /// A 1024-bit RSA public key as a JWK Set, and an RS256 token it signed (kid "weak").
    static let weakSet =
        #"{"keys":[{"kty":"RSA","n":"m6lMLFY-4xEMLY287exKPsfa2VwGotCEL-ynmJR3EMnYZH3WAd3m-L7EMg4Kgeb6JpgDTS7WBIq44cJ4lmdfZDbBL6qdCU2U6GchWsiyEqNbe01YTMT3_LfCoPENg5Nxf-vj3jnWvf3MF0rd6SS6jSfUNA87FQVJnb9CpgNBZo0","e":"AQAB","kid":"weak"}]}"#
    static let weakToken =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IndlYWsifQ.eyJzdWIiOiJhIn0.FT7e0-flL55xoMp5BhdtNfYJf-6iEVsP0cERLlvkWjpMj__Kww6aSU-g_EDNu7vx2L_jUv61rjQIz4aOJAAoOB71DOltokDy3Wlp3eJTFlrVtz4gAwCHD2Dp4IforqDwokYfy_GbTS0DJKQe3xnE8GgeZ-Ea1vBUORm1ODjLN84"

    /// README: exit 2 for "a key file none of whose keys the key policy accepts", whatever its
    /// format; the key set used to load, leaving every token to fail with weak_key (exit 1).
    @Test("a JWK Set of refused keys is exit 2 through --key and --jwks, as a single JWK is")
    func keySetOfRefusedKeys() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = dir.appendingPathComponent("weak.jwks")
        try Data(Self.weakSet.utf8).write(to: set)
        let single = dir.appendingPathComponent("weak.jwk")
        let member = try #require(Self.weakSet.range(of: #"{"kty""#))
        try Data(String(Self.weakSet[member.lowerBound...].dropLast(2)).utf8).write(to: single)
        #expect(try CLI.run(["verify", "--key", single.path, Self.weakToken]).status == 2)
        #expect(try CLI.run(["verify", "--key", set.path, Self.weakToken]).status == 2)
        let viaJWKS = try CLI.run(["verify", "--jwks", set.path, Self.weakToken])
        #expect(viaJWKS.status == 2)
        #expect(viaJWKS.stderr.contains("weak_key"), "\(viaJWKS.stderr)")
        // Lowering the policy makes the same set verify the token.
        #expect(try CLI.run(["verify", "--jwks", set.path, "--min-rsa-bits", "1024", Self.weakToken]).status == 0)
    }
}
