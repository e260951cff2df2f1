/// Small helpers for NumericDate values without Foundation.
enum JWTTime {
    /// "1703187412" for whole seconds, the Double's description otherwise.
    static func describe(_ seconds: Double) -> String {
        if seconds.rounded() == seconds, abs(seconds) < 1e15 {
            return String(Int64(seconds))
        }
        return String(seconds)
    }
}
