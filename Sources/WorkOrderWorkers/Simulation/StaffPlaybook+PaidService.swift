import WorkOrderCore

extension StaffPlaybook {
    /// A paid service: the front desk has it priced (by the team leader on site for
    /// cleaning and greening) and tickets it (PAID-01); the ticket's dispatch does the
    /// work, and the owner accepts and signs before any charge (PAID-02).
    func paidServiceStep(_ state: String, _ task: PlaybookTask, random: inout some RandomNumberGenerator) -> StaffStep? {
        switch state {
        case "requested":
            return task.once("quoted", by: SimulatedStaff.pricer(for: task.department, policy), [
                "items": ["as agreed with the owner"], "area": "whole flat",
                "scheduled_at": JSONValue(visitTime(after: .seconds(24 * 3600), from: task.now)), "fee_fen": 20_000,
            ])
        case "agreed":
            return task.once("ticket_issued", by: SimulatedStaff.frontDesk, ["ticket": .string(ticketNumber(random: &random))])
        case "ticketed":
            return task.once("work_started")
        case "in_service":
            // After not_accepted the same order comes back here with a `redo:` dispatch.
            return task.once("work_done")
        case "awaiting_acceptance":
            return task.once("accepted", ["owner_signature": "the owner (simulated signature)"])
        default:
            return nil
        }
    }

    private func ticketNumber(random: inout some RandomNumberGenerator) -> String {
        "T-" + String(UInt32.random(in: 0...UInt32.max, using: &random), radix: 16, uppercase: true)
    }
}
