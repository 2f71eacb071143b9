import WorkOrderCore

/// The engines a server runs orders with: the current policy's, which opens every new
/// order, and one for each older version that open orders still follow, so an order
/// keeps the rules it was opened under when the policy changes.
public struct PolicyEngines: Sendable {
    public let current: WorkflowEngine
    /// Every engine by its policy's version, the current one included.
    private let byVersion: [String: WorkflowEngine]

    public init(current: PolicySet, older: [PolicySet] = []) {
        let engine = WorkflowEngine(policy: current)
        var byVersion: [String: WorkflowEngine] = [:]
        for policy in older { byVersion[policy.version] = WorkflowEngine(policy: policy) }
        byVersion[current.version] = engine
        self.current = engine
        self.byVersion = byVersion
    }

    /// The engine of `version`, or nil when the server has no policy of that version.
    public func engine(forVersion version: String) -> WorkflowEngine? {
        byVersion[version]
    }

    /// The versions the server has an engine for, in order.
    public var versions: [String] { byVersion.keys.sorted() }
}
