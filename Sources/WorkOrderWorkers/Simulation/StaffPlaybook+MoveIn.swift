import WorkOrderCore

extension StaffPlaybook {
    /// A move-in, mostly at the front desk: documents (MOV-01), registration (MOV-02),
    /// hand-over (MOV-03), fees (MOV-04), the joint inspection with engineering and, if a
    /// defect was found, its repair and a re-inspection booked (MOV-05), sign-off, archive
    /// (MOV-06). Engineering's re-inspection dispatch finds everything fixed.
    func moveInStep(_ state: String, _ task: PlaybookTask, random: inout some RandomNumberGenerator) -> StaffStep? {
        let moveIn = policy.moveIn
        switch state {
        case "booked":
            // The desk does not know the buyer case: the documents of every case are checked.
            let all = BuyerCase.allCases.flatMap { moveIn.documents[$0] ?? [] }
            return task.once("documents_checked", ["documents": strings(unique(all))])
        case "documents_checked":
            return task.once("registered", ["form_filled": true, "agreements": strings(moveIn.agreements)])
        case "registered":
            return task.once("items_handed_over", ["items": strings(moveIn.handoverItems), "owner_signature": "the owner (simulated signature)"])
        case "handed_over":
            return task.once("fees_collected", ["fees": .object(Dictionary(uniqueKeysWithValues: moveIn.fees.map { ($0, JSONValue.number(10_000)) }))])
        case "fees_paid":
            guard !task.has("inspected") else { return nil }
            let defects: [String] = random.chance(outcomes.moveInDefectRate) ? [Self.moveInDefect] : []
            return StaffStep(event: "inspected", actor: task.worker, fields: [
                "meters": .object(Dictionary(uniqueKeysWithValues: moveIn.meters.map { ($0, JSONValue.number(0)) })),
                "confirmed_by_owner": true, "defects": strings(defects),
            ])
        case "awaiting_repairs":
            return task.once("defect_repaired", ["defect": .string(Self.moveInDefect)])
                ?? task.once("reinspection_booked", ["at": JSONValue(visitTime(after: .seconds(24 * 3600), from: task.now))])
        case "awaiting_reinspection":
            guard task.department == .engineering else { return nil }
            return task.once("reinspected", ["defects": []])
        case "awaiting_sign_off":
            return task.once("signed_off", ["owner_signature": "the owner (simulated signature)"])
        case "signed_off":
            let all = BuyerCase.allCases.flatMap { moveIn.archive[$0] ?? [] }
            return task.once("archived", ["documents": strings(unique(all))])
        default:
            return nil
        }
    }

    /// The one defect a simulated inspection finds, so the desk can report it repaired.
    static let moveInDefect = "cracked floor tile"
}
