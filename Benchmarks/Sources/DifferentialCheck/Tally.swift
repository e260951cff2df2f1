import Foundation

/// The outcomes of one algorithm's corpus, overall and per mutation label.
struct Tally {
    enum Outcome: Int, CaseIterable {
        case bothAccept, bothRefuse, verifyKitOnly, jwtKitOnly

        var title: String {
            switch self {
            case .bothAccept: "both accept"
            case .bothRefuse: "both refuse"
            case .verifyKitOnly: "VerifyKit only accepts"
            case .jwtKitOnly: "jwt-kit only accepts"
            }
        }
    }

    struct Counts {
        private var values = [Int](repeating: 0, count: Outcome.allCases.count)
        subscript(outcome: Outcome) -> Int {
            get { values[outcome.rawValue] }
            set { values[outcome.rawValue] = newValue }
        }
    }

    /// The first case of a label with a given outcome.
    struct Example {
        var token: [UInt8]
        var refusal: String
    }

    struct Slow {
        var label: String
        var side: String
        var milliseconds: Double
    }

    private(set) var totals = Counts()
    /// Cases of one mutation, by its label.
    private var perLabel: [String: Counts] = [:]
    /// Cases of several mutations, by the joined label, with their parts.
    private var perCombination: [String: (parts: [String], counts: Counts)] = [:]
    private var examples: [String: [Outcome: Example]] = [:]
    private var slow: [Slow] = []
    private var time: (verifyKit: Duration, jwtKit: Duration) = (.zero, .zero)

    mutating func record(
        labels: [String],
        token: [UInt8],
        verifyKit: String?,
        jwtKit: String?,
        times: (Duration, Duration),
        slowAbove: Double
    ) {
        let outcome: Outcome =
            switch (verifyKit, jwtKit) {
            case (nil, nil): .bothAccept
            case (.some, .some): .bothRefuse
            case (nil, .some): .verifyKitOnly
            case (.some, nil): .jwtKitOnly
            }
        totals[outcome] += 1
        let label = labels.joined(separator: " + ")
        if labels.count == 1 {
            perLabel[label, default: Counts()][outcome] += 1
        } else {
            perCombination[label, default: (labels, Counts())].counts[outcome] += 1
        }
        if examples[label]?[outcome] == nil {
            examples[label, default: [:]][outcome] = Example(token: token, refusal: verifyKit ?? jwtKit ?? "")
        }
        time.verifyKit += times.0
        time.jwtKit += times.1
        for (side, duration) in [("VerifyKit", times.0), ("jwt-kit", times.1)] {
            let milliseconds =
                Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3
            if milliseconds > slowAbove { slow.append(Slow(label: label, side: side, milliseconds: milliseconds)) }
        }
    }

    func print(name: String, settings: DifferentialCheck.Settings, catalogueSize: Int) {
        let cases = Outcome.allCases.reduce(0) { $0 + totals[$1] }
        Swift.print(
            "\n\(name): \(cases) cases (\(catalogueSize) mutations, seed \(settings.seed)): "
                + Outcome.allCases.map { "\($0.title) \(totals[$0])" }.joined(separator: ", ")
        )
        Swift.print("  time in verify: VerifyKit \(time.verifyKit), jwt-kit \(time.jwtKit)")
        var shown: [Outcome] = [.verifyKitOnly, .jwtKitOnly]
        if settings.bothAccept { shown.append(.bothAccept) }
        for outcome in shown {
            let labels = perLabel.filter { $0.value[outcome] > 0 }.sorted {
                ($0.value[outcome], $1.key) > ($1.value[outcome], $0.key)
            }
            let singles = labels.reduce(0) { $0 + $1.value[outcome] }
            if !labels.isEmpty {
                Swift.print(
                    "  \(outcome.title), single mutations: \(singles) cases, \(labels.count) labels"
                        + (outcome == .bothAccept ? "" : " (count/cases of the label | the other side's answer)")
                )
            }
            for (label, counts) in labels { printLine(label, counts, outcome, settings) }
            // A combination is explained when one of its parts alone gives the same outcome.
            let combinations = perCombination.filter { $0.value.counts[outcome] > 0 }
            let unexplained = combinations.filter { _, value in
                !value.parts.contains { (perLabel[$0]?[outcome] ?? 0) > 0 }
            }.sorted { ($0.value.counts[outcome], $1.key) > ($1.value.counts[outcome], $0.key) }
            let combined = combinations.reduce(0) { $0 + $1.value.counts[outcome] }
            guard combined > 0 else { continue }
            Swift.print(
                "  \(outcome.title), combinations: \(combined) cases; \(unexplained.count) of \(combinations.count)"
                    + " labels not explained by a part that alone \(outcome == .bothAccept ? "is accepted by both" : "does the same")"
                    + (unexplained.isEmpty ? "" : ":")
            )
            for (label, value) in unexplained { printLine(label, value.counts, outcome, settings) }
        }
        if !slow.isEmpty {
            Swift.print("  slower than \(settings.slowMilliseconds) ms (\(slow.count) cases, slowest first):")
            for entry in slow.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(10) {
                Swift.print("    \(entry.side) \(String(format: "%.1f", entry.milliseconds)) ms  \(entry.label)")
            }
        }
    }

    private func printLine(
        _ label: String,
        _ counts: Counts,
        _ outcome: Outcome,
        _ settings: DifferentialCheck.Settings
    ) {
        let total = Outcome.allCases.reduce(0) { $0 + counts[$1] }
        let example = examples[label]?[outcome]
        let refusal = example.map {
            " | \(outcome == .verifyKitOnly ? "jwt-kit" : "VerifyKit"): \(Self.clip($0.refusal))"
        }
        Swift.print("    \(counts[outcome])/\(total)  \(label)\(outcome == .bothAccept ? "" : refusal ?? "")")
        if settings.examples, let example {
            Swift.print("        \(Self.printable(example.token, limit: 300))")
        }
    }

    static func clip(_ text: String, limit: Int = 140) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= limit ? line : String(line.prefix(limit)) + "…"
    }

    /// The token as printable ASCII, other bytes as `\xNN`, clipped.
    static func printable(_ token: [UInt8], limit: Int) -> String {
        var text = ""
        for byte in token.prefix(limit) {
            text +=
                (0x20..<0x7F).contains(byte)
                ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16).leftPadded(to: 2)
        }
        return token.count > limit ? text + "… (\(token.count) bytes)" : text
    }
}
