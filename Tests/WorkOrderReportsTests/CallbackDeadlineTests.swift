import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports

/// Call-back deadlines (CB-01 … CB-03): a call-back falls due at the time the rule fixes,
/// and is kept when answered within the window the policy's attempts take
/// (`max_attempts` × `retry_after`: 3 × 2 h by default). Every repair below was finished at
/// t0 and its one call-back falls due two days later, at 48 h; its window ends at 54 h.
@Suite struct CallbackDeadlineTests {
    static let due = at(hours: 48)

    /// The history up to the call-back falling due, as the server writes it.
    func fellDue() -> HistoryWriter {
        var h = HistoryWriter(order: "R-1", state: "calling_back")
        h.armCallback(round: 1, due: Self.due, at: t0)
        h.callbackFallsDue(round: 1, at: Self.due)
        return h
    }

    func callback(_ h: HistoryWriter, closed: Bool = false, timers: [ArmedTimer] = [], now: Instant,
                  policy: PolicySet = testPolicy) throws -> (TrackedDeadline, OrderFacts) {
        let record = OrderRecord(order: try repair("R-1", closed: closed), history: h.rows, armedTimers: timers)
        let facts = OrderFacts(record, context: ReadContext(now: now, policy: policy))
        return (try #require(facts.deadlines.first { $0.purpose == .callback }), facts)
    }

    @Test func CB_01_callbackAnsweredWithinItsWindowIsMet() throws {
        var h = fellDue()
        h.reached(round: 1, "satisfied", at: Self.due + .seconds(10 * 60), state: "closed")
        let (d, facts) = try callback(h, closed: true, now: at(hours: 60))
        #expect(d.outcome == .met && !d.lateNow && d.closedAt == Self.due + .seconds(10 * 60))
        #expect(d.lateness(at: at(hours: 60)) == .zero)
        let line = try #require(ServiceLevel.lines([facts]).first { $0.purpose == .callback })
        #expect((line.met, line.breached, line.running) == (1, 0, 0) && line.percent == 100)
    }

    @Test func CB_01_callbackUnansweredWithinItsWindowIsPendingNotBreached() throws {
        var h = fellDue()
        h.notReached(round: 1, attempt: 1, at: Self.due + .seconds(30 * 60))   // not the last attempt: still owed
        let (d, facts) = try callback(h, now: at(hours: 50))
        #expect(d.outcome == .at_risk && !d.lateNow && d.closedAt == nil)
        #expect(facts.late.isEmpty && facts.breached.isEmpty)
        let line = try #require(ServiceLevel.lines([facts]).first { $0.purpose == .callback })
        #expect((line.met, line.breached, line.running, line.atRisk) == (0, 0, 1, 1) && line.percent == nil)
    }

    @Test func CB_01_callbackStillUnansweredPastItsWindowIsBreached() throws {
        var h = fellDue()
        let (late, _) = try callback(h, now: at(hours: 55))
        // Late from the end of the window (54 h), not from the moment it fell due.
        #expect(late.outcome == .breached && late.lateNow && late.lateness(at: at(hours: 55)) == .seconds(3600))

        h.reached(round: 1, "satisfied", at: at(hours: 56), state: "closed")
        let (answered, _) = try callback(h, closed: true, now: at(hours: 60))
        #expect(answered.outcome == .breached && !answered.lateNow && answered.closedAt == at(hours: 56))
        #expect(answered.lateness(at: at(hours: 60)) == .seconds(2 * 3600))
    }

    @Test func CB_01_lastAttemptNotReachedWithinTheWindowIsMet() throws {
        func attempts(lastAt: Instant) -> HistoryWriter {
            var h = fellDue()
            h.notReached(round: 1, attempt: 1, at: Self.due + .seconds(10 * 60))              // 48:10, retry at 50:10
            h.retryFallsDue(round: 1, attempt: 2, at: Self.due + .seconds(130 * 60))
            h.notReached(round: 1, attempt: 2, at: Self.due + .seconds(140 * 60))             // 50:20, retry at 52:20
            h.retryFallsDue(round: 1, attempt: 3, at: Self.due + .seconds(260 * 60))
            h.notReached(round: 1, attempt: 3, at: lastAt)                                   // the last: the order closes
            return h
        }
        let (inTime, _) = try callback(attempts(lastAt: Self.due + .seconds(270 * 60)), closed: true, now: at(hours: 60))
        #expect(inTime.outcome == .met && inTime.closedAt == Self.due + .seconds(270 * 60))    // 52:30

        let (tooLate, _) = try callback(attempts(lastAt: at(hours: 54) + .seconds(30 * 60)), closed: true, now: at(hours: 60))
        #expect(tooLate.outcome == .breached && !tooLate.lateNow && tooLate.lateness(at: at(hours: 60)) == .seconds(30 * 60))
    }

    @Test func CB_01_eachRoundOfAnEmergencyRepairIsJudgedOnItsOwn() throws {
        // Round 1 falls due at 24 h and is reached at 25 h; round 2 falls due 2 days after
        // round 1 was due (72 h), and at 80 h it is still unanswered (window ended 78 h).
        var h = HistoryWriter(order: "R-1", state: "calling_back")
        h.armCallback(round: 1, due: at(hours: 24), at: t0)
        h.callbackFallsDue(round: 1, at: at(hours: 24))
        h.reached(round: 1, "satisfied", at: at(hours: 25))
        h.armCallback(round: 2, due: at(hours: 72), at: at(hours: 25))
        h.callbackFallsDue(round: 2, at: at(hours: 72))
        let facts = OrderFacts(OrderRecord(order: try repair("R-1"), history: h.rows), context: context(now: at(hours: 80)))
        let rounds = facts.deadlines.filter { $0.purpose == .callback }
        #expect(rounds.map(\.outcome) == [.met, .breached])
        #expect(rounds.map(\.answerBy) == [at(hours: 30), at(hours: 78)])
        #expect(rounds.last?.lateNow == true && rounds.last?.lateness(at: at(hours: 80)) == .seconds(2 * 3600))
    }

    @Test func CB_01_theWindowIsThePolicysAttemptsTimesTheirSpacing() throws {
        var h = fellDue()
        h.reached(round: 1, "satisfied", at: Self.due + .seconds(150 * 60), state: "closed")   // 2 h 30 after it fell due
        var tight = PolicySet(version: "tight")
        tight.callbacks.retryAfter = .elapsed(.seconds(3600))
        tight.callbacks.maxAttempts = 2                                                        // a window of 2 h
        #expect(try callback(h, closed: true, now: at(hours: 60)).0.outcome == .met)           // 6 h by default
        let (d, _) = try callback(h, closed: true, now: at(hours: 60), policy: tight)
        #expect(d.outcome == .breached && d.lateness(at: at(hours: 60)) == .seconds(30 * 60))
    }

    @Test func CB_01_aCallbackWhoseTimerHasNotFiredYetIsJudgedByItsWindowToo() throws {
        // The server was down when the call-back fell due: only the armed timer tells.
        var h = HistoryWriter(order: "R-1", state: "calling_back")
        h.armCallback(round: 1, due: Self.due, at: t0)
        let timer = [ArmedTimer(id: TimerID(order: "R-1", purpose: .callback), due: Self.due)]
        #expect(try callback(h, timers: timer, now: at(hours: 50)).0.outcome == .at_risk)
        #expect(try callback(h, timers: timer, now: at(hours: 55)).0.outcome == .breached)
        // Reached (and so cleared) inside the window before the timer fired: met.
        h.reached(round: 1, "satisfied", at: at(hours: 49), state: "closed")
        h.addToLastMessage("deadline_cleared", detail: "callback")
        #expect(try callback(h, closed: true, now: at(hours: 60)).0.outcome == .met)
    }
}
