/// Header mutations: every one re-signs, so both verifiers see a validly signed token and the
/// answer depends on their header rules alone (unless the signature source is changed on purpose).
extension Catalogue {
    static func header(_ context: AlgorithmContext) -> [Mutation] {
        let alg = context.alg
        var mutations: [Mutation] = []
        func set(_ name: String, _ value: String, _ label: String? = nil) {
            mutations.append(Mutation(label ?? "header \(name)=\(value)") { $0.setHeader(name, value) })
        }

        // alg: spellings, near misses, other algorithms, other JSON types, absence.
        let escapedFirst = "\"\\u00\(String(alg.unicodeScalars.first!.value, radix: 16))\(alg.dropFirst())\""
        for value in [
            alg.lowercased(), alg.uppercased(), "none", "None", "NONE", "", " \(alg)", "\(alg) ", "\(alg)\u{0}",
            "\(alg)\u{200B}",
        ] where value != alg {
            set("alg", JSONText.string(value))
        }
        set("alg", escapedFirst, "header alg with a \\u escape (same value)")
        let others: [String]
        switch context.family {
        case .eddsa: others = ["Ed25519", "Ed448", "ES256", "HS256", "RS256"]
        case .rsa: others = ["RS256", "RS384", "RS512", "PS256", "PS512", "HS256", "ES256"]
        case .ecdsa: others = ["ES384", "ES512", "ES256K", "HS256", "EdDSA"]
        case .hmac: others = ["HS384", "HS512", "RS256", "EdDSA"]
        }
        for other in others where other != alg {
            set("alg", JSONText.string(other), "header alg=\(other) (signed as \(alg))")
        }
        for value in ["null", "1", "true", "[\(JSONText.string(alg))]", "{\"alg\":\(JSONText.string(alg))}"] {
            set("alg", value)
        }
        mutations.append(Mutation("header without alg") { $0.removeHeader("alg") })
        mutations.append(
            Mutation("header alg=none, empty signature") {
                $0.setHeader("alg", "\"none\"")
                $0.signatureSource = .empty
            }
        )
        mutations.append(
            Mutation("header alg=none, signature of the original token") {
                $0.setHeader("alg", "\"none\"")
                $0.signatureSource = .original
            }
        )
        for form in context.publicKeyForms {
            mutations.append(
                Mutation("header alg=HS256 signed with the public key (\(form.name)) as HMAC secret") {
                    $0.setHeader("alg", "\"HS256\"")
                    $0.signatureSource = .hmacSHA256(secret: form.bytes)
                }
            )
        }

        // kid
        mutations.append(Mutation("header without kid") { $0.removeHeader("kid") })
        for value in [
            "\"k2\"", "\"\"", "\"K1\"", "\"k1 \"", "\" k1\"", "\"k1\\u0000\"", "1", "null", "[\"k1\"]",
            "{\"k\":\"k1\"}",
        ] {
            set("kid", value)
        }
        set("kid", "\"\\u006b1\"", "header kid with a \\u escape (same value)")
        set("kid", JSONText.string(String(repeating: "k", count: 5000)), "header kid 5000 characters")

        // typ, cty
        mutations.append(Mutation("header without typ") { $0.removeHeader("typ") })
        for value in ["\"jwt\"", "\"JOSE\"", "\"at+jwt\"", "\"application/jwt\"", "\"\"", "1", "null"] {
            set("typ", value)
        }
        for value in ["\"JWT\"", "\"application/json\"", "1"] { set("cty", value) }

        // crit and b64 (RFC 7515 §4.1.11, RFC 7797)
        func crit(_ label: String, _ members: [(String, String)]) {
            mutations.append(
                Mutation("header \(label)") { recipe in
                    for (name, value) in members { recipe.setHeader(name, value) }
                }
            )
        }
        crit("crit=[\"b64\"] without b64", [("crit", "[\"b64\"]")])
        crit("crit=[\"b64\"], b64=true", [("b64", "true"), ("crit", "[\"b64\"]")])
        crit("crit=[\"b64\"], b64=false (payload inline)", [("b64", "false"), ("crit", "[\"b64\"]")])
        crit("b64=false without crit", [("b64", "false")])
        crit("b64=true without crit", [("b64", "true")])
        crit("b64=\"false\" (string), crit=[\"b64\"]", [("b64", "\"false\""), ("crit", "[\"b64\"]")])
        crit("crit=[] (empty)", [("crit", "[]")])
        crit("crit=[\"alg\"] (a registered name)", [("crit", "[\"alg\"]")])
        crit("crit=[\"kid\"] (a registered name)", [("crit", "[\"kid\"]")])
        crit("crit=[\"exp\"], exp header present", [("exp", "\(AlgorithmContext.now + 3600)"), ("crit", "[\"exp\"]")])
        crit("crit=[\"x-custom\"], x-custom present", [("x-custom", "1"), ("crit", "[\"x-custom\"]")])
        crit("crit=[\"x-custom\"], x-custom absent", [("crit", "[\"x-custom\"]")])
        crit("crit=\"b64\" (string), b64=true", [("b64", "true"), ("crit", "\"b64\"")])
        crit("crit=null", [("crit", "null")])
        crit("crit=[1]", [("crit", "[1]")])
        crit("crit=[\"b64\",\"b64\"], b64=true", [("b64", "true"), ("crit", "[\"b64\",\"b64\"]")])

        // Duplicate and look-alike member names.
        func append(_ label: String, _ members: [Member]) {
            mutations.append(Mutation("header \(label)") { $0.header += members })
        }
        append("duplicate alg (second none)", [Member("alg", "\"none\"")])
        append("duplicate alg (second HS256)", [Member("alg", "\"HS256\"")])
        append("duplicate alg (same value)", [Member("alg", JSONText.string(alg))])
        mutations.append(
            Mutation("header duplicate alg (first none)") { $0.header.insert(Member("alg", "\"none\""), at: 0) }
        )
        append("duplicate kid (second k2)", [Member("kid", "\"k2\"")])
        mutations.append(
            Mutation("header duplicate kid (first k2)") { $0.header.insert(Member("kid", "\"k2\""), at: 0) }
        )
        append("duplicate typ", [Member("typ", "\"JOSE\"")])
        append("duplicate crit", [Member("crit", "[\"b64\"]"), Member("crit", "[]")])
        append("alg again with an escaped name (\\u0061lg)", [Member(rawName: "\"\\u0061lg\"", "\"none\"")])
        mutations.append(
            Mutation("header alg named with an escape (\\u0061lg)") { recipe in
                if let index = recipe.header.firstIndex(where: { $0.name == "\"alg\"" }) {
                    recipe.header[index].name = "\"\\u0061lg\""
                }
            }
        )
        mutations.append(
            Mutation("header alg renamed ALG") { recipe in
                if let index = recipe.header.firstIndex(where: { $0.name == "\"alg\"" }) {
                    recipe.header[index].name = "\"ALG\""
                }
            }
        )
        append("extra member Alg=none", [Member("Alg", "\"none\"")])

        // Members other specifications define, keys carried in the header, JWE markers.
        set("jku", "\"https://attacker.example/jwks.json\"")
        set("jwk", "{\"kty\":\"oct\",\"k\":\"AAAA\"}")
        set("x5u", "\"https://attacker.example/cert.pem\"")
        set("x5c", "[\"MIIB\"]")
        set("x5t", "\"AAAA\"")
        set("zip", "\"DEF\"")
        set("enc", "\"A128GCM\"")
        set("epk", "{}")
        set("iss", JSONText.string(AlgorithmContext.issuer), "header iss (replicated claim)")
        return mutations + json(.header)
    }
}
