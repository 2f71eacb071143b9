import Logging
import WorkOrderCore
import WorkOrderStore
import WorkflowPolicy

extension PolicyEngines {
    /// What `wo serve` does before it takes any message: records the current policy's
    /// files the first time its version runs, refuses files changed under a version
    /// already recorded, and builds an engine from the recorded files of every older
    /// version that open orders still follow.
    ///
    /// `files`: the texts the current policy was loaded from (`PolicyLoader.loadWithFiles`).
    public static func prepare(
        current: PolicySet, files: [String: String], store: any OrderStore, logger: Logger
    ) async throws -> PolicyEngines {
        if let recorded = try await store.policyVersion(current.version) {
            guard recorded.files == files else {
                throw PolicyChangedWithoutNewVersion(version: current.version, recorded: recorded.files, now: files)
            }
        } else if try await store.recordPolicyVersion(current.version, files: files) {
            logger.info("policy version recorded", metadata: ["policy.version": "\(current.version)", "policy.files": "\(files.count)"])
        }
        var older: [PolicySet] = []
        for version in try await store.policyVersionsOfOpenOrders().sorted() where version != current.version {
            // A version with no recorded files (orders from before versions were recorded)
            // runs under the current policy; the writer says so when it meets one.
            guard let recorded = try await store.policyVersion(version) else { continue }
            do {
                older.append(try PolicyLoader.load(files: recorded.files, origin: "recorded policy \(version)"))
            } catch {
                logger.error("a recorded policy version no longer loads; its open orders run under the current policy", metadata: [
                    "policy.version": "\(version)", "policy.problems": "\(error)",
                ])
            }
        }
        let engines = PolicyEngines(current: current, older: older)
        logger.info("policy engines ready", metadata: [
            "policy.version": "\(current.version)", "policy.versions": "\(engines.versions.joined(separator: ", "))",
        ])
        return engines
    }
}

/// The policy files differ from those recorded for the same `version:`; starting would
/// change the rules of orders already open under that version without anyone saying so.
public struct PolicyChangedWithoutNewVersion: Error, Hashable, Sendable, CustomStringConvertible {
    public var version: String
    /// Files added, removed or edited since the version was recorded, by relative path.
    public var changedFiles: [String]

    public init(version: String, recorded: [String: String], now: [String: String]) {
        self.version = version
        changedFiles = Set(recorded.keys).union(now.keys).filter { recorded[$0] != now[$0] }.sorted()
    }

    public var description: String {
        "the policy files changed (\(changedFiles.joined(separator: ", "))) but version: in policy.yaml is still \"\(version)\", "
            + "so orders opened under \(version) would change rules silently; bump version: in policy.yaml"
    }
}
