import ArgumentParser
import Foundation
import Logging
import WorkOrderCore
import WorkOrderWorkers
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

    /// `access.yaml` beside the policy: required when senders are enforced; otherwise an
    /// absent file lists nobody (everyone is believed in development mode).
    func loadSenders(required: Bool) throws -> SenderPolicy {
        let path = "\(resolvedDirectory)/\(SenderPolicyLoader.fileName)"
        if !required, !FileManager.default.fileExists(atPath: path) { return SenderPolicy() }
        do {
            return try SenderPolicyLoader.load(directory: resolvedDirectory)
        } catch {
            throw ValidationError("who may act as whom cannot be read:\n\(error)")
        }
    }

    /// `privacy.yaml` beside the policy (IN-05); an absent file keeps owners' data.
    func loadPrivacy() throws -> PrivacyPolicy {
        guard FileManager.default.fileExists(atPath: "\(resolvedDirectory)/\(PrivacyPolicyLoader.fileName)") else { return PrivacyPolicy() }
        do {
            return try PrivacyPolicyLoader.load(directory: resolvedDirectory)
        } catch {
            throw ValidationError("how long owners' data is kept cannot be read:\n\(error)")
        }
    }

    /// Times on a worker's or the desk's screen: each site's own, from its calendar in the
    /// policy folder; this machine's zone, said so, when there is no folder to read.
    func taskClock(logger: Logger) -> TaskClock {
        guard let policy = try? PolicyLoader.load(directory: resolvedDirectory) else {
            logger.warning("no valid policy folder: times are shown in this machine's zone", metadata: ["policy.folder": "\(resolvedDirectory)"])
            return .machine
        }
        return .sites(policy)
    }
}
