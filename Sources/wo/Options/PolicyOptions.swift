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

    /// Loads and validates the whole folder; any problem stops the program.
    func load() throws -> PolicySet {
        // TODO(policy loader): the per-kind YAML loader is not in yet; until then the
        // built-in defaults apply and only the calendars come from the folder.
        var policy = PolicySet(version: "builtin-defaults")
        do {
            let calendars = try CalendarLoader.load(directory: resolvedDirectory + "/calendars")
            policy.calendars.merge(calendars) { _, loaded in loaded }
        } catch {
            throw ValidationError("\(error)")
        }
        return policy
    }
}
