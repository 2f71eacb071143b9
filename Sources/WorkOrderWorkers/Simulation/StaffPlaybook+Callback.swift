import WorkOrderCore

extension StaffPlaybook {
    /// The call-back desk's answer to a call-back that fell due: the owner is not reached
    /// (`unreachedRate`), or is reached by phone, the script followed (CB-04), the clerk's
    /// name recorded (CB-05), with a level from the policy's scale: dissatisfied with
    /// `dissatisfiedRate` (CB-06), otherwise one of the satisfied levels.
    public func callbackAnswer(kind: OrderKind, round: Int, now: Instant, random: inout some RandomNumberGenerator) -> StaffStep {
        let desk = SimulatedStaff.callbackDesk
        if random.chance(outcomes.unreachedRate) {
            return StaffStep(event: "callback_not_reached", actor: desk, fields: ["note": .string("round \(round): no answer")])
        }
        let scale = policy.satisfaction
        let dissatisfied = random.chance(outcomes.dissatisfiedRate)
        let pool = scale.levels.filter { scale.isSatisfied($0) != dissatisfied }
        let level = pool.randomElement(using: &random) ?? scale.levels.last ?? "satisfied"
        return StaffStep(event: "callback_reached", actor: desk, fields: [
            "form": "phone", "script_followed": true, "satisfaction": .string(level),
            "note": .string("\(kind.rawValue) call-back round \(round)"),
        ])
    }
}
