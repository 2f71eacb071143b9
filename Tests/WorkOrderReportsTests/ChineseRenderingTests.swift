import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy
@testable import WorkOrderReports

/// The supervisor views in Simplified Chinese (labels from the shipped
/// `workflows/labels/zh.yaml`), columns aligned by display width; English unchanged.
@Suite struct ChineseRenderingTests {
    static let zh: StaffLocale = {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("workflows").path
        do {
            return StaffLocale(language: .zh, labels: try LabelsLoader.load(directory: folder, language: .zh) ?? .machineNames)
        } catch {
            fatalError("workflows/labels/zh.yaml does not load: \(error)")
        }
    }()

    /// Where each cell of a line starts, in terminal columns: after the line's start or
    /// after two spaces or more (no cell here holds two spaces in a row).
    func columnStarts(_ line: String) -> [Int] {
        var starts: [Int] = []
        var column = 0
        var spaces = 2
        for character in line {
            if character == " " {
                spaces += 1
            } else {
                if spaces >= 2 { starts.append(column) }
                spaces = 0
            }
            column += DisplayWidth.of(String(character))
        }
        return starts
    }

    @Test func displayWidthCountsWideAsTwoAndMarksAsNothing() {
        #expect(DisplayWidth.of("工单") == 4)
        #expect(DisplayWidth.of("（无）") == 6)            // fullwidth parentheses
        #expect(DisplayWidth.of("ＡＢ") == 4)              // fullwidth Latin
        #expect(DisplayWidth.of("한글") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)          // e + combining acute
        #expect(DisplayWidth.of("a\u{200B}b") == 2)        // zero-width space
        #expect(DisplayWidth.of("，。") == 4)
        #expect(DisplayWidth.of("R-1 !") == 5)
    }

    @Test func chineseTablesLineUpByDisplayColumns() {
        let table = TextTable(headers: ["工单号", "状态", "N"], rows: [
            [Cell("R-1"), Cell("待维修员到场"), Cell("7")],
            [Cell("C-22"), Cell("已受理"), Cell("12")],
            [Cell("e\u{301}"), Cell("ＡＢ"), Cell("1")],
        ], numeric: [2])
        #expect(table.text(.plain) == """
            工单号  状态           N
            R-1     待维修员到场   7
            C-22    已受理        12
            é       ＡＢ           1
            """)
    }

    @Test func listInChinese() throws {
        let rows = try ListAndRenderingTests().sample().map { OrderRow($0, context: context(now: at(hours: 2))) }
        let text = OrderRow.table(rows, policy: testPolicy, locale: Self.zh).text(.plain)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("工单号  类型  状态"))
        #expect(text.contains("报修") && text.contains("投诉") && text.contains("待维修员到场") && text.contains("工程部"))
        #expect(text.contains("1小时45分"), "late by, in Chinese units")
        // Every row's cells start where the header's do.
        let header = columnStarts(lines[0])
        for line in lines.dropFirst() {
            #expect(Array(columnStarts(line).prefix(8)) == Array(header.prefix(8)), "\(line)")
        }
        #expect(OrderRow.noneMatch(locale: Self.zh) == "没有符合条件的工单。")
    }

    @Test func listInEnglishIsAsBefore() throws {
        let rows = try ListAndRenderingTests().sample().map { OrderRow($0, context: context(now: at(hours: 2))) }
        let text = OrderRow.table(rows, policy: testPolicy).text(.plain)
        #expect(text.hasPrefix("ID   KIND       STATE"))
        #expect(text.contains("awaiting_technician") && text.contains("1h45m") && text.contains("engineering"))
        #expect(text == OrderRow.table(rows, policy: testPolicy, locale: .english).text(.plain))
        #expect(OrderRow.noneMatch() == "No orders match.")
    }

    @Test func overdueInChinese() throws {
        let report = OverdueReport(try ListAndRenderingTests().sample(), context: context(now: at(hours: 2)))
        let text = report.document(policy: testPolicy, locale: Self.zh).text(.plain)
        #expect(text.contains("garden-court / 工程部：1 项超时"))
        #expect(text.contains("工单号") && text.contains("到场") && text.contains("1小时45分"))
        let english = report.document(policy: testPolicy).text(.plain)
        #expect(english.contains("garden-court / engineering: 1 late") && english.contains("LATE BY"))
        #expect(OverdueReport([], context: context(now: t0)).document(policy: testPolicy, locale: Self.zh).text(.plain) == "没有超时的时限。\n")
    }

    @Test func showInChinese() throws {
        let facts = try ListAndRenderingTests().sample()[0]
        let timeline = OrderTimeline(facts, context: context(now: at(hours: 2)))
        let text = timeline.document(policy: testPolicy, at: at(hours: 2), locale: Self.zh).text(.plain)
        #expect(text.hasPrefix("R-1  报修  待维修员到场\n"))
        for word in ["业主原话:", "处理经过", "时限", "升级", "回访", "关联工单", "开单", "已超时", "工程主管", "第 1 级", "（无）"] {
            #expect(text.contains(word), "\(word) in\n\(text)")
        }
        // The facts' values line up although the labels are wide.
        let facts_ = text.split(separator: "\n").dropFirst().prefix(12).map(String.init)
        let valueColumns = Set(facts_.map { line -> Int in
            let colon = line.firstIndex(of: ":")!
            let label = String(line[..<colon])
            let rest = line[line.index(after: colon)...]
            return DisplayWidth.of(label) + 1 + rest.prefix { $0 == " " }.count
        })
        #expect(valueColumns.count == 1, "\(facts_)")
        let english = timeline.document(policy: testPolicy, at: at(hours: 2)).text(.plain)
        #expect(english.hasPrefix("R-1  repair  awaiting_technician\n") && english.contains("owner said:") && english.contains("Timeline"))
        #expect(english.contains("(none)"))
    }

    @Test func historyDetailsSaidAsDataReadInChinese() {
        let labels = Self.zh.labels
        let local = { (i: Instant) in Format.local(i, testPolicy.calendar(forSite: "garden-court")) }
        func event(_ name: String, _ detail: String, _ state: String, _ fact: HistoryFact? = nil) -> OrderTimeline.Event {
            OrderTimeline.Event(at: t0, event: name, actor: "system", detail: detail, messageID: nil, state: state, fact: fact)
        }
        let moved = event("on_site", "on_site by t1 (technician): awaiting_technician → on_site", "on_site")
        #expect(OrderTimeline.localDetail(moved, previousState: "awaiting_technician", labels: labels, local: local) == "待维修员到场 → 维修中")
        let opened = event("opened", "opened by desk (cs_staff): [new] → awaiting_technician", "awaiting_technician")
        #expect(OrderTimeline.localDetail(opened, previousState: nil, labels: labels, local: local) == "→ 待维修员到场")
        let due = event("deadline_set", "on_site 1", "awaiting_technician", .deadlineSet(purpose: .on_site, dueMs: at(minutes: 15).millisecondsSinceEpoch))
        #expect(OrderTimeline.localDetail(due, previousState: "awaiting_technician", labels: labels, local: local) == "到场：\(local(at(minutes: 15))) 到期")
        let scheduled = event("callback_scheduled", "round 1", "calling_back", .callbackScheduled(round: 1, dueMs: at(hours: 48).millisecondsSinceEpoch, role: .cs_staff))
        #expect(OrderTimeline.localDetail(scheduled, previousState: "calling_back", labels: labels, local: local).hasPrefix("第 1 轮："))
        // Free text stays as it was written.
        let note = event("note", "technician t1 on site", "on_site")
        #expect(OrderTimeline.localDetail(note, previousState: "on_site", labels: labels, local: local) == "technician t1 on site")
    }

    @Test func actorsReadWithTheirRolesLabel() {
        #expect(OrderTimeline.actor("li.cs (cs_supervisor)", Self.zh.labels) == "li.cs（客服主管）")
        #expect(OrderTimeline.actor("system (system)", Self.zh.labels) == "system（系统）")
        #expect(OrderTimeline.actor("li.cs (cs_supervisor)", .machineNames) == "li.cs (cs_supervisor)")
        #expect(OrderTimeline.actor("someone (not a role)", Self.zh.labels) == "someone (not a role)")
    }

    @Test func monthlyReportInChinese() throws {
        let report = MonthlyReport(site: "garden-court", year: 2026, month: 3, orders: try MonthlyReportTests().month(),
                                   occupiedHouseholds: 420, context: context(now: at(hours: 24 * 40)))
        let document = report.document(policy: testPolicy, locale: Self.zh)
        let markdown = document.markdown()
        #expect(markdown.hasPrefix("# 月度报告：garden-court，2026-03\n"))
        #expect(markdown.contains("## 投诉（RPT-01）") && markdown.contains("## 入户走访（RPT-02）"))
        #expect(markdown.contains("| neighbour_behaviour | 2 | 66.7% | 66.7% | 是 |"))
        #expect(markdown.contains("无：此存储没有走访记录"))
        let text = document.text(.plain)
        #expect(text.contains("回访率（CB-08）") && text.contains("满意率（SAT-01）") && text.contains("应走访户数"))
        // The CSV is for spreadsheets and tools: machine names whatever the language.
        #expect(report.csv().hasPrefix("section,item,value\r\n"))
        #expect(report.document(policy: testPolicy).markdown().hasPrefix("# Monthly report, garden-court, 2026-03\n"))
    }

    @Test func statsInChinese() throws {
        let stats = SiteStats(site: "garden-court", period: .month(year: 2026, month: 3), orders: try MonthlyReportTests().month(),
                              context: context(now: at(hours: 24 * 40)))
        let text = stats.document(locale: Self.zh).text(.plain)
        #expect(text.hasPrefix("garden-court 统计，2026-03-01 至 2026-03-31：共开单"))
        for word in ["类型", "工单数", "按状态", "达标率", "回访与满意度", "不满意原因", "投诉", "报修"] {
            #expect(text.contains(word), "\(word)")
        }
        #expect(stats.document().text(.plain).hasPrefix("Statistics for garden-court, 2026-03-01 to 2026-03-31:"))
    }
}
