import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports

/// CB-08 and the call-back log read from history.
@Suite struct CallbackRateTests {
    @Test func theLogReadsRoundsAttemptsAndAnswers() {
        var h = HistoryWriter(order: "R-1", state: "calling_back")
        h.scheduleCallback(round: 1, due: at(hours: 24), at: t0)
        h.add("callback_not_reached", at: at(hours: 25), actor: "zhao.cs (cs_staff)")
        h.reached(round: 1, "satisfied, owner signed", at: at(hours: 27))
        h.scheduleCallback(round: 2, due: at(hours: 72), at: at(hours: 27))
        h.reached(round: 2, "so-so", at: at(hours: 70), state: "closed")
        let log = CallbackLog.read(h.rows, scale: SatisfactionScale().levels)
        #expect(log.calls.map(\.round) == [1, 2])
        #expect(log.calls[0].notReached == 1 && log.calls[0].due == at(hours: 24) && log.calls[0].by == "cs_staff")
        #expect(log.answers.map(\.satisfaction) == ["satisfied", nil])
        #expect(log.answers.first?.form == "phone" && log.answers.first?.by == "zhao.cs" && log.answers.first?.at == at(hours: 27))
    }

    @Test func CB_08_rateIsReachedOverRequestsWhoseCallBackWasDue() throws {
        let now = at(hours: 100)
        func scheduled(_ id: String, due: Instant, reached: Bool) -> [HistoryRecord] {
            var h = HistoryWriter(order: id, state: "calling_back")
            h.scheduleCallback(round: 1, due: due, at: t0)
            if reached { h.reached(round: 1, "satisfied", at: due) }
            return h.rows
        }
        let orders = [
            facts(try repair("R-1"), scheduled("R-1", due: at(hours: 24), reached: true), now: now),     // reached
            facts(try repair("R-2"), scheduled("R-2", due: at(hours: 24), reached: true), now: now),     // reached
            facts(try repair("R-3"), scheduled("R-3", due: at(hours: 48), reached: false), now: now),    // due, missed
            facts(try repair("R-4", closed: true), [], now: now),                                         // ended without one
            facts(try repair("R-5"), scheduled("R-5", due: at(hours: 120), reached: false), now: now),   // not yet due
            facts(try repair("R-6"), [], now: now),                                                        // still in hand
            facts(try openOrder(.help, id: "H-1", fields: ["help_type": "consultation", "topic": "fees"]), [], now: now),
        ]
        let rate = CallbackRate(facts: orders, at: now)
        // 2 reached of 4 due (R-1, R-2, R-3, R-4) = 50%, under the 90% target.
        #expect((rate.due, rate.reached, rate.notYetDue) == (4, 2, 1))
        #expect(rate.percent == 50 && rate.meetsTarget == false)
    }

    /// CB-03: a non-major complaint is called back only when sampled; one that sampling
    /// left out was never due a call-back, so it is neither a miss nor in the count.
    @Test func CB_08_unsampledComplaintsAreNotInTheDenominator() throws {
        let now = at(hours: 100)
        var unsampled = HistoryWriter(order: "C-1", state: "handled")
        unsampled.add("replied", at: t0, actor: "li.cs (cs_supervisor)", detail: "replied by li.cs (cs_supervisor)", state: "closed")
        unsampled.addToLastMessage("reply_to_owner", detail: "phone: not the management's remit")
        unsampled.addToLastMessage("note", detail: "not sampled for call-back (sample 0.9, ratio 0.5)")
        var reached = HistoryWriter(order: "C-2", state: "calling_back")
        reached.armCallback(round: 1, due: at(hours: 24), at: t0)
        reached.reached(round: 1, "satisfied", at: at(hours: 25), state: "closed")
        var missed = HistoryWriter(order: "C-3", state: "calling_back")
        missed.armCallback(round: 1, due: at(hours: 24), at: t0)
        missed.callbackFallsDue(round: 1, at: at(hours: 24))
        let orders = [
            facts(try complaint("C-1", closed: true), unsampled.rows, now: now),
            facts(try complaint("C-2", closed: true), reached.rows, now: now),
            facts(try complaint("C-3"), missed.rows, now: now),
        ]
        let rate = CallbackRate(facts: orders, at: now)
        // C-2 reached, C-3 due and missed; C-1 was never due one: 1 of 2 = 50%, not 1 of 3.
        #expect((rate.due, rate.reached, rate.notYetDue, rate.notSampled) == (2, 1, 0, 1))
        #expect(rate.percent == 50)
        #expect(orders.map(\.callbacks.notSampled) == [true, false, false])
    }

    @Test func CB_08_allReachedMeetsTheTarget() throws {
        var h = HistoryWriter(order: "R-1", state: "calling_back")
        h.scheduleCallback(round: 1, due: at(hours: 24), at: t0)
        h.reached(round: 1, "dissatisfied", at: at(hours: 20))
        let rate = CallbackRate(facts: [facts(try repair("R-1"), h.rows, now: at(hours: 30))], at: at(hours: 30))
        #expect(rate.percent == 100 && rate.meetsTarget == true)
    }
}
