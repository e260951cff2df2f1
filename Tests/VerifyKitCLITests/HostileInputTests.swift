import Foundation
import Testing

/// Inputs that are not what a file argument should be: endless devices, directories, empty files,
/// NUL and non-UTF-8 bytes. Each ends promptly with its documented status and a one-line reason,
/// never a hang or a trap.
@Suite("CLI: hostile file inputs")
struct HostileInputTests {
    struct Files {
        let dir: URL
        let publicKey: String
        let privateKey: String
        let empty: String
        let binary: String

        init() throws {
            dir = try CLI.temporaryDirectory()
            (privateKey, publicKey) = try VerifyCommandTests.writeRFC8037Keys(in: dir)
            empty = dir.appendingPathComponent("empty").path
            binary = dir.appendingPathComponent("binary").path
            try Data().write(to: URL(fileURLWithPath: empty))
            try Data([0x61, 0x00, 0x62, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: binary))
        }
    }

    /// Commands with one file argument `FILE`, the status each must give for a bad file.
    static func commands(_ files: Files) -> [(arguments: [String], status: Int32)] {
        let body = files.publicKey
        return [
            (["verify", "--key", "FILE", VerifyCommandTests.fibAccess], 2),
            (["verify", "--jwks", "FILE", VerifyCommandTests.fibAccess], 2),
            (["sign", "--key", "FILE", "--alg", "EdDSA", "{}"], 2),
            (["sign", "--key", files.privateKey, "--alg", "EdDSA", "--claims-file", "FILE"], 2),
            (["key", "inspect", "FILE"], 2),
            (["key", "convert", "--to", "jwk", "FILE"], 2),
            (["frick", "sign", "--private-key", "FILE", "--body-file", body], 2),
            (["frick", "verify", "--public-key", "FILE", "--body-file", body, "--signature", "AAAA"], 2),
        ]
    }

    @Test("/dev/zero, a directory, an empty file and binary bytes: status 2, one reason, within seconds")
    func badFiles() throws {
        let files = try Files()
        var paths = [files.dir.path, files.empty, files.binary, "/nonexistent/file"]
        if FileManager.default.fileExists(atPath: "/dev/zero") { paths.append("/dev/zero") }
        for (arguments, status) in Self.commands(files) {
            for path in paths {
                let command = arguments.map { $0 == "FILE" ? path : $0 }
                let result = try CLI.run(command, within: 30)
                #expect(result.status == status, "\(command): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(command)")
                #expect(result.stderr.hasPrefix("verifykit: "), "\(command): \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
            }
        }
    }

    @Test("a key file or key set is read no further than the key importer's 1 MiB limit", .enabled(if: hasDevZero))
    func keyFileLimit() throws {
        for option in ["--key", "--jwks"] {
            let result = try CLI.run(["verify", option, "/dev/zero", VerifyCommandTests.fibAccess], within: 30)
            #expect(result.status == 2)
            let what = option == "--key" ? "key file" : "key set"
            #expect(result.stderr == "verifykit: \(what) /dev/zero is larger than 1048576 bytes\n", "\(result.stderr)")
        }
        let inspect = try CLI.run(["key", "inspect", "/dev/zero"], within: 30)
        #expect(inspect.stderr == "verifykit: key file /dev/zero is larger than 1048576 bytes\n")
    }

    static let hasDevZero = FileManager.default.fileExists(atPath: "/dev/zero")
}
