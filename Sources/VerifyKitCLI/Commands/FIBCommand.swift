import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit fib …`: the FIB login's e-mail proof (Ed25519 over BLAKE2b-256 of the e-mail).
struct FIBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fib",
        abstract: "Sign and verify FIB e-mail proofs (Ed25519 over BLAKE2b-256 of the e-mail, hex).",
        subcommands: [SignEmail.self, VerifyEmail.self, SessionRequest.self]
    )

    /// `--digest plain|iroha` for signing.
    enum SigningDigest: String, ExpressibleByArgument, CaseIterable {
        case plain, iroha
        var digest: FIB.EmailDigest { self == .plain ? .plain : .iroha }
    }

    /// `--digest plain|iroha|either` for verifying.
    enum VerifyingDigest: String, ExpressibleByArgument, CaseIterable {
        case plain, iroha, either
        var accepted: FIB.AcceptedEmailDigests {
            switch self {
            case .plain: .only(.plain)
            case .iroha: .only(.iroha)
            case .either: .either
            }
        }
    }

    struct SignEmail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-email",
            abstract: "Print hex(Ed25519(key, BLAKE2b-256(email))): the session request's `signature`."
        )

        @Option(help: "The e-mail address, exactly as it will be sent (no case folding or trimming).")
        var email: String

        @Option(
            name: .customLong("private-key"),
            help: "64 hex digits (seed) or 128 (seed ‖ public key, as the web app shows). - reads standard input."
        )
        var privateKey: String

        @Option(help: "The digest to sign: plain (documented) or iroha (last byte | 1, Iroha 2 SDKs).")
        var digest: SigningDigest = .plain

        func run() throws {
            let key = try FIBCommand.loadPrivateKey(privateKey)
            print(key.signEmail(email, digest: digest.digest).hex)
        }
    }

    struct VerifyEmail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-email",
            abstract: "Verify an e-mail proof. Exit 0 valid, 1 invalid, 2 bad input."
        )

        @Option(help: "The e-mail address, exactly as sent.")
        var email: String

        @Option(
            name: .customLong("public-key"),
            help: "authPublicKeyHex: 64 hex digits, optionally prefixed by the multihash ed0120."
        )
        var publicKey: String

        @Option(help: "The signature: 128 hex digits.")
        var signature: String

        @Option(help: "Accepted digest: plain, iroha or either.")
        var digest: VerifyingDigest = .either

        func run() throws {
            let key: FIB.AuthorizationPublicKey
            let proof: FIB.EmailSignature
            do {
                key = try FIB.AuthorizationPublicKey(hex: publicKey)
                proof = try FIB.EmailSignature(hex: signature)
            } catch {
                throw CLIFailure(error.reason)
            }
            guard let matched = key.matchingDigest(of: proof, forEmail: email, accepting: digest.accepted) else {
                print("invalid")
                throw CLIFailure.silent(CLIExit.rejected)
            }
            print("valid (\(matched) digest)")
        }
    }

    struct SessionRequest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "session-request",
            abstract: "Print the JSON body of POST \(FIB.sessionPath)."
        )

        @Option(help: "The e-mail address, exactly as it will be sent.")
        var email: String

        @Option(
            name: .customLong("private-key"),
            help: "64 hex digits (seed) or 128 (seed ‖ public key). - reads standard input."
        )
        var privateKey: String

        @Option(help: "The digest to sign: plain or iroha.")
        var digest: SigningDigest = .plain

        func run() throws {
            let key = try FIBCommand.loadPrivateKey(privateKey)
            let body = key.sessionRequest(email: email, digest: digest.digest).jsonBody()
            print(String(decoding: body, as: UTF8.self))
        }
    }

    /// Reads a private key given as hex, or from standard input for `-` (keeps it out of the process list).
    static func loadPrivateKey(_ argument: String) throws(CLIFailure) -> FIB.AuthorizationPrivateKey {
        var text = argument
        if argument == "-" {
            let bytes = try readInput("-", what: "private key", limit: 4096)
            text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return try FIB.AuthorizationPrivateKey(hex: text)
        } catch {
            throw CLIFailure(error.reason)
        }
    }
}
