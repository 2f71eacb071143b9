import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports

/// `wo list`'s filters and sorting, `wo overdue`'s grouping, and the renderers.
@Suite struct ListAndRenderingTests {
    func sample() throws -> [OrderFacts] {
        let now = at(hours: 2)
        var late = HistoryWriter(order: "R-1", state: "awaiting_technician")
        late.set(.on_site, due: at(minutes: 15), at: t0)
        late.fire(.on_site, at: at(minutes: 15))
        var risky = HistoryWriter(order: "R-2", state: "awaiting_technician")
        risky.set(.on_site, due: at(minutes: 125), at: at(minutes: 100))   // 5 of 25 minutes left
        var later = HistoryWriter(order: "C-1", state: "received")
        later.set(.reply, due: at(hours: 1), at: t0)
        later.fire(.reply, at: at(hours: 1))
        let escalation = Followup(type: "escalation", role: "engineering_supervisor", level: 1, reason: "nobody on site", at: at(minutes: 15))
        return [
            facts(try repair("R-1"), late.rows, now: now, followups: [escalation]),
            facts(try repair("R-2", room: "502"), risky.rows, now: now),
            facts(try complaint("C-1"), later.rows, now: now),
        ]
    }

    @Test func filtersOnWhatTheStoreDoesNotIndex() throws {
        let rows = try sample().map { OrderRow($0, context: context(now: at(hours: 2))) }
        func ids(_ change: (inout OrderQuery) -> Void) -> [String] {
            var query = OrderQuery()
            change(&query)
            return query.apply(to: rows).map(\.id)
        }
        #expect(ids { $0.overdue = true } == ["C-1", "R-1"])   // same opening time: by id
        #expect(ids { $0.escalated = true } == ["R-1"])
        #expect(ids { $0.atRisk = true } == ["R-2"])
        #expect(ids { $0.department = .engineering } == ["R-1", "R-2"])
        #expect(ids { $0.sort = .late } == ["R-1", "C-1", "R-2"])
        #expect(ids { $0.sort = .id; $0.descending = true; $0.limit = 2 } == ["R-2", "R-1"])
        #expect(rows[0].lateByMS == 105 * 60_000 && rows[0].escalationLevel == 1)
    }

    @Test func overdueIsGroupedBySiteAndDepartmentWorstFirst() throws {
        let report = OverdueReport(try sample(), context: context(now: at(hours: 2)))
        #expect(report.groups.map(\.department) == [.engineering, .customer_service])
        #expect(report.groups.first?.items.map(\.orderID) == ["R-1"])
        #expect(report.count == 2)
    }

    @Test func phonesAreMaskedUnlessRevealed() throws {
        let facts = try sample()[0]
        #expect(OrderRow(facts, context: context(now: t0)).phone == "138****5678")
        #expect(OrderRow(facts, context: context(now: t0, reveal: true)).phone == "13812345678")
        #expect(PhoneMask.mask("12345") == "***45")
    }

    @Test func tablesAlignWideCharactersAndColourOnlyWhenAsked() {
        let table = TextTable(headers: ["NAME", "N"], rows: [[Cell("张三"), Cell("7", .bad)], [Cell("Li"), Cell("12")]], numeric: [1])
        #expect(table.text(.plain) == "NAME   N\n张三   7\nLi    12")
        #expect(table.text(TextStyle(colour: true)).contains("\u{1B}[31m 7\u{1B}[0m"))
        #expect(!table.text(.plain).contains("\u{1B}"))
    }

    @Test func csvQuotesWhatNeedsQuoting() {
        let table = TextTable(headers: ["a", "b"], rows: [[Cell("x,y"), Cell("say \"hi\"")]])
        #expect(table.csv() == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n")
    }

    @Test func timesShowInTheSitesLocalTime() {
        let calendar = testPolicy.calendar(forSite: "garden-court")
        #expect(Format.local(t0, calendar) == "2026-03-02 09:00")
        #expect(Format.duration(ms: 105 * 60_000) == "1h45m" && Format.duration(ms: 50 * 3_600_000) == "2d02h")
        #expect(InstantArgument.parse("2026-03-02T09:00", calendar: calendar) == t0)
        #expect(InstantArgument.parse("\(t0.millisecondsSinceEpoch)", calendar: calendar) == t0)
        #expect(InstantArgument.parse("2026-02-30", calendar: calendar) == nil)
        #expect(ReportPeriod.parseMonth("2026-13") == nil && ReportPeriod.parseMonth("2026-03")?.last.day == 31)
    }
}
