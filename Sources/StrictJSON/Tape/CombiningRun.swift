/// The runs of combining characters (non-zero canonical combining class) in one string, for
/// ``JSONTapeBuilder/maximumNonStarterRun``.
///
/// The parser's scan feeds it only the scalars for which ``mayCombine(_:)`` holds, and adjacency is
/// by byte position, so starters never change its state.
struct CombiningRun {
    /// Combining characters in the current run.
    private var run = 0
    /// Where the current run's last combining character ends; -1 before the first.
    private var end = -1
    /// The longest run so far.
    private(set) var longest = 0

    /// False for scalars that are starters by range, decided inline by the scan: everything below
    /// U+0300, and the CJK ideographs (U+3400–U+9FFF) and Hangul syllables (U+AC00–U+D7A3) that make
    /// up most East Asian text (a test checks both ranges against the Unicode data).
    @inline(__always)
    static func mayCombine(_ scalar: UInt32) -> Bool {
        scalar >= 0x300 && !(0x3400...0x9FFF).contains(scalar) && !(0xAC00...0xD7A3).contains(scalar)
    }

    /// Notes the scalar read from `start` up to `end` (raw UTF-8 or an escape).
    ///
    /// Out of line, so the scan's ASCII path stays as short as it was (inlined, this cost ~260
    /// instructions per parse of a short ASCII document). Most scalars of the Basic Multilingual
    /// Plane are settled by ``combiningChunkWord(_:)``; the others take the property look-up.
    @inline(never)
    mutating func note(_ scalar: UInt32, from start: Int, to end: Int) {
        if scalar < 0x1_0000 {
            let chunk = Int(truncatingIfNeeded: scalar &>> 5)
            guard Self.combiningChunkWord(chunk &>> 6) & (1 &<< UInt64(chunk & 63)) != 0 else { return }
        }
        guard Self.hasCombiningClass(scalar) else { return }
        run = start == self.end ? run + 1 : 1
        self.end = end
        if run > longest { longest = run }
    }

    /// The Unicode property look-up (~190 instructions), out of line: its two metadata accesses
    /// would otherwise run on entry to ``note(_:from:to:)`` for every scalar, settled by the table
    /// or not (CJK text took twice as long to parse that way).
    @inline(never)
    static func hasCombiningClass(_ scalar: UInt32) -> Bool {
        guard let value = Unicode.Scalar(scalar) else { return false }
        return value.properties.canonicalCombiningClass.rawValue != 0
    }

    /// The 32-scalar chunks of the Basic Multilingual Plane that hold at least one combining
    /// character: bit `c & 63` of word `c >> 6` for chunk `c = scalar >> 5` (98 of 2048 chunks).
    /// Scalars in the other chunks are starters. Read off the standard library's Unicode data;
    /// a test recomputes it from the running library, so a newer Unicode version that adds a
    /// combining character to a clean chunk fails the tests instead of slipping past the limit.
    /// Scalars above the BMP are always looked up.
    ///
    /// A `switch` of constants rather than a stored array: the compiler makes it a table in
    /// read-only data, with no lazy global initialisation or reference counting per look-up.
    @inline(__always)
    static func combiningChunkWord(_ index: Int) -> UInt64 {
        switch index {
        case 0: 0x87CD_7010_0F00_0000
        case 1: 0x5B66_4666_4666_E6D7
        case 2: 0x4300_0000_0400_0012
        case 3: 0x0000_C0C2_AEE9_0220
        case 4: 0x0000_0000_0000_00C0
        case 5: 0x0000_8880_0000_0000
        case 6: 0x0000_0000_0000_0012
        case 20: 0x0098_0000_0000_0000
        case 21: 0x0000_0000_80E0_66C3
        case 31: 0x0002_0000_0100_0000
        default: 0
        }
    }
}
