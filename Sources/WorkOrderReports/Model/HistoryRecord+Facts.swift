import WorkOrderCore
import WorkOrderStore

/// What the reports read from a history row: its typed fact when it has one (schema 5
/// on), else its sentence, read the way rows were written before facts existed. Stores
/// are not rewritten: old rows stay readable through the second path.
extension HistoryRecord {
    /// `deadline_set`: which deadline, due when.
    var deadlineSet: (TimerPurpose, Instant)? {
        guard event == "deadline_set" else { return nil }
        if case .deadlineSet(let purpose, let due)? = fact { return (purpose, Instant(millisecondsSinceEpoch: due)) }
        return DeadlineTracker.parseSet(detail)
    }

    /// `deadline_cleared`: which deadline.
    var deadlineCleared: TimerPurpose? {
        guard event == "deadline_cleared" else { return nil }
        if case .deadlineCleared(let purpose)? = fact { return purpose }
        return TimerPurpose(rawValue: detail)
    }

    /// `callback_scheduled`: the round, when it is due and who calls.
    var callbackScheduled: CallbackCall? {
        guard event == "callback_scheduled" else { return nil }
        if case .callbackScheduled(let round, let due, let role)? = fact {
            return CallbackCall(round: round, due: Instant(millisecondsSinceEpoch: due), by: role.rawValue)
        }
        return CallbackLog.parseScheduled(detail)
    }

    /// The note that records a reached call-back's answer; `scale` tells answers from
    /// abstentions.
    func callbackAnswer(scale: [String]) -> CallbackAnswerRecord? {
        guard event == "note" else { return nil }
        if case .callbackAnswered(let round, let form, let by, let satisfaction, _)? = fact {
            return CallbackAnswerRecord(
                round: round, form: form.rawValue, by: by, satisfaction: scale.contains(satisfaction) ? satisfaction : nil,
                at: Instant(millisecondsSinceEpoch: 0))
        }
        guard fact == nil, detail.hasPrefix("call-back round ") else { return nil }
        return CallbackLog.parseAnswer(detail, scale: scale)
    }

    /// CB-03: the note that sampling left a complaint without a call-back.
    var isNotSampledNote: Bool {
        guard event == "note" else { return false }
        if case .callbackNotSampled? = fact { return true }
        return fact == nil && detail.hasPrefix(CallbackLog.notSampledNote)
    }
}
