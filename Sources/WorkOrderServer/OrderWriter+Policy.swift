import Logging
import WorkOrderCore

extension OrderWriter {
    /// The engine of the policy version `order` was opened under. A version the server
    /// has no engine for (orders older than recorded versions, or files that no longer
    /// load) falls back to the current policy, as servers did before versions were kept.
    func policyEngine(for order: WorkOrder) -> WorkflowEngine {
        if let engine = engines.engine(forVersion: order.policyVersion) { return engine }
        if unknownVersionsWarned.firstTime(order.policyVersion) {
            logger.warning("no policy of this version; its orders follow the current policy", metadata: [
                "policy.version": "\(order.policyVersion)", "policy.current": "\(engines.current.policy.version)",
                "workorder.id": "\(order.id)",
            ])
        }
        return engines.current
    }
}
