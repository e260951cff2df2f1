import ArgumentParser

/// Exit statuses shared by every subcommand; scripts depend on them.
enum CLIExit {
    /// The token/signature/vector check failed (the input was readable, the answer is "no").
    static let rejected = ExitCode(1)
    /// Usage error or unreadable input (key file, token file, bad hex…).
    static let badInput = ExitCode(2)
}
