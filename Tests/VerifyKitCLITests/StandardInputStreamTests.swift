import Foundation
import Testing
import VerifyKitTestSupport

/// Standard input that is a socket or a terminal, spelt another way than `-`, counts as standard
/// input in the one-standard-input check, as a pipe does (`FrickCommandTests` has the pipe).
@Suite("CLI: standard input from a socket or a terminal, spelt another way")
struct StandardInputStreamTests {
    static let arguments = ["frick", "sign", "--private-key", "-", "--body-file", "/dev//stdin"]

    /// Runs `verifykit arguments…` with `input` as its standard input, under `timeout`: a run that
    /// reads a terminal nobody types into is stopped (status 124) instead of hanging the test.
    static func run(_ arguments: [String], standardInput input: FileHandle) throws -> CLI.Output {
        let output = try ToolRunner.run(
            "timeout",
            ["-k", "5", "20", CLI.binary.path] + arguments,
            standardInput: input
        )
        return CLI.Output(
            status: output.status,
            stdout: String(decoding: output.stdout, as: UTF8.self),
            stderr: output.stderr
        )
    }

    /// A connected pair of Unix stream sockets.
    static func socketPair() throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        #if os(Linux)
        let type = Int32(SOCK_STREAM.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        try #require(socketpair(AF_UNIX, type, 0, &fds) == 0, "socketpair: errno \(errno)")
        return (fds[0], fds[1])
    }

    @Test("a socket: /dev//stdin with - is refused as a second read of standard input; a file with - signs")
    func socket() throws {
        let key = try Data(contentsOf: URL(fileURLWithPath: FrickCommandTests.privateKey))
        for (arguments, refused) in [
            (Self.arguments, true),
            (["frick", "sign", "--private-key", "-", "--body-file", try FrickCommandTests.writeBody("{}")], false),
        ] {
            let (ours, theirs) = try Self.socketPair()
            let writer = FileHandle(fileDescriptor: ours, closeOnDealloc: true)
            writer.write(key)
            _ = shutdown(ours, Int32(SHUT_WR))
            let input = FileHandle(fileDescriptor: theirs, closeOnDealloc: true)
            let result = try Self.run(arguments, standardInput: input)
            try input.close()
            try writer.close()
            if refused {
                #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
                #expect(result.stderr.contains("only one input can be read from standard input"), "\(result.stderr)")
                #expect(result.stdout.isEmpty)
            } else {
                // The socket is readable as standard input: the refusal above is the check's.
                #expect(result.status == 0, "\(result.stderr)")
            }
        }
    }

    /// A new pseudo-terminal: its primary side and the path of its secondary (`/dev/pts/N`).
    /// Glibc's module leaves the `posix_openpt` family out (it needs `_XOPEN_SOURCE`), so on Linux
    /// they are looked up by name.
    static func pseudoTerminal() throws -> (primary: Int32, secondary: String) {
        #if os(Linux)
        func function<F>(_ name: String, _ type: F.Type) throws -> F {
            unsafeBitCast(try #require(dlsym(dlopen(nil, RTLD_NOW), name), "no \(name)"), to: F.self)
        }
        let posix_openpt = try function("posix_openpt", (@convention(c) (Int32) -> Int32).self)
        let grantpt = try function("grantpt", (@convention(c) (Int32) -> Int32).self)
        let unlockpt = try function("unlockpt", (@convention(c) (Int32) -> Int32).self)
        let ptsname = try function("ptsname", (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        #endif
        let primary = posix_openpt(O_RDWR | O_NOCTTY)
        try #require(primary >= 0, "posix_openpt: errno \(errno)")
        guard grantpt(primary) == 0, unlockpt(primary) == 0, let name = ptsname(primary) else {
            close(primary)
            throw CocoaError(.fileReadUnknown)
        }
        return (primary, String(cString: name))
    }

    /// Whether this machine can give the test a pseudo-terminal (a container or chroot without
    /// `/dev/pts` cannot): without one the terminal case is skipped, and says so.
    static let pseudoTerminalAvailable: Bool = {
        guard let (primary, name) = try? pseudoTerminal() else { return false }
        defer { close(primary) }
        let secondary = open(name, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else { return false }
        close(secondary)
        return true
    }()

    @Test(
        "a terminal: /dev//stdin with - is refused before anything is read from it",
        .enabled(if: pseudoTerminalAvailable, "no pseudo-terminal can be opened here (no /dev/pts?)")
    )
    func terminal() throws {
        let (primary, name) = try Self.pseudoTerminal()
        defer { close(primary) }
        let secondary = open(name, O_RDWR | O_NOCTTY)
        try #require(secondary >= 0, "open \(name): errno \(errno)")
        let input = FileHandle(fileDescriptor: secondary, closeOnDealloc: true)
        // Nothing is typed: a run that read the terminal would wait for its key until timeout.
        let result = try Self.run(Self.arguments, standardInput: input)
        try input.close()
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("only one input can be read from standard input"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
