import WorkOrderCore

extension StaffPlaybook {
    /// A complaint task: the routed department responds (CMP-09), the CS supervisor
    /// classifies it valid (CMP-01) and contacts the owner (CMP-04), the department
    /// handles it, customer service replies (CMP-07). A "stop or limit" dispatch only
    /// contains the harm (CMP-10).
    func complaintStep(_ state: String, _ task: PlaybookTask, random: inout some RandomNumberGenerator) -> StaffStep? {
        if task.summary.hasPrefix("stop or limit") {
            guard ["received", "awaiting_contact", "in_hand", "assisted"].contains(state) else { return nil }
            return task.once("harm_contained")
        }
        let supervisor = SimulatedStaff.complaintSupervisor(policy)
        switch state {
        case "received":
            return task.once("responded")
                ?? task.once("classified", by: supervisor, ["class": "valid", "severity": "service_failing"])
        case "awaiting_contact":
            // A reply agreed for the next day: at a fast simulated clock (21,600× in the
            // tests) a time two hours ahead is a third of a real second, and a busy server
            // can read the step after it has passed (CMP-04 then refuses it).
            return task.once("contacted", by: supervisor, [
                "agreed_reply_at": JSONValue(task.now + .seconds(24 * 3600)),
            ])
        case "in_hand":
            return task.once("handled", ["summary": .string("put right by \(task.department.rawValue)")])
        case "assisted":
            // CMP-05: reported in writing to the solving party before it is handled.
            return task.once("reported_in_writing", ["reference": "letter to the solving party"])
                ?? task.once("handled", ["summary": "solved by the party responsible"])
        case "handled", "invalid":
            return task.once("replied", by: SimulatedStaff.frontDesk, replyFields(random: &random))
        default:
            return nil
        }
    }

    /// CMP-07: a home visit the owner signs, the form the procedure prefers; a written
    /// copy is left too, which is what a written complaint needs. CB-03: the sample
    /// value decides whether a non-major complaint is called back.
    private func replyFields(random: inout some RandomNumberGenerator) -> [String: JSONValue] {
        [
            "form": "home_visit", "owner_signed": true, "written_copy": true,
            "content": "the result of your complaint, explained at your home",
            "callback_sample": .number(Double.random(in: 0..<1, using: &random)),
        ]
    }
}
