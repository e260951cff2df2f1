/// The UTF-8 byte order mark. Editors on Windows start text files with it; every reader of key
/// files, secrets and token files skips it the same way, so they agree on what a file holds.
package enum ByteOrderMark {
    package static let utf8: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// How many bytes a leading mark takes at the start of `bytes` (0 without one), for
    /// `dropFirst` or `removeFirst`.
    package static func leadingCount(in bytes: some Collection<UInt8>) -> Int {
        bytes.starts(with: utf8) ? utf8.count : 0
    }
}
