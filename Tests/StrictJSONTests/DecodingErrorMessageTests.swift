import Foundation
import StrictJSON
import Testing

/// Decoding errors quote received text only clipped and as printable ASCII, whichever decoder
/// made them: a number of any length or a string refused as a URL must not bloat a log line or
/// carry control and bidi characters into it.
@Suite("Decoding error messages are log-safe")
struct DecodingErrorMessageTests {
    private static func messages<T: Decodable>(_ type: T.Type, _ json: String) -> [String] {
        var messages: [String] = []
        do { _ = try JSONParser().decode(type, from: Array(json.utf8)) } catch { messages.append("\(error)") }
        do {
            _ = try JSONValueDecoder().decode(type, from: JSONParser().parse(Array(json.utf8)))
        } catch {
            messages.append("\(error)")
        }
        return messages
    }

    private static func isLogSafe(_ message: String) -> Bool {
        message.unicodeScalars.count < 400 && message.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            && !message.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) }
    }

    /// Reads one more element than the array has, through `decodeNil()`.
    private struct OneNilTooMany: Decodable {
        init(from decoder: any Decoder) throws {
            var array = try decoder.unkeyedContainer()
            _ = try array.decodeNil()
        }
    }

    @Test("decodeNil() past the end is valueNotFound at the next index, of the type Foundation names, in both decoders")
    func decodeNilAtEnd() throws {
        var errors: [any Error] = []
        do { _ = try JSONParser().decode(OneNilTooMany.self, from: Array("[]".utf8)) } catch { errors.append(error) }
        do {
            _ = try JSONValueDecoder().decode(OneNilTooMany.self, from: JSONParser().parse(Array("[]".utf8)))
        } catch {
            errors.append(error)
        }
        do { _ = try JSONDecoder().decode(OneNilTooMany.self, from: Data("[]".utf8)) } catch { errors.append(error) }
        #expect(errors.count == 3)
        var types: [ObjectIdentifier] = []
        for error in errors {
            guard case DecodingError.valueNotFound(let type, let context) = error else {
                Issue.record("\(error)")
                continue
            }
            types.append(ObjectIdentifier(type))
            #expect(context.codingPath.map(\.intValue) == [0], "\(error)")
        }
        #expect(Set(types).count == 1, "\(errors)")
    }

    @Test("a long number that does not fit is clipped, in both decoders")
    func longNumber() {
        let digits = String(repeating: "9", count: 5000)
        for (type, json) in [(Int.self as any Decodable.Type, digits), (UInt8.self, "-" + digits)] {
            let found = Self.messages(type, json)
            #expect(found.count == 2)
            for message in found { #expect(Self.isLogSafe(message), "\(message.prefix(200))") }
        }
        for message in Self.messages(Float.self, "1" + digits) { #expect(Self.isLogSafe(message)) }
        for message in Self.messages(Double.self, "1" + digits) { #expect(Self.isLogSafe(message)) }
    }

    @Test("a string refused as a URL is clipped and escaped")
    func notAURL() {
        let text = #"\u202e\u0007http://["# + String(repeating: "x", count: 3000)
        let found = Self.messages(URL.self, "\"\(text)\"")
        #expect(found.count == 2)
        for message in found { #expect(Self.isLogSafe(message), "\(message.prefix(200))") }
    }
}
