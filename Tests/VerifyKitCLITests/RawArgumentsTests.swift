import Foundation
import Testing
import VerifyKitTestSupport

@testable import VerifyKitCLI

@Suite("CLI: arguments that are not UTF-8")
struct RawArgumentsTests {
    @Test("the first argument that is not UTF-8 is found; the program name is not checked")
    func positions() {
        let name: [UInt8] = Array("verifykit".utf8)
        #expect(RawArguments.firstInvalidUTF8(in: [name, Array("fib".utf8), Array("ä@x".utf8)]) == nil)
        #expect(RawArguments.firstInvalidUTF8(in: [[0xFF], Array("fib".utf8)]) == nil)
        #expect(RawArguments.firstInvalidUTF8(in: [name, Array("fib".utf8), [0x61, 0xE4, 0x62]]) == 2)
        // Overlong "/" and a lone surrogate are not UTF-8 either.
        #expect(RawArguments.firstInvalidUTF8(in: [name, [0xC0, 0xAF], [0xFF]]) == 1)
        #expect(RawArguments.firstInvalidUTF8(in: [name, Array("ok".utf8), [0xED, 0xA0, 0x80]]) == 2)
        #expect(RawArguments.firstInvalidUTF8(in: []) == nil)
    }

    @Test("sign-email with a Latin-1 e-mail is refused (status 2) instead of signing U+FFFD")
    func latin1Email() throws {
        // Foundation's Process only passes Strings, so the raw byte goes through bash's printf.
        let script = #"exec "$0" fib sign-email --email "$(printf 'j\xf6rg@mail.com')" --private-key "$1""#
        let result = try ToolRunner.run("bash", ["-c", script, CLI.binary.path, FIBCommandTests.seed])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("argument 4 is not valid UTF-8"))
        // The same command with the UTF-8 spelling signs.
        let utf8 = try CLI.run(["fib", "sign-email", "--email", "jörg@mail.com", "--private-key", FIBCommandTests.seed])
        #expect(utf8.status == 0)
        #expect(utf8.stdout.count == 129)
    }
}
