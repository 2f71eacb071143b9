/// The call-back lifecycle of one order (CB-01 … CB-07):
/// scheduled → due → reached / not reached (retries) → satisfied / dissatisfied →
/// rectification → a new call-back.
///
/// Embedded in the `calling_back` state of complaints, repairs and paid services.
public struct CallbackLifecycle: Hashable, Codable, Sendable {
    public private(set) var phase: CallbackPhase
    /// The round in progress, from 1.
    public private(set) var round: Int
    /// Calls still to make after the current one, earliest first.
    public private(set) var pending: [PlannedCall]
    /// Attempts made in the current round.
    public private(set) var attempts: Int
    public private(set) var answers: [CallbackAnswer]
    /// The department that redoes the work if the owner is dissatisfied (CB-06).
    public var responsible: Department

    /// The call-backs of `rounds`, counted from `start`; nil when there are none.
    static func start(
        rounds: [CallbackRound], from start: Instant, responsible: Department, context: MachineContext
    ) -> (CallbackLifecycle, [WorkflowAction])? {
        var due = start
        var planned: [PlannedCall] = []
        for round in rounds {
            due = context.due(round.after, from: due)
            planned.append(PlannedCall(due: due, by: round.by))
        }
        guard let first = planned.first else { return nil }
        let lifecycle = CallbackLifecycle(
            phase: .scheduled(first), round: 1, pending: Array(planned.dropFirst()), attempts: 0, answers: [],
            responsible: responsible)
        return (lifecycle, lifecycle.scheduleActions(first, context: context))
    }

    public var isFinished: Bool { Self.transitionTable.finals.contains(phase.name) }

    private func scheduleActions(_ call: PlannedCall, context: MachineContext) -> [WorkflowAction] {
        [.scheduleCallback(round: round, due: call.due, by: call.by), context.arm(.callback, at: call.due)]
    }

    mutating func handle(_ event: CallbackEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        let table = Self.transitionTable
        guard table.allows(event.name, from: phase.name) else { throw table.refusal(event.name, in: phase.name) }
        switch (phase, event) {
        case (.scheduled(let call), .due):
            phase = .due(call)
            return [.callbackDue(round: round, attempt: attempts + 1, by: call.by)]
        case (.due(let call), .retryDue):
            return [.callbackDue(round: round, attempt: attempts + 1, by: call.by)]
        case (.due, .notReached(let note)):
            attempts += 1
            let policy = context.policy.callbacks
            let line = "call-back round \(round): owner not reached (attempt \(attempts) of \(policy.maxAttempts))"
                + (note.map { ": \($0)" } ?? "")
            guard attempts >= policy.maxAttempts else {
                return [.record(line), context.arm(.callback_retry, after: policy.retryAfter)]
            }
            phase = .unreachable
            return [.record(line + "; call-backs end unreached")]
        case (.scheduled, .reached(let answer)), (.due, .reached(let answer)):
            return try reached(answer, context: context)
        case (.rectifying, .rectified(let note)):
            let call = PlannedCall(
                due: context.due(context.policy.callbacks.recallAfterRectification), by: .cs_staff)
            round += 1
            attempts = 0
            phase = .scheduled(call)
            return [.record("rectification done" + (note.map { ": \($0)" } ?? ""))] + scheduleActions(call, context: context)
        default:
            throw Rejection(.internal_inconsistency, "call-back: '\(event.name)' in '\(phase.name)' has no handler")
        }
    }

    private mutating func reached(_ answer: CallbackAnswer, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var actions: [WorkflowAction] = []
        if case .scheduled = phase { actions.append(context.cancel(.callback)) }
        if attempts > 0 { actions.append(context.cancel(.callback_retry)) }
        answers.append(answer)
        actions.append(.fact(.callbackAnswered(
            round: round, form: answer.form, by: answer.by.id, satisfaction: answer.satisfaction, ownerSigned: answer.ownerSigned)))
        if let question = answer.openQuestion, let answerBy = answer.answerBy {
            // CB-07: a definite time for the answer, kept as a call-back at that time.
            insert(PlannedCall(due: answerBy, by: .cs_staff))
            actions.append(.notify(role: .cs_supervisor, reason: "owner's question to answer by \(answerBy, in: context.calendar): \(question)"))
        }
        attempts = 0
        if !context.policy.satisfaction.isSatisfied(answer.satisfaction) {
            // CB-06: rectification: the butler visits, the department redoes the work.
            phase = .rectifying(since: context.now)
            let visitor = context.policy.callbacks.rectificationVisitBy
            return actions + [
                .notify(role: visitor, reason: "owner dissatisfied at call-back round \(round): visit the owner"),
                .dispatch(to: responsible, task: DispatchTask(summary: "rectify: owner dissatisfied at call-back round \(round)")),
            ]
        }
        guard !pending.isEmpty else {
            phase = .satisfied
            return actions
        }
        let next = pending.removeFirst()
        round += 1
        phase = .scheduled(next)
        return actions + scheduleActions(next, context: context)
    }

    private mutating func insert(_ call: PlannedCall) {
        let index = pending.firstIndex { $0.due > call.due } ?? pending.endIndex
        pending.insert(call, at: index)
    }
}

/// A call-back to make at `due`, by `by`.
public struct PlannedCall: Hashable, Codable, Sendable {
    public var due: Instant
    public var by: Role
}

public enum CallbackPhase: Hashable, Codable, Sendable {
    case scheduled(PlannedCall)
    case due(PlannedCall)
    case rectifying(since: Instant)
    /// Every round answered satisfied.
    case satisfied
    /// The owner could not be reached within the allowed attempts.
    case unreachable

    public var name: String {
        switch self {
        case .scheduled: return "scheduled"
        case .due: return "due"
        case .rectifying: return "rectifying"
        case .satisfied: return "satisfied"
        case .unreachable: return "unreachable"
        }
    }
}
