import WorkOrderCore

/// What simulated staff report, step by step, so that a work order moves from its
/// dispatch to its end without a person at the keyboard. Pure: the time and the
/// randomness are arguments, and the steps follow the policy the server runs.
///
/// Who plays what:
/// - the department a task was dispatched to plays that task: engineering repairs,
///   leak tests, renovation monitoring and final inspection, move-in re-inspection;
///   security answers emergencies; the paid service's department does the work;
///   the routed department responds to a complaint, and on a `rectify:` dispatch
///   redoes the work (CB-06);
/// - the CS supervisor classifies a complaint and makes the first contact (CMP-01,
///   CMP-04) inside the complaint task, and customer service replies to the owner;
/// - the front desk (`department: customer_service`, any summary) plays the steps no
///   dispatch starts: renovation identity, agreement, authority approval, permit and
///   end of works; every move-in step up to the joint inspection and from sign-off
///   on; a paid service's quote (by the pricing team leader, PAID-01) and ticket;
///   consultations and general help requests;
/// - the call-back desk answers call-backs that fall due (`callbackAnswer`).
///
/// Not played: monthly contracts (PAID-03), collective complaints (the director's
/// report, CMP-03), complaints passed down by the centre (report back, CMP-12) and
/// referrals (REP-02); those stay with people.
public struct StaffPlaybook: Sendable {
    public var policy: PolicySet
    public var outcomes: SimulationOutcomes
    /// The calendar new appointments are made in (no home visits after 22:00).
    public var calendar: BusinessCalendar

    public init(policy: PolicySet, outcomes: SimulationOutcomes = SimulationOutcomes(), site: String = "") {
        self.policy = policy
        self.outcomes = outcomes
        self.calendar = policy.calendar(forSite: site)
    }

    /// A playbook on the default policy with this satisfaction scale (call-backs only
    /// need the scale; front-desk steps use the default document lists).
    public init(outcomes: SimulationOutcomes, satisfactionLevels: [String], satisfiedLevels: Set<String>) {
        var policy = PolicySet(version: "playbook")
        policy.satisfaction.levels = satisfactionLevels
        policy.satisfaction.satisfied = satisfactionLevels.filter { satisfiedLevels.contains($0) }
        self.init(policy: policy, outcomes: outcomes)
    }

    /// What the department's staff report next for an order of `kind` in `state`, given
    /// the summary of the task they were dispatched with and the events already sent for
    /// this task (oldest first). nil: nothing more is theirs to do (waiting for the
    /// call-back desk, another department, or the order has ended).
    public func nextStep(
        kind: OrderKind, state: String, department: Department, taskSummary: String,
        alreadySent: [String], now: Instant, random: inout some RandomNumberGenerator
    ) -> StaffStep? {
        let task = PlaybookTask(department: department, summary: taskSummary, sent: alreadySent, now: now)
        if state == "calling_back" {
            // CB-06: the only thing a department does during call-backs is redo the work.
            guard task.summary.hasPrefix("rectify:"), !task.has("rectified") else { return nil }
            return StaffStep(event: "rectified", actor: task.worker, fields: ["note": "work redone after the owner's call-back"])
        }
        switch kind {
        case .complaint: return complaintStep(state, task, random: &random)
        case .repair: return repairStep(state, task, random: &random)
        case .paid_service: return paidServiceStep(state, task, random: &random)
        case .help: return helpStep(state, task)
        case .renovation: return renovationStep(state, task)
        case .move_in: return moveInStep(state, task, random: &random)
        }
    }
}

/// One task as the playbook sees it: who holds it, what it is, what was already sent.
struct PlaybookTask {
    var department: Department
    var summary: String
    var sent: [String]
    var now: Instant

    func has(_ event: String) -> Bool { sent.contains(event) }

    /// The member of staff who reports for the department.
    var worker: Actor { SimulatedStaff.worker(of: department) }

    /// `event` once per task: nil when it was already sent.
    func once(_ event: String, by actor: Actor? = nil, _ fields: [String: JSONValue] = [:]) -> StaffStep? {
        has(event) ? nil : StaffStep(event: event, actor: actor ?? worker, fields: fields)
    }
}
