import WorkOrderCore
import WorkOrderStore

extension OrderWriter {
    /// Records a step `engine` produced, its effects, and any linked orders it opens
    /// (HELP-05, MOV-05, CMP-13). A linked order is new, so it opens under the current policy.
    func add(_ step: Step, by engine: WorkflowEngine, causedBy messageID: String?, to unit: inout UnitOfWork, batch: inout Batch, now: Instant) async throws {
        var pending = [(step, messageID, engine.policy)]
        // Into the batch's cache only once every linked order has opened: a refused step
        // leaves the batch as it found it, without copying the cache.
        var changed: [WorkOrder] = []
        while let (current, cause, policy) = pending.popLast() {
            let effects = StepEffects(step: current, causedBy: cause, policy: policy, now: now)
            unit.orders.append(current.order)
            changed.append(current.order)
            unit.history += effects.history
            unit.armTimers += effects.armTimers
            unit.cancelTimers += effects.cancelTimers
            unit.outbox += effects.outbox
            for (intake, link) in effects.linkedIntakes {
                let childID = try await freeChildID(
                    of: current.order.id, relation: link.relation, batch: &batch, taken: pending.map(\.0.order.id) + changed.map(\.id))
                var childIntake = intake
                childIntake.repeatOf = []
                switch engines.current.open(childIntake, id: childID, at: now) {
                case .success(var child):
                    let back = OrderLink(link.relation, current.order.id)
                    if !child.order.links.contains(back) { child.order.links.append(back) }
                    pending.append((child, cause, engines.current.policy))
                case .failure(let rejection):
                    throw LinkedOrderRefused(rejection: Rejection(
                        rejection.code, "the linked \(intake.kind.rawValue) order cannot open: \(rejection.reason)",
                        rule: rejection.rule))
                }
            }
        }
        for order in changed { batch.remember(order) }
    }

    /// `<parent>-<R><n>` with the first n that no stored order, no order of this batch
    /// and no child still waiting in `taken` has: an order may open several children of
    /// one relation over its life (a second emergency, a second visit).
    func freeChildID(of parent: String, relation: OrderLink.Relation, batch: inout Batch, taken: [String]) async throws -> String {
        let prefix = "\(parent)-\(relation.rawValue.prefix(1).uppercased())"
        var n = 1
        while true {
            let id = "\(prefix)\(n)"
            if !taken.contains(id), try await batch.order(id) == nil { return id }
            n += 1
        }
    }
}

/// A step whose linked order (HELP-05, MOV-05, PAID-03, CMP-13) the engine refuses is
/// refused as a whole: half a conversion would leave a request with no order.
struct LinkedOrderRefused: Error {
    var rejection: Rejection
}
