import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports

/// Deadlines read back from the history rows the server writes.
@Suite struct DeadlineTrackerTests {
    func deadlines(_ h: HistoryWriter, timers: [ArmedTimer] = [], finished: Bool = false, now: Instant,
                   risk: RiskThreshold = .standard) throws -> [TrackedDeadline] {
        let order = try repair("R-1", closed: finished)
        return DeadlineTracker(risk: risk, policy: testPolicy).deadlines(of: OrderRecord(order: order, history: h.rows, armedTimers: timers), at: now)
    }

    @Test func clearedBeforeItsDueTimeIsMet() throws {
        var h = HistoryWriter(order: "R-1", state: "awaiting_technician")
        h.set(.on_site, due: at(minutes: 15), at: t0)
        h.clear(.on_site, at: at(minutes: 10), state: "on_site")
        let d = try #require(try deadlines(h, now: at(hours: 1)).first)
        #expect(d.outcome == .met && d.closedAt == at(minutes: 10) && !d.lateNow && d.rules == ["REP-01"])
    }

    @Test func firedIsBreachedAndLateUntilSomeoneActs() throws {
        var h = HistoryWriter(order: "R-1", state: "awaiting_technician")
        h.set(.on_site, due: at(minutes: 15), at: t0)
        h.fire(.on_site, at: at(minutes: 15))
        let late = try #require(try deadlines(h, now: at(minutes: 40)).first)
        #expect(late.outcome == .breached && late.lateNow)
        #expect(late.lateness(at: at(minutes: 40)) == .seconds(25 * 60))

        h.add("on_site", at: at(minutes: 50), actor: "chen.tech (technician)", state: "on_site")
        let acted = try #require(try deadlines(h, now: at(hours: 3)).first)
        #expect(acted.outcome == .breached && !acted.lateNow && acted.closedAt == at(minutes: 50))
        #expect(acted.lateness(at: at(hours: 3)) == .seconds(35 * 60))
    }

    @Test func notesRejectionsAndEscalationsDoNotEndLateness() throws {
        var h = HistoryWriter(order: "R-1", state: "awaiting_technician")
        h.set(.on_site, due: at(minutes: 15), at: t0)
        h.fire(.on_site, at: at(minutes: 15))
        h.add("note", at: at(minutes: 15), actor: "system", detail: "escalated")
        h.add("rejected:completed", at: at(minutes: 20), actor: "chen.tech (technician)")
        h.add("escalated", at: at(minutes: 25), actor: "liu.eng (engineering_supervisor)")
        #expect(try deadlines(h, now: at(minutes: 30)).first?.lateNow == true)
    }

    @Test func atRiskWithLessThanAQuarterOfItsSpanLeft() throws {
        var h = HistoryWriter(order: "R-1")
        h.set(.handling, due: at(hours: 4), at: t0)
        #expect(try deadlines(h, now: at(hours: 2)).first?.outcome == .open)
        #expect(try deadlines(h, now: at(minutes: 185)).first?.outcome == .at_risk)   // 55 of 240 minutes left
        let strict = RiskThreshold(sharePercent: 25, within: .seconds(3 * 3600))
        #expect(try deadlines(h, now: at(hours: 2), risk: strict).first?.outcome == .at_risk)
    }

    @Test func anExtensionMovesTheSameDeadline() throws {
        var h = HistoryWriter(order: "R-1")
        h.set(.handling, due: at(hours: 2), at: t0)
        h.set(.handling, due: at(hours: 6), at: at(hours: 1))
        let all = try deadlines(h, now: at(hours: 3))
        #expect(all.count == 1)
        #expect(all.first?.due == at(hours: 6) && all.first?.moves == 1 && all.first?.outcome == .open)
    }

    @Test func pastDueButNotFiredBecauseTheServerWasDownIsLate() throws {
        var h = HistoryWriter(order: "R-1")
        h.set(.reply, due: at(hours: 2), at: t0)
        let d = try #require(try deadlines(h, timers: [ArmedTimer(id: TimerID(order: "R-1", purpose: .reply), due: at(hours: 2))], now: at(hours: 3)).first)
        #expect(d.outcome == .breached && d.lateNow)
        h.clear(.reply, at: at(hours: 4))
        #expect(try deadlines(h, now: at(hours: 5)).first?.outcome == .breached)
    }

    @Test func anArmedTimerWithoutHistoryHasAnUnknownSpan() throws {
        let h = HistoryWriter(order: "R-1")
        let timer = { (due: Instant) in [ArmedTimer(id: TimerID(order: "R-1", purpose: .reply), due: due)] }
        #expect(try deadlines(h, timers: timer(at(minutes: 20)), now: t0).first?.outcome == .at_risk)
        #expect(try deadlines(h, timers: timer(at(minutes: 40)), now: t0).first?.outcome == .open)
        #expect(try deadlines(h, timers: timer(at(minutes: 40)), now: t0).first?.setAt == nil)
    }

    @Test func remindersFireAsPlannedAndStayOutOfCompliance() throws {
        var h = HistoryWriter(order: "R-1", state: "scheduled")
        h.set(.arrival_check, due: at(hours: 1), at: t0)
        h.fire(.arrival_check, at: at(hours: 1))
        h.set(.reply, due: at(hours: 1), at: t0)
        h.clear(.reply, at: at(minutes: 30))
        let all = try deadlines(h, now: at(hours: 2))
        #expect(all.map(\.outcome).sorted { $0.rawValue < $1.rawValue } == [.met, .reminded])
        let order = try repair("R-1")
        let lines = ServiceLevel.lines([OrderFacts(OrderRecord(order: order, history: h.rows), context: context(now: at(hours: 2)))])
        #expect(lines.map(\.purpose) == [.reply])
    }

    @Test func complianceIsMetOverMetPlusBreached() throws {
        var orders: [OrderFacts] = []
        for (index, minutesTaken) in [5, 10, 14, 30].enumerated() {
            var h = HistoryWriter(order: "R-\(index)", state: "awaiting_technician")
            h.set(.on_site, due: at(minutes: 15), at: t0)
            if minutesTaken > 15 { h.fire(.on_site, at: at(minutes: 15)) } else { h.clear(.on_site, at: at(minutes: Int64(minutesTaken))) }
            orders.append(facts(try repair("R-\(index)"), h.rows, now: at(hours: 1)))
        }
        var running = HistoryWriter(order: "R-9")
        running.set(.on_site, due: at(minutes: 70), at: at(minutes: 55))
        orders.append(facts(try repair("R-9"), running.rows, now: at(hours: 1)))
        let line = try #require(ServiceLevel.lines(orders).first)
        #expect((line.met, line.breached, line.running, line.atRisk) == (3, 1, 1, 0))
        #expect(line.percent == 75)
    }
}
