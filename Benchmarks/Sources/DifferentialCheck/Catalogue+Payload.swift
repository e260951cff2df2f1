/// Claims mutations, re-signed: registered claims with other JSON types, odd numbers, boundaries,
/// duplicates and escapes, plus the claims struct's own members.
extension Catalogue {
    static func payload(_ context: AlgorithmContext) -> [Mutation] {
        let now = AlgorithmContext.now
        let exp = now + 3600
        var mutations: [Mutation] = []
        func set(_ name: String, _ value: String, _ label: String? = nil) {
            mutations.append(Mutation(label ?? "payload \(name)=\(value)") { $0.setPayload(name, value) })
        }
        func remove(_ name: String) {
            mutations.append(Mutation("payload without \(name)") { $0.removePayload(name) })
        }
        func append(_ label: String, _ members: [Member]) {
            mutations.append(Mutation("payload \(label)") { $0.payload += members })
        }
        func prepend(_ label: String, _ member: Member) {
            mutations.append(Mutation("payload \(label)") { $0.payload.insert(member, at: 0) })
        }
        let wrongTypes = ["null", "true", "[]", "{}"]

        // exp: types, number spellings, range, boundaries.
        for value in [
            "\"\(exp)\"", "\(exp).5", "\(exp).0", "1.7500036e9", "17500036000000000000e-10", "\(exp)e0", "1e10",
            "1e300",
            "1e400", "-1e400", "-1", "0", "-0", "\(now - 1)", "\(now)", "\(now + 1)", "9223372036854775807",
            "9223372036854775808", "18446744073709551616", "-9223372036854775809", "\"NaN\"", "[\(exp)]",
            "\(now).5", "\(now - 1).5", "17500000005e-1", "\(now).0000000001", "1750000000000000000000e-12",
            "{\"v\":\(exp)}", "0\(exp)", "\(exp).\(String(repeating: "0", count: 400))",
            "1\(String(repeating: "0", count: 400))",
        ] + wrongTypes {
            set("exp", value, value.count > 40 ? "payload exp=number of \(value.count) characters" : nil)
        }
        remove("exp")
        append("duplicate exp (second expired)", [Member("exp", "\(now - 1)")])
        prepend("duplicate exp (first expired)", Member("exp", "\(now - 1)"))
        append("exp again, escaped name \\u0065xp, expired", [Member(rawName: "\"\\u0065xp\"", "\(now - 1)")])
        mutations.append(
            Mutation("payload exp named \\u0065xp, expired") { recipe in
                recipe.removePayload("exp")
                recipe.payload.append(Member(rawName: "\"\\u0065xp\"", "\(now - 1)"))
            }
        )

        // nbf and iat.
        for value in [
            "\(now + 1)", "\(now)", "\(now - 1)", "\"\(now - 60)\"", "\(now - 60).5", "1e400", "-1", "1e300", "-1e300",
            "\(now).5", "\(now - 1).5", "\(now).0000000001",
        ] + wrongTypes {
            set("nbf", value)
        }
        remove("nbf")
        append("duplicate nbf (second in the future)", [Member("nbf", "\(now + 3600)")])
        for value in [
            "\(now + 3600)", "\(now + 1)", "\(now)", "\"\(now - 60)\"", "\(now - 60).5", "1e400", "-1", "1e300",
            "\(now).5",
            "\(now - 1).5",
        ]
            + wrongTypes
        {
            set("iat", value)
        }
        remove("iat")

        // iss.
        let issuer = AlgorithmContext.issuer
        for value in [
            JSONText.string(issuer + "/"), JSONText.string(issuer.uppercased()), JSONText.string(" " + issuer),
            "\"https:\\/\\/issuer.example\"", "\"\\u0068ttps://issuer.example\"", "[\(JSONText.string(issuer))]", "1",
            "\"\(issuer)\\u0000\"", "\"\"",
        ] + wrongTypes {
            set("iss", value)
        }
        remove("iss")
        append("duplicate iss (second wrong)", [Member("iss", "\"https://evil.example\"")])
        prepend("duplicate iss (first wrong)", Member("iss", "\"https://evil.example\""))

        // aud.
        for value in [
            "[\"api\"]", "[\"other\",\"api\"]", "[\"other\"]", "[]", "1", "[[\"api\"]]", "[\"api\",1]", "[null]",
            "[\"api\",null]", "\"API\"", "\"api \"", "\"\\u0061pi\"", "[\"api\",\"api\"]", "\"\"", "{\"aud\":\"api\"}",
        ] + ["null", "true"] {
            set("aud", value)
        }
        remove("aud")
        append("duplicate aud (second other)", [Member("aud", "\"other\"")])
        prepend("duplicate aud (first other)", Member("aud", "\"other\""))

        // sub, jti and the struct's own members.
        for value in ["1", "\"\"", "[\"x\"]"] + wrongTypes { set("sub", value) }
        remove("sub")
        for value in ["1", "null", "[\"x\"]", "\"\""] { set("jti", value) }
        for value in [
            "1", "null", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"",
            "\"e\\u0301\"",
        ] {
            set("name", value)
        }
        for value in ["\"true\"", "1", "null", "0"] { set("admin", value) }
        remove("name")
        remove("admin")
        append("duplicate admin (second false)", [Member("admin", "false")])
        prepend("duplicate admin (first false)", Member("admin", "false"))
        append("duplicate sub", [Member("sub", "\"other\"")])
        append("5000 extra members", (0..<5000).map { Member("m\($0)", "\($0)") })
        append(
            "50 KB string member (token over 64 KiB)",
            [Member("pad", JSONText.string(String(repeating: "p", count: 50_000)))]
        )
        return mutations + json(.payload)
    }
}
