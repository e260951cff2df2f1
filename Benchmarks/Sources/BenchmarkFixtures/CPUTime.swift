#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process CPU time and load average, so batch measurements can tell "the workers interfere" (fewer
/// tokens per CPU-second) from "another process took the cores" (fewer tokens per wall-clock second).
public enum CPUTime {
    /// User + system seconds of all threads of this process.
    public static func now() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF (an enum on Glibc, an Int32 on Darwin)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The 1-minute load average (-1 if unavailable).
    public static func loadAverage() -> Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) >= 1 ? (loads[0] * 100).rounded() / 100 : -1
    }

    /// Online processors (at least 1).
    public static var processors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
