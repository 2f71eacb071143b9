import WorkOrderCore

extension StaffPlaybook {
    /// Engineering's repair visit: arrive; maybe find nobody home (REP-03); maybe quote
    /// materials (REP-04); finish with the owner's acceptance and signature (REP-05).
    /// The fee is left to the supervisors (REP-05) and the warranty decides it (REP-07):
    /// a technician takes no money. A leak test is its own dispatch (CB-02).
    func repairStep(_ state: String, _ task: PlaybookTask, random: inout some RandomNumberGenerator) -> StaffStep? {
        switch state {
        case "awaiting_technician", "scheduled":
            // After owner_absent the visit at the new appointment is a new dispatch.
            return task.has("owner_absent") ? nil : task.once("on_site")
        case "on_site":
            return onSiteStep(task, random: &random)
        case "awaiting_leak_test":
            guard task.summary == "leak test" else { return nil }
            return task.once("leak_test_passed")
        default:
            return nil
        }
    }

    private func onSiteStep(_ task: PlaybookTask, random: inout some RandomNumberGenerator) -> StaffStep? {
        if task.has("completed") || task.has("owner_absent") { return nil }
        // The owner's absence and the need for materials are found on arrival, once.
        if task.sent.last == "on_site" {
            if random.chance(outcomes.ownerAbsentRate) {
                return StaffStep(event: "owner_absent", actor: task.worker, fields: [
                    "note_left": true,
                    "new_appointment_at": JSONValue(visitTime(after: .seconds(2 * 3600), from: task.now)),
                ])
            }
            if random.chance(outcomes.materialsRate) {
                return StaffStep(event: "materials_quoted", actor: task.worker, fields: [
                    "items": ["replacement part"], "amount_fen": 8_000, "owner_agreed": true,
                ])
            }
        }
        return StaffStep(event: "completed", actor: task.worker, fields: [
            "owner_accepted": true,
            "owner_signature": "the owner (simulated signature)",
            "materials_used": .bool(task.has("materials_quoted")),
            "summary": "repaired and tested with the owner",
        ])
    }
}
