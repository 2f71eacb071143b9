import WorkOrderCore

extension StaffPlaybook {
    /// A renovation permit: the front desk checks identity (REN-01), signs the agreement
    /// (REN-02), records the authority's approval (REN-03) and issues the permit (REN-04).
    /// The departments told to monitor the works: engineering reports their end;
    /// security has nothing to report. Engineering's final inspection passes (REN-05).
    func renovationStep(_ state: String, _ task: PlaybookTask) -> StaffStep? {
        let desk = SimulatedStaff.frontDesk
        let renovation = policy.renovation
        switch state {
        case "applied":
            // The desk does not know who applied: the documents of both cases are on file.
            return task.once("identity_checked", by: desk, ["documents": strings(unique(renovation.ownerDocuments + renovation.agentDocuments))])
        case "identified":
            return task.once("agreement_signed", by: desk, ["rules_restated": true, "plan_reviewed": true])
        case "awaiting_authority":
            return task.once("authority_approved", by: desk, ["reference": "housing authority approval on file"])
        case "agreed":
            return task.once("permit_issued", by: desk, [
                "start_date": .string(localDate(daysFrom: task.now, 1)), "end_date": .string(localDate(daysFrom: task.now, 60)),
                "person_in_charge": "the contractor's foreman", "passes": ["worker pass 1", "worker pass 2"], "deposit_fen": 200_000,
            ])
        case "under_way":
            guard task.department != .security else { return nil }
            return task.once("works_finished")
        case "awaiting_inspection":
            guard task.department == .engineering, !task.has("works_finished") else { return nil }
            return task.once("final_inspection", ["passed": true, "notes": "works as in the reviewed plan"])
        default:
            return nil
        }
    }
}

func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

/// `values` without repeats, first occurrence kept.
func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}
