import ArgumentParser
import Foundation
import Testing
import VerifyKit

@testable import VerifyKitCLI

@Suite("verifykit bench")
struct BenchCommandTests {
    @Test("options parse, repeat and validate")
    func parsing() throws {
        let command = try BenchCommand.parse(["--alg", "EdDSA", "--alg", "HS256", "--seconds", "0.5", "--json"])
        #expect(command.algorithms == ["EdDSA", "HS256"])
        #expect(command.seconds == 0.5)
        #expect(command.json)
        let defaults = try BenchCommand.parse([])
        #expect(defaults.algorithms.isEmpty)
        #expect(defaults.seconds == 2)
        #expect(!defaults.json)
    }

    @Test(
        "bad options are usage errors",
        arguments: [
            ["--alg", "none"], ["--alg", "HS1"], ["--seconds", "0"], ["--seconds", "-1"], ["--seconds", "nan"],
            ["--seconds", "100000"], ["--rsa-bits", "1024"],
        ]
    )
    func badOptions(arguments: [String]) {
        #expect(throws: (any Error).self) { try BenchCommand.parse(arguments) }
    }

    /// The help text gives the ranges as closed (0.05...600 s, 2048...8192 bits): both ends are
    /// accepted, and the nearest values outside them are not.
    @Test("--seconds and --rsa-bits accept both ends of their ranges and nothing beyond")
    func rangeEnds() throws {
        for seconds in ["0.05", "600"] {
            #expect(try BenchCommand.parse(["--seconds", seconds]).seconds == Double(seconds))
        }
        for bits in [2048, 8192] {
            #expect(try BenchCommand.parse(["--rsa-bits", "\(bits)"]).rsaBits == bits)
        }
        for arguments in [
            ["--seconds", "0.049"], ["--seconds", "600.001"], ["--rsa-bits", "2047"], ["--rsa-bits", "8193"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try BenchCommand.parse(arguments) }
        }
    }

    @Test("JSON results: whole operations per second, the ratio to three decimals")
    func jsonRounding() {
        let results = [
            BenchResult(algorithm: "EdDSA", rawPerSecond: 1234.4, verifyPerSecond: 1000.6, ratio: 0.81049),
            BenchResult(algorithm: "RS256", rawPerSecond: 99.5, verifyPerSecond: 50, ratio: 1.2346),
        ]
        #expect(
            BenchResult.json(results)
                == #"{"results":[{"alg":"EdDSA","raw_per_s":1234,"verify_per_s":1001,"ratio":0.81},"#
                + #"{"alg":"RS256","raw_per_s":100,"verify_per_s":50,"ratio":1.235}]}"#
        )
    }

    @Test("the binary prints one JSON object with a result per algorithm, in order")
    func jsonOutput() throws {
        let result = try CLI.run(["bench", "--alg", "HS256", "--alg", "EdDSA", "--seconds", "0.2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        )
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["alg"] as? String } == ["HS256", "EdDSA"])
        for entry in results {
            let raw = try #require(entry["raw_per_s"] as? Double)
            let verify = try #require(entry["verify_per_s"] as? Double)
            let ratio = try #require(entry["ratio"] as? Double)
            #expect(raw > 0)
            #expect(verify > 0)
            // Only its form: a bound on its value is a timing assertion (a 0.2 s debug run on a
            // loaded machine gave 1.5 once); the benchmarks judge the value.
            #expect(ratio > 0 && ratio.isFinite)
        }
        // The JSON keys come in the documented order.
        #expect(result.stdout.hasPrefix(#"{"results":[{"alg":"HS256","raw_per_s":"#))
    }

    @Test("the table names each algorithm and its ratio")
    func tableOutput() throws {
        let result = try CLI.run(["bench", "--alg", "EdDSA", "--seconds", "0.1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("EdDSA"))
        #expect(result.stdout.contains("ratio"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test("an unsupported algorithm exits 2 with a message")
    func unsupportedAlgorithmExit() throws {
        let result = try CLI.run(["bench", "--alg", "none"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unsupported algorithm"))
    }

    @Test("the measurement reports medians over interleaved rounds")
    func runnerMeasures() throws {
        let subject = try BenchSubject(algorithm: .hs256, rsaBits: 2048)
        #expect(subject.rawVerify())
        #expect(subject.fullVerify())
        let result = BenchRunner.onDedicatedThread { BenchRunner.measure(subject, seconds: 0.1) }
        #expect(result.algorithm == "HS256")
        #expect(result.rawPerSecond > result.verifyPerSecond)
        #expect(BenchRunner.median([3, 1, 2]) == 2)
        #expect(BenchRunner.median([4, 1, 2, 3]) == 2.5)
        #expect(BenchRunner.median([]) == 0)
    }

    @Test("a slice runs exactly its count and reports a failing call as zero time")
    func fixedCountSlices() {
        var calls = 0
        let seconds = BenchRunner.time(operations: 5) {
            calls += 1
            return true
        }
        #expect(calls == 5)
        #expect(seconds >= 0)
        var failing = 0
        let failed = BenchRunner.time(operations: 5) {
            failing += 1
            return failing < 3
        }
        #expect(failed == 0)
        #expect(failing == 3)
    }

    @Test("each side's slice is sized from its own warm-up rate")
    func sliceSizing() {
        // 1000 operations in 10 ms fill a 5 ms slice with 500; a side too slow for one still runs one.
        #expect(BenchRunner.operations(inSlice: (operations: 1000, seconds: 0.01)) == 500)
        #expect(BenchRunner.operations(inSlice: (operations: 1, seconds: 1)) == 1)
        #expect(BenchRunner.operations(inSlice: (operations: 0, seconds: 0)) == 1)
    }
}
