import ArgumentParser
import Foundation
import WorkOrderCore
import WorkflowPolicy

/// `--workflows DIR` (or `WO_WORKFLOWS`): the policy folder. Default `workflows`.
struct PolicyOptions: ParsableArguments {
    @Option(name: .customLong("workflows"), help: "Policy folder (deadlines, routing, call-backs, calendars). Overrides WO_WORKFLOWS.")
    var directory: String?

    var resolvedDirectory: String {
        directory ?? ProcessInfo.processInfo.environment["WO_WORKFLOWS"] ?? "workflows"
    }

    /// Loads and validates the whole folder; any problem stops the program with every
    /// problem listed (file, key, what was expected).
    func load() throws -> PolicySet {
        try loadWithFiles().policy
    }

    /// As `load`, with the texts of the files the policy came from (for `wo serve` to record).
    func loadWithFiles() throws -> (policy: PolicySet, files: [String: String]) {
        do {
            return try PolicyLoader.loadWithFiles(directory: resolvedDirectory)
        } catch {
            throw ValidationError("the policy folder '\(resolvedDirectory)' is not valid:\n\(error)")
        }
    }
}
