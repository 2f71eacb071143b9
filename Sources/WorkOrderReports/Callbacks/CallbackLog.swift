import Foundation
import WorkOrderCore
import WorkOrderStore

/// An order's call-backs as its history records them: each round scheduled
/// (`callback_scheduled`: `round N due <ms> by <role>`), the attempts that did not reach
/// the owner, and the answer (`callback_reached`, with the engine's note
/// `call-back round N by <form>, <who>: <satisfaction>[, owner signed]`), and a complaint
/// that sampling left without one (the engine's note `not sampled for call-back (…)`,
/// CB-03). The history is the only place answers survive once the order has closed.
public struct CallbackLog: Hashable, Codable, Sendable {
    public var calls: [CallbackCall]
    /// CB-03: a non-major complaint that the monthly sampling did not pick, so it was
    /// never due a call-back.
    public var notSampled: Bool

    public init(calls: [CallbackCall], notSampled: Bool = false) {
        self.calls = calls
        self.notSampled = notSampled
    }

    public var answers: [CallbackAnswerRecord] { calls.compactMap(\.answer) }
    public var wasReached: Bool { calls.contains { $0.answer != nil } }
    /// When the first call-back was due; nil when none was scheduled.
    public var firstDue: Instant? { calls.compactMap(\.due).min() }

    /// `scale` tells which words are answers; anything else is an abstention.
    public static func read(_ history: [HistoryRecord], scale: [String]) -> CallbackLog {
        var calls: [CallbackCall] = []
        var notSampled = false
        for (index, row) in history.enumerated() {
            switch row.event {
            case "note" where row.isNotSampledNote:
                notSampled = true
            case "callback_scheduled":
                guard let call = row.callbackScheduled else { continue }
                calls.append(call)
            case "callback_not_reached":
                if calls.isEmpty { calls.append(CallbackCall(round: 1)) }
                calls[calls.count - 1].notReached += 1
            case "callback_reached":
                var answer = history[(index + 1)...].prefix { $0.messageID == row.messageID && $0.at == row.at }
                    .lazy.compactMap { $0.callbackAnswer(scale: scale) }.first
                    ?? CallbackAnswerRecord(round: nil, form: "", by: row.actor, satisfaction: nil, at: row.at)
                answer.at = row.at
                let round = answer.round ?? calls.last?.round ?? 1
                if let open = calls.lastIndex(where: { $0.round == round && $0.answer == nil }) {
                    calls[open].answer = answer
                } else {
                    calls.append(CallbackCall(round: round, answer: answer))
                }
            default:
                continue
            }
        }
        return CallbackLog(calls: calls, notSampled: notSampled)
    }

    /// How the engine's note begins when sampling leaves a complaint uncalled
    /// (`not sampled for call-back (sample 0.9, ratio 0.5)`).
    static let notSampledNote = "not sampled for call-back ("

    /// `round 2 due 1772600000000 by cs_staff`.
    static func parseScheduled(_ detail: String) -> CallbackCall? {
        let words = detail.split(separator: " ")
        guard words.count == 6, words[0] == "round", words[2] == "due", words[4] == "by",
              let round = Int(words[1]), let ms = Int64(words[3]) else { return nil }
        return CallbackCall(round: round, due: Instant(millisecondsSinceEpoch: ms), by: String(words[5]))
    }

    /// `call-back round 1 by phone, zhao.cs: satisfied, owner signed`.
    static func parseAnswer(_ detail: String, scale: [String]) -> CallbackAnswerRecord? {
        let rest = detail.dropFirst("call-back round ".count)
        guard let space = rest.firstIndex(of: " "), let round = Int(rest[..<space]) else { return nil }
        let afterRound = rest[space...].drop { $0 == " " }
        guard afterRound.hasPrefix("by "), let comma = afterRound.firstIndex(of: ",") else { return nil }
        let form = afterRound.dropFirst(3)[..<comma]
        let tail = afterRound[afterRound.index(after: comma)...].drop { $0 == " " }
        guard let colon = tail.range(of: ": ") else { return nil }
        let said = tail[colon.upperBound...]
        let level = scale.first { said == $0 || said.hasPrefix($0 + ",") }
        return CallbackAnswerRecord(round: round, form: String(form), by: String(tail[..<colon.lowerBound]), satisfaction: level, at: Instant(millisecondsSinceEpoch: 0))
    }
}

/// One round of call-backs.
public struct CallbackCall: Hashable, Codable, Sendable {
    public var round: Int
    public var due: Instant?
    /// The role that calls.
    public var by: String?
    /// Attempts that did not reach the owner.
    public var notReached: Int
    public var answer: CallbackAnswerRecord?

    public init(round: Int, due: Instant? = nil, by: String? = nil, notReached: Int = 0, answer: CallbackAnswerRecord? = nil) {
        self.round = round
        self.due = due
        self.by = by
        self.notReached = notReached
        self.answer = answer
    }
}

/// What the owner said. `satisfaction` is nil for an abstention: no answer on the scale.
public struct CallbackAnswerRecord: Hashable, Codable, Sendable {
    public var round: Int?
    public var form: String
    public var by: String
    public var satisfaction: String?
    public var at: Instant
}
