import Testing

@Suite("CLI smoke")
struct CLISmokeTests {
    @Test func helpListsSubcommands() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for name in ["verify", "decode", "sign", "key", "fib", "frick", "vectors"] {
            #expect(result.stdout.contains(name), "help should list \(name)")
        }
    }
}
