import Foundation

/// The command line as the kernel handed it over, before Swift turns it into `String`s.
///
/// Swift decodes each argument with U+FFFD in place of bytes that are not UTF-8, so an e-mail typed
/// in Latin-1 would be signed (or checked) as a different text from the one on the command line, and
/// a file name would point at a file that does not exist. `verifykit` looks at the raw bytes first and
/// refuses such a command line with status 2.
enum RawArguments {
    /// The position (1 = first argument after the program name) of the first argument of this
    /// process that is not valid UTF-8, or nil.
    static func firstInvalidUTF8() -> Int? {
        let argv = CommandLine.unsafeArgv
        let arguments = (0..<max(0, Int(CommandLine.argc))).map { index -> [UInt8] in
            guard let pointer = argv[index] else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
        }
        return firstInvalidUTF8(in: arguments)
    }

    /// The same check on given argument bytes, program name first.
    static func firstInvalidUTF8(in arguments: [[UInt8]]) -> Int? {
        for (index, bytes) in arguments.enumerated().dropFirst()
        where String(bytes: bytes, encoding: .utf8) == nil {
            return index
        }
        return nil
    }
}
