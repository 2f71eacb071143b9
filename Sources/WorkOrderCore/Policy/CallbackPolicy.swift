/// One call-back: `after` counts from the previous round's due time (the first round
/// from the moment the order's work was finished), made by `by`.
public struct CallbackRound: Hashable, Codable, Sendable {
    public var after: PolicyDuration
    public var by: Role

    public init(after: PolicyDuration, by: Role = .cs_staff) {
        self.after = after
        self.by = by
    }
}

/// Which call-back schedule an order gets (CB-01 … CB-03).
public enum CallbackScheduleName: String, Hashable, Codable, CaseIterable, Sendable {
    case repair_emergency, repair_safety_facility, repair_leak, repair_other
    case complaint_major, complaint
    case paid_service
}

/// Call-back schedules and outcomes (CB-01 … CB-07).
public struct CallbackPolicy: Hashable, Sendable {
    public var schedules: [CallbackScheduleName: [CallbackRound]] = [
        .repair_emergency: [CallbackRound(after: .elapsed(.seconds(86_400))), CallbackRound(after: .elapsed(.seconds(2 * 86_400)))],
        .repair_safety_facility: [CallbackRound(after: .elapsed(.seconds(2 * 86_400)))],
        .repair_leak: [CallbackRound(after: .elapsed(.seconds(3 * 86_400)))],
        .repair_other: [CallbackRound(after: .elapsed(.seconds(2 * 86_400)))],
        .complaint_major: [CallbackRound(after: .elapsed(.seconds(86_400)), by: .cs_supervisor)],
        .complaint: [CallbackRound(after: .elapsed(.seconds(86_400)))],
        .paid_service: [CallbackRound(after: .elapsed(.seconds(86_400)))],
    ]
    /// CB-02: the engineering supervisor's own call within this of every repair.
    public var repairSupervisorCallWithin: PolicyDuration = .elapsed(.seconds(86_400))
    /// CB-03: share of non-major complaints called back (0…1), compared with the sample value passed in.
    public var complaintSamplingRatio: Double = 0.5
    /// Not reached: retry after this, at most this many attempts in all.
    public var retryAfter: PolicyDuration = .elapsed(.seconds(2 * 3600))
    public var maxAttempts = 3
    /// CB-06: after rectification, call back again within this.
    public var recallAfterRectification: PolicyDuration = .elapsed(.seconds(86_400))
    /// CB-06: who visits a dissatisfied owner.
    public var rectificationVisitBy: Role = .butler
    /// CB-04: what the caller says, step by step.
    public var script: [CallbackScriptLine] = CallbackScript.defaultLines
    public init() {}
}
