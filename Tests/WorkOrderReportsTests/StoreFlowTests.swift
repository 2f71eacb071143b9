import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports

/// A morning at garden-court driven through the server's writer into a SQLite store,
/// then read back the way `wo list`, `show`, `overdue`, `stats` and `report` read it.
/// Every figure below is counted by hand from the script.
@Suite(.serialized) struct StoreFlowTests {
    static let technician = Actor(id: "chen.tech", role: .technician)
    static let staff = Actor(id: "zhao.cs", role: .cs_staff)
    static let done: [String: JSONValue] = ["owner_accepted": true, "owner_signature": "Zhang", "fee_fen": 0]
    static func answer(_ satisfaction: String) -> [String: JSONValue] {
        ["form": "phone", "script_followed": true, "satisfaction": .string(satisfaction)]
    }
    static let repairFields: [String: JSONValue] = ["mode": "immediate", "category": "other"]
    static let now = at(hours: 24 * 5)
    static let day: Int64 = 24 * 60

    /// Runs `body` on a fresh store and removes the store afterwards, even if `body` throws.
    func withFlow(_ kind: FlowStore = .sqlite, _ body: (ServerFlow) async throws -> Void) async throws {
        let flow = try await ServerFlow(kind)
        do {
            try await body(flow)
        } catch {
            await flow.discard()
            throw error
        }
        await flow.discard()
    }

    /// R1: on site in 10 min, done at +60, called back the next day: satisfied.
    /// R2: on site 20 min late (escalated), done at +90, its call-back fell due and was
    ///     reached an hour later: dissatisfied.
    /// R3: nobody ever came (escalated, late now). C1: nobody responded (escalated, late now).
    func morning(_ flow: ServerFlow) async throws -> (r1: String, r2: String, r3: String, c1: String) {
        let r1 = try await flow.intake(.repair, subject: "dripping tap", room: "501", fields: Self.repairFields, at: t0)
        let r2 = try await flow.intake(.repair, subject: "Blocked drain", room: "502", fields: Self.repairFields, at: at(minutes: 5))
        try await flow.send("on_site", to: r1, by: Self.technician, at: at(minutes: 10))
        let r3 = try await flow.intake(.repair, subject: "door lock", room: "503", fields: Self.repairFields, at: at(minutes: 10))
        try await flow.send("on_site", to: r2, by: Self.technician, at: at(minutes: 40))
        try await flow.send("completed", to: r1, by: Self.technician, Self.done, at: at(minutes: 60))
        let c1 = try await flow.intake(.complaint, subject: "neighbour_behaviour", room: "601", fields: [:], at: at(minutes: 60))
        try await flow.send("completed", to: r2, by: Self.technician, Self.done, at: at(minutes: 90))
        try await flow.send("callback_reached", to: r1, by: Self.staff, Self.answer("satisfied"), at: at(minutes: Self.day))
        try await flow.send("callback_reached", to: r2, by: Self.staff, Self.answer("dissatisfied"), at: at(minutes: 2 * Self.day + 150))
        try await flow.advance(to: Self.now)
        return (r1, r2, r3, c1)
    }

    @Test(arguments: FlowStore.allCases)
    func statsMatchTheHandCountedFigures(store: FlowStore) async throws {
        try await withFlow(store) { flow in
            let ids = try await morning(flow)
            let stats = SiteStats(site: "garden-court", period: .month(year: 2026, month: 3),
                                  orders: try await flow.facts(now: Self.now), context: context(now: Self.now))
            #expect(stats.orders == 4)
            #expect(stats.byKind.map { "\($0.kind.rawValue) \($0.count)" } == ["complaint 1", "repair 3"])
            #expect(Set(stats.byState.map { "\($0.kind.rawValue)/\($0.state) \($0.count)" })
                    == ["complaint/received 1", "repair/closed 1", "repair/calling_back 1", "repair/awaiting_technician 1"])
            let sla = Dictionary(uniqueKeysWithValues: stats.serviceLevels.map { ($0.purpose, ($0.met, $0.breached, $0.running)) })
            #expect(sla[.on_site]! == (1, 2, 0))       // R1 met; R2 and R3 missed: 33.3%
            #expect(sla[.callback]! == (2, 0, 0))      // R1 before its due time; R2 an hour after, inside its 6 h window
            #expect(sla[.response]! == (0, 1, 0))      // C1
            #expect(Format.percent(stats.serviceLevels.first { $0.purpose == .on_site }?.percent) == "33.3%")
            // CB-08: R1 and R2 reached; R3 and C1 have no call-back due yet.
            #expect((stats.callbackRate.due, stats.callbackRate.reached, stats.callbackRate.percent) == (2, 2, 100))
            // SAT-01: 1 satisfied, 1 dissatisfied.
            #expect((stats.satisfaction.satisfied, stats.satisfaction.dissatisfied, stats.satisfaction.percent) == (1, 1, 50))
            #expect(stats.satisfaction.meetsTarget == false)
            #expect(stats.survey == nil)
            #expect(stats.dissatisfaction.mainCauses == ["repair: blocked drain"])

            let overdue = OverdueReport(try await flow.facts(now: Self.now).filter { !$0.order.isFinished }, context: context(now: Self.now))
            #expect(overdue.groups.map { "\($0.department.rawValue): \($0.items.map(\.orderID))" }
                    == ["engineering: [\"\(ids.r3)\"]", "customer_service: [\"\(ids.c1)\"]"])
            #expect(overdue.groups.first?.items.first?.lateByMS == (Self.now.millisecondsSinceEpoch - at(minutes: 25).millisecondsSinceEpoch))
        }
    }

    @Test func showTellsTheWholeStoryOfAnOrder() async throws {
        try await withFlow { flow in
            let ids = try await morning(flow)
            let all = try await flow.facts(now: Self.now)
            let r2 = try #require(all.first { $0.order.id == ids.r2 })
            let timeline = OrderTimeline(r2, context: context(now: Self.now))
            #expect(timeline.events.first?.messageID == "intake-2")
            #expect(timeline.events.contains { $0.event == "on_site" && $0.actor.hasPrefix("chen.tech") })
            #expect(timeline.escalations.map(\.role) == ["engineering_supervisor"])
            #expect(timeline.order.escalationLevel == 1 && timeline.order.phone == "138****5678")
            let onSite = try #require(timeline.deadlines.first { $0.purpose == .on_site })
            #expect(onSite.outcome == .breached && !onSite.lateNow && onSite.lateness(at: Self.now) == .seconds(20 * 60))
            #expect(timeline.callbacks.calls.map(\.round) == [1])
            #expect(timeline.callbacks.answers.map(\.satisfaction) == ["dissatisfied"])
            #expect(timeline.dispatches.map(\.department).contains(.engineering))
            let text = timeline.document(policy: testPolicy, at: Self.now).text(.plain)
            #expect(text.contains("2026-03-02 09:05"))     // opened, local time
            #expect(!text.contains("13812345678"))

            var query = OrderQuery()
            query.overdue = true
            let late = query.apply(to: all.map { OrderRow($0, context: context(now: Self.now)) })
            #expect(Set(late.map(\.id)) == [ids.r3, ids.c1])
        }
    }

    /// A repair taken from intake to its call-back through the writer; returns its id.
    func completedRepair(_ flow: ServerFlow, room: String, at start: Int64) async throws -> String {
        let id = try await flow.intake(.repair, subject: "dripping tap", room: room, fields: Self.repairFields, at: at(minutes: start))
        try await flow.send("on_site", to: id, by: Self.technician, at: at(minutes: start + 10))
        try await flow.send("completed", to: id, by: Self.technician, Self.done, at: at(minutes: start + 60))
        return id
    }

    /// Four repairs whose call-backs fall due two days after completion (window: 3 × 2 h):
    /// A reached 10 min after it fell due; B never answered, 7 h after; C not reached three
    /// times, the last 4 h 30 after; D fell due 3 h before `now`, not answered yet.
    @Test(arguments: FlowStore.allCases)
    func CB_01_callbacksAnsweredAfterFallingDueAreMetInTheStats(store: FlowStore) async throws {
        try await withFlow(store) { flow in
            let a = try await completedRepair(flow, room: "501", at: 0)
            let b = try await completedRepair(flow, room: "502", at: 0)
            let c = try await completedRepair(flow, room: "503", at: 0)
            let d = try await completedRepair(flow, room: "504", at: 240)
            let due: Int64 = 60 + 2 * Self.day                       // A, B, C; D falls due 4 h later
            try await flow.send("callback_reached", to: a, by: Self.staff, Self.answer("satisfied"), at: at(minutes: due + 10))
            try await flow.send("callback_not_reached", to: c, by: Self.staff, at: at(minutes: due + 10))
            try await flow.send("callback_not_reached", to: c, by: Self.staff, at: at(minutes: due + 140))
            try await flow.send("callback_not_reached", to: c, by: Self.staff, at: at(minutes: due + 270))
            let now = at(minutes: due + 7 * 60)
            try await flow.advance(to: now)
            let all = try await flow.facts(now: now)
            let stats = SiteStats(site: "garden-court", period: .month(year: 2026, month: 3), orders: all, context: context(now: now))
            let line = try #require(stats.serviceLevels.first { $0.purpose == .callback })
            // A and C met, B breached (its window ended an hour ago), D running at risk: 2 of 3.
            #expect((line.met, line.breached, line.running, line.atRisk) == (2, 1, 1, 1))
            #expect(Format.percent(line.percent) == "66.7%")
            #expect(all.filter { !$0.late.isEmpty }.map(\.order.id) == [b])
            let late = try #require(all.first { $0.order.id == b }?.late.first)
            #expect(late.purpose == .callback && late.lateness(at: now) == .seconds(3600))
            #expect(all.first { $0.order.id == c }?.order.stateName == "closed")
            #expect(all.first { $0.order.id == d }?.atRisk.map(\.purpose) == [.callback])
        }
    }

    /// C-a and C-b invalid complaints replied to at +10 min; sampling leaves C-a without a
    /// call-back (0.9 ≥ 0.5) and gives C-b one, due a day later and reached.
    @Test(arguments: FlowStore.allCases)
    func CB_08_aComplaintSamplingLeftUncalledIsNotInTheRate(store: FlowStore) async throws {
        try await withFlow(store) { flow in
            let supervisor = Actor(id: "li.cs", role: .cs_supervisor)
            var ids: [String] = []
            for (room, sample) in [("601", 0.9), ("602", 0.1)] {
                let id = try await flow.intake(.complaint, subject: "other", room: room, fields: [:], at: at(minutes: 1))
                try await flow.send("classified", to: id, by: supervisor, ["class": "invalid"], at: at(minutes: 5))
                try await flow.send("replied", to: id, by: supervisor,
                                    ["form": "phone", "content": "not the management's remit", "callback_sample": .number(sample)],
                                    at: at(minutes: 10))
                ids.append(id)
            }
            try await flow.send("callback_reached", to: ids[1], by: Self.staff, Self.answer("satisfied"), at: at(minutes: 10 + Self.day + 10))
            let now = at(hours: 48)
            try await flow.advance(to: now)
            let all = try await flow.facts(now: now)
            #expect(all.first { $0.order.id == ids[0] }?.order.stateName == "closed")
            let stats = SiteStats(site: "garden-court", period: .month(year: 2026, month: 3), orders: all, context: context(now: now))
            #expect((stats.callbackRate.due, stats.callbackRate.reached, stats.callbackRate.percent) == (1, 1, 100))
            let report = MonthlyReport(site: "garden-court", year: 2026, month: 3, orders: all, occupiedHouseholds: nil, context: context(now: now))
            #expect((report.complaints.callbackRate.due, report.complaints.callbackRate.percent) == (1, 100))
            #expect(report.csv().contains("complaints,callback_not_sampled,1\r\n"))
        }
    }

    @Test func theMonthlyReportCountsTheMonthsComplaints() async throws {
        try await withFlow { flow in
            _ = try await morning(flow)
            let report = MonthlyReport(site: "garden-court", year: 2026, month: 3, orders: try await flow.facts(now: Self.now),
                                       occupiedHouseholds: 640, context: context(now: Self.now))
            #expect((report.complaints.received, report.complaints.escalated, report.complaints.open) == (1, 1, 1))
            #expect(report.services.byKind.first { $0.kind == .repair }.map { ($0.opened, $0.finished) }! == (3, 1))
            #expect(report.visits.required == 39 && report.visits.recorded == nil)   // 640 × 6% = 38.4 → 39
            #expect(report.dueDate == CivilDate(year: 2026, month: 4, day: 5))
        }
    }
}
