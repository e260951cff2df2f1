/// The UTF-8 byte order mark. Editors on Windows start text files with it; every reader of key
/// files, secrets and token files skips it the same way, so they agree on what a file holds.
package enum ByteOrderMark {
    package static let utf8: [UInt8] = [0xEF, 0xBB, 0xBF]
}
