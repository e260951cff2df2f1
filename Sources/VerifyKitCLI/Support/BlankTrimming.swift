extension BidirectionalCollection where Element == UInt8 {
    /// The bytes without the spaces, tabs, carriage returns and line feeds around them: JSON's
    /// white space, which a token or claims given on the command line or in a file may carry.
    func trimmingBlanks() -> SubSequence {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
