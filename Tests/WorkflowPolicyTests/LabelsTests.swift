import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy

/// `workflows/labels/zh.yaml`: the Chinese names staff read, complete and strictly checked.
@Suite("Labels")
struct LabelsTests {
    func shipped() throws -> StaffLabels {
        try #require(try LabelsLoader.load(directory: workflowsFolder, language: .zh))
    }

    @Test func theShippedFileNamesEveryKindStateEventRoleDepartmentAndDeadline() throws {
        let labels = try shipped()
        #expect(OrderKind.allCases.filter { labels.kinds[$0] == nil } == [])
        #expect(Role.allCases.filter { labels.roles[$0] == nil } == [])
        #expect(Department.allCases.filter { labels.departments[$0] == nil } == [])
        #expect(TimerPurpose.allCases.filter { labels.deadlines[$0] == nil } == [])
        for kind in OrderKind.allCases {
            #expect(kind.transitionTable.states.filter { labels.states[$0] == nil } == [], "states of \(kind.rawValue)")
            #expect(kind.transitionTable.events.filter { labels.events[$0] == nil } == [], "events of \(kind.rawValue)")
        }
        #expect(StaffLabels.knownStates.filter { labels.states[$0] == nil } == [])
        #expect(StaffLabels.knownEvents.filter { labels.events[$0] == nil } == [])
    }

    @Test func labelsAreThePropertyManagementWords() throws {
        let labels = try shipped()
        #expect(labels.kind(.complaint) == "投诉" && labels.kind(.repair) == "报修" && labels.kind(.move_in) == "入伙")
        #expect(labels.department(.engineering) == "工程部" && labels.department(named: "customer-service") == "客服中心")
        #expect(labels.role(.cs_supervisor) == "客服主管" && labels.role(named: "site_director") == "管理处主任")
        #expect(labels.event("rejected:on_site") == "被拒绝:到场")
        #expect(labels.state("no_such_state") == "no_such_state")
    }

    @Test func englishHasNoLabelFileAndReadsMachineNames() throws {
        #expect(try LabelsLoader.load(directory: workflowsFolder, language: .en) == .machineNames)
        #expect(StaffLabels.machineNames.kind(.paid_service) == "paid_service")
        #expect(StaffLabels.machineNames.event("rejected:on_site") == "rejected:on_site")
    }

    @Test(arguments: [
        ("kinds:\n  complaints: 投诉\n", "kinds.complaints", "unknown kind 'complaints'"),
        ("states:\n  closd: 已关闭\n", "states.closd", "unknown state 'closd'"),
        ("events:\n  on_sight: 到场\n", "events.on_sight", "unknown event 'on_sight'"),
        ("roles:\n  boss: 老板\n", "roles.boss", "unknown role 'boss'"),
        ("departments:\n  it: 信息部\n", "departments.it", "unknown department 'it'"),
        ("deadlines:\n  lunch: 午饭\n", "deadlines.lunch", "unknown deadline 'lunch'"),
        ("kinds:\n  repair: \"\"\n", "kinds.repair", "expected a label"),
        ("kinds:\n  repair: [报, 修]\n", "kinds.repair", "expected a label"),
        ("kinds: 投诉\n", "kinds", "expected a mapping"),
        ("colours:\n  red: 红\n", "colours", "is not a known key"),
    ])
    func unknownNamesAndBadLabelsAreRefusedNamingTheKey(text: String, key: String, message: String) {
        do {
            _ = try LabelsLoader.load(text: text, file: "workflows/labels/zh.yaml")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.key == key)
            #expect(error.problems.first?.file == "workflows/labels/zh.yaml")
            #expect(error.problems.first?.message.contains(message) == true, "\(error)")
        }
    }

    @Test func aFolderWithoutTheFileHasNoChineseLabels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try LabelsLoader.load(directory: folder, language: .zh) == nil)
    }
}
