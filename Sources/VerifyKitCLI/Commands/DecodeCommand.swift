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
        let bytes = try JWTCLIInput.readToken(argument: token, file: nil)
        let decoded: UnverifiedJWT
        do {
            decoded = try JWTKeyCollection.unverifiedDecode(utf8: bytes)
        } catch {
            throw CLIFailure("cannot decode the token (\(error.code)): \(error.message)")
        }
        printError("NOT VERIFIED: decode checks no signature and no claims; do not trust this output.")

        var dates = JSONObject()
        if let claims = decoded.claims {
            for name in Self.dateClaims {
                guard case .number(let number)? = claims[name], let seconds = number.doubleValue,
                    let text = Self.iso8601(seconds)
                else { continue }
                dates.set(name, .string(text))
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
            StandardOutput.print(JSONValue.object(object).serializedString())
            return
        }
        StandardOutput.print("Header:")
        StandardOutput.print(JSONOutput.pretty(.object(decoded.header.fields)))
        if let claims = decoded.claims {
            StandardOutput.print("Claims:")
            StandardOutput.print(JSONOutput.pretty(.object(claims)))
        } else {
            StandardOutput.print("Payload (not a JSON object, base64url):")
            StandardOutput.print(Base64URL.encode(decoded.payload))
        }
        for member in dates {
            if case .string(let iso) = member.value, case .number(let number)? = decoded.claims?[member.name] {
                StandardOutput.print("\(member.name): \(number.text) = \(iso)")
            }
        }
        StandardOutput.print("Signature: \(decoded.signature.count) bytes")
    }

    /// `2023-12-21T19:36:52Z`, with milliseconds when the NumericDate has a fraction of at least
    /// half a millisecond; `nil` outside the years 0000–9999 that RFC 3339 can write.
    ///
    /// ISO 8601 counts days in the proleptic Gregorian calendar. Foundation's formatter switches to
    /// the Julian calendar before 1582-10-15 and so printed those dates ten or more days off; the
    /// day count is converted here instead (days to civil date, as in H. Hinnant's algorithm).
    static func iso8601(_ seconds: Double) -> String? {
        // Rounded to the millisecond first, so a fraction can never print as ".1000" and a value
        // just under a second boundary lands on it. Bounds: 0000-01-01T00:00:00Z up to, not
        // including, 10000-01-01T00:00:00Z.
        guard seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        let totalMilliseconds = Int64((seconds * 1000).rounded())
        guard totalMilliseconds >= -62_167_219_200_000, totalMilliseconds < 253_402_300_800_000 else { return nil }
        let total = totalMilliseconds >= 0 ? totalMilliseconds / 1000 : (totalMilliseconds - 999) / 1000
        let milliseconds = Int(totalMilliseconds - total * 1000)
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = Int(total - days * 86_400)
        let (year, month, day) = RFC3339Timestamp.civilDate(daysSinceEpoch: Int(days))
        func digits(_ value: some BinaryInteger, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))"
        text += "T\(digits(secondOfDay / 3600, 2)):\(digits(secondOfDay / 60 % 60, 2)):\(digits(secondOfDay % 60, 2))"
        if milliseconds != 0 { text += ".\(digits(milliseconds, 3))" }
        return text + "Z"
    }
}
