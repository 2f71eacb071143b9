import Foundation
import Testing
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderWorkers
import WorkflowPolicy

/// Worker lines, the call-back desk and `wo watch` in Simplified Chinese; English unchanged.
@Suite struct ChineseLinesTests {
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

    static let sites = TaskClock.sites(PolicySet(version: "test"))

    @Test func aTaskInChinese() {
        let line = TaskLine.dispatch(TaskLineTests.dispatch, redelivered: true, clock: Self.sites, locale: Self.zh)
        #expect(line.hasPrefix("2026-03-02 09:00  R-1  报修 [待维修员到场]  NJ-01 5-2-301  张三 13812345678"))
        #expect(line.contains("（限 2026-03-02 09:15 前）") && line.contains("（再次派送：此前未完成）"))
        #expect(line.contains("\n      厨房水管漏水"))
        #expect(TaskLine.dispatch(TaskLineTests.dispatch, redelivered: false, locale: Self.zh).contains("（本机时间）"))
    }

    @Test func aTaskInEnglishIsAsBefore() {
        let line = TaskLine.dispatch(TaskLineTests.dispatch, redelivered: true, clock: Self.sites)
        #expect(line == "2026-03-02 09:00  R-1  repair [awaiting_technician]  NJ-01 5-2-301  张三 13812345678  — immediate repair: water leak"
            + "  (due 2026-03-02 09:15)  (again: not finished before)\n      厨房水管漏水")
    }

    @Test func aCallBackAndAnEscalationAtTheDeskInChinese() {
        let call = FollowupMessage(
            callbackFor: "R-1", kind: .repair, site: "NJ-01", household: TaskLineTests.dispatch.household, owner: TaskLineTests.dispatch.owner,
            subject: "水管漏水", round: 1, attempt: 2, maxAttempts: 3, role: .cs_staff,
            script: [FollowupMessage.ScriptLine(step: "greeting", say: "您好，请问是张三吗？")], satisfactionScale: [], forms: [], atMs: TaskLineTests.at)
        let zh = TaskLine.followup(call, redelivered: false, clock: Self.sites, locale: Self.zh)
        #expect(zh == "2026-03-02 09:00  R-1  报修  NJ-01  回访 第 1 轮 第 2/3 次，由客服专员：张三 13812345678，事由“水管漏水”\n      您好，请问是张三吗？")
        let en = TaskLine.followup(call, redelivered: false, clock: Self.sites)
        #expect(en == "2026-03-02 09:00  R-1  repair  NJ-01  CALL-BACK round 1, attempt 2 of 3 by cs_staff: 张三 13812345678 about \"水管漏水\""
            + "\n      greeting: 您好，请问是张三吗？")
    }

    func entry(_ json: String) throws -> WatchEntry {
        try JSONDecoder().decode(WatchEntry.self, from: Data(json.utf8))
    }

    @Test func watchLinesInChinese() throws {
        let event = try entry("""
            {"type": "event", "at_ms": \(TaskLineTests.at), "site": "NJ-01", "order_id": "R-1", "kind": "repair", "state": "on_site",
             "event": "on_site", "actor": "chen.tech (technician)", "dispatches": ["engineering"], "followups": []}
            """)
        #expect(event.line(clock: Self.sites, locale: Self.zh)
            == "2026-03-02 09:00  R-1  报修 [维修中]  到场（chen.tech (technician)）\n      → 派单给工程部")
        #expect(event.line(clock: Self.sites)
            == "2026-03-02 09:00  R-1  repair [on_site]  on_site by chen.tech (technician)\n      → task for engineering")
        let refused = try entry("""
            {"type": "rejection", "at_ms": \(TaskLineTests.at), "order_id": "R-1", "kind": "repair", "state": "closed", "event": "on_site", "detail": "ended"}
            """)
        #expect(refused.line(clock: Self.sites, locale: Self.zh).hasSuffix("报修 [已关闭]  拒绝 到场：ended"))
        let dead = try entry(#"{"type": "dead_letter", "event": "intake.repair", "detail": "m-1: bad json"}"#)
        #expect(dead.line(clock: Self.sites, locale: Self.zh) == "-  死信（原发往 intake.repair）：m-1: bad json")
        #expect(dead.line(clock: Self.sites) == "-  DEAD LETTER (was going to intake.repair): m-1: bad json")
    }
}
