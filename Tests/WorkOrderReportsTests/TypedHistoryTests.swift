import Testing
import WorkOrderCore
@testable import WorkOrderReports
import WorkOrderStore

/// Issue 12, item 9: the reports read each history row's typed fact, so rewording the
/// sentences changes no figure; rows written before facts existed (text only) read the
/// same as they always did.
@Suite struct TypedHistoryTests {
    /// The same history with a fact on every row the reports read and a sentence that
    /// no parser would understand.
    func typed(_ rows: [HistoryRecord], scale: [String]) -> [HistoryRecord] {
        rows.map { row in
            var fact: HistoryFact?
            if let (purpose, due) = row.deadlineSet { fact = .deadlineSet(purpose: purpose, dueMs: due.millisecondsSinceEpoch) }
            if let purpose = row.deadlineCleared { fact = .deadlineCleared(purpose: purpose) }
            if let call = row.callbackScheduled, let due = call.due {
                fact = .callbackScheduled(round: call.round, dueMs: due.millisecondsSinceEpoch, role: Role(rawValue: call.by ?? "") ?? .cs_staff)
            }
            if let answer = row.callbackAnswer(scale: scale), let round = answer.round {
                fact = .callbackAnswered(
                    round: round, form: ContactForm(rawValue: answer.form) ?? .phone, by: answer.by, satisfaction: answer.satisfaction ?? "", ownerSigned: false)
            }
            if row.isNotSampledNote { fact = .callbackNotSampled(sample: 0.9, ratio: 0.5) }
            guard let fact else { return row }
            var typed = row
            typed.fact = fact
            typed.detail = "改写过的句子 \(row.event)"
            return typed
        }
    }

    @Test func SAT_01_CB_01_figuresComeFromTheFactsNotTheSentences() throws {
        let scale = PolicySet(version: "test").satisfaction.levels
        var h = HistoryWriter(order: "R1", state: "awaiting_technician")
        h.set(.on_site, due: at(minutes: 15), at: t0)
        h.clear(.on_site, at: at(minutes: 10), state: "on_site")
        h.armCallback(round: 1, due: at(hours: 24), at: at(hours: 1))
        h.callbackFallsDue(round: 1, at: at(hours: 24))
        h.reached(round: 1, "dissatisfied", at: at(hours: 25), state: "closed")
        let order = try repair("R1", closed: true)
        let legacy = facts(order, h.rows, now: at(hours: 30))
        let typedRows = typed(h.rows, scale: scale)
        #expect(typedRows.filter { $0.fact != nil }.count == 5)
        #expect(!typedRows.contains { $0.detail.hasPrefix("call-back round ") || $0.detail.hasPrefix("on_site ") })
        let fromFacts = facts(order, typedRows, now: at(hours: 30))
        #expect(fromFacts.deadlines == legacy.deadlines)
        #expect(fromFacts.callbacks == legacy.callbacks)
        #expect(fromFacts.callbacks.calls.first?.answer?.satisfaction == "dissatisfied")
        #expect(fromFacts.deadlines.first { $0.purpose == .on_site }?.outcome == .met)
    }

    @Test func CB_08_theNotSampledFactLeavesAComplaintOutOfTheRate() {
        var h = HistoryWriter(order: "C1", state: "handled")
        h.add("replied", at: at(hours: 2), actor: "li.cs (cs_supervisor)", state: "closed")
        h.addToLastMessage("note", detail: "(any wording)")
        var rows = h.rows
        rows[rows.count - 1].fact = .callbackNotSampled(sample: 0.9, ratio: 0.5)
        #expect(CallbackLog.read(rows, scale: []).notSampled)
        // The sentence alone no longer decides once a row has a fact of another kind.
        rows[rows.count - 1].fact = .deadlineCleared(purpose: .reply)
        rows[rows.count - 1].detail = "not sampled for call-back (sample 0.9, ratio 0.5)"
        #expect(!CallbackLog.read(rows, scale: []).notSampled)
    }

    @Test func aFactRoundTripsThroughItsStoredJSON() {
        let all: [HistoryFact] = [
            .deadlineSet(purpose: .on_site, dueMs: 1_795_400_000_000), .deadlineCleared(purpose: .reply),
            .callbackScheduled(round: 2, dueMs: 1_795_400_000_000, role: .cs_staff),
            .callbackAnswered(round: 1, form: .home_visit, by: "zhao.cs", satisfaction: "satisfied", ownerSigned: true),
            .callbackNotSampled(sample: 0.25, ratio: 0.5),
        ]
        for fact in all {
            let row = HistoryRecord(orderID: "R1", at: t0, event: "note", actor: "system", fact: fact, messageID: nil, state: "x")
            #expect(HistoryRecord.fact(fromJSON: row.factJSON) == fact)
            #expect(row.detail == fact.text)
        }
        #expect(HistoryRecord.fact(fromJSON: #"{"somethingNewer":{}}"#) == nil, "a fact from a newer program is left out, not a crash")
    }
}
