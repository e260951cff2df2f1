import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit decode TOKEN`: shows header and claims without verifying anything.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Show a token's header and claims WITHOUT verifying it.",
        discussion: "Dates (exp, nbf, iat) are also shown as ISO 8601. Nothing printed here has been verified."
    )

    @Argument(help: "The token, or - to read it from standard input.")
    var token: String

    @Flag(
        help:
            "Print one JSON object: {\"header\",\"claims\" or \"payload\",\"dates\",\"signature_bytes\",\"verified\":false}."
    )
    var json = false

    static let dateClaims = ["exp", "nbf", "iat"]

    func run() throws {
        let text = try JWTCLIInput.readToken(argument: token, file: nil)
        let decoded: UnverifiedJWT
        do {
            decoded = try JWTKeyCollection.unverifiedDecode(text)
        } catch {
            throw CLIFailure("cannot decode the token (\(error.code)): \(error.message)")
        }
        printError("NOT VERIFIED: decode checks no signature and no claims; do not trust this output.")

        var dates = JSONObject()
        if let claims = decoded.claims {
            for name in Self.dateClaims {
                guard case .number(let number)? = claims[name], let seconds = number.doubleValue,
                    abs(seconds) < 1e13
                else { continue }
                dates.set(name, .string(Self.iso8601(seconds)))
            }
        }
        if json {
            var object = JSONObject()
            object.set("verified", .bool(false))
            object.set("header", .object(decoded.header.fields))
            if let claims = decoded.claims {
                object.set("claims", .object(claims))
            } else {
                object.set("payload", .string(Base64URL.encode(decoded.payload)))
            }
            object.set("dates", .object(dates))
            object.set("signature_bytes", .number(JSONNumber(Int64(decoded.signature.count))))
            print(JSONValue.object(object).serializedString())
            return
        }
        print("Header:")
        print(JSONOutput.pretty(.object(decoded.header.fields)))
        if let claims = decoded.claims {
            print("Claims:")
            print(JSONOutput.pretty(.object(claims)))
        } else {
            print("Payload (not a JSON object, base64url):")
            print(Base64URL.encode(decoded.payload))
        }
        for member in dates {
            if case .string(let iso) = member.value, case .number(let number)? = decoded.claims?[member.name] {
                print("\(member.name): \(number.text) = \(iso)")
            }
        }
        print("Signature: \(decoded.signature.count) bytes")
    }

    /// `2023-12-21T19:36:52Z`, with fractional seconds when the NumericDate has them.
    static func iso8601(_ seconds: Double) -> String {
        let date = Date(timeIntervalSince1970: seconds)
        let whole = seconds.rounded(.down) == seconds
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: !whole))
    }
}
