import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy

/// The package's real policy folder, found from this file.
let workflowsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("workflows").path

/// A copy of `workflows/` in a temporary folder, with `edit` applied to one file.
func editedCopy(_ file: String, _ edit: (String) -> String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workflows-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: workflowsFolder, toPath: folder)
    let path = "\(folder)/\(file)"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edited = edit(text)
    #expect(edited != text, "the edit changed nothing in \(file)")
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    return folder
}

func problems(loading folder: String) -> [PolicyProblem] {
    do {
        _ = try PolicyLoader.load(directory: folder)
        return []
    } catch {
        return error.problems
    }
}

let complaintIntake = IntakeRequest(
    kind: .complaint, site: "garden-court", household: Household(building: "1", unit: "1", room: "101"),
    owner: Owner(name: "Zhang San", phone: "13800000000"), channel: .phone, subject: "other", content: "noise")
let t0 = Instant(secondsSinceEpoch: 1_772_413_200)

/// Opens a complaint, classifies it valid/minor, and returns the contact deadline armed.
func contactDeadline(policy: PolicySet) throws -> Instant? {
    let engine = WorkflowEngine(policy: policy)
    let opened = try engine.open(complaintIntake, id: "WO-1", at: t0).get()
    let classified = try engine.handle(
        OrderEvent("classified", by: Actor(id: "li", role: .cs_supervisor), fields: ["class": "valid", "severity": "minor"]),
        on: opened.order, at: t0).get()
    for case .armTimer(let timer, let due) in classified.actions where timer.purpose == .contact_owner { return due }
    return nil
}

@Suite("Policy loader")
struct PolicyLoaderTests {
    @Test func theRealWorkflowsFolderLoadsWithTheSeedsNumbers() throws {
        let policy = try PolicyLoader.load(directory: workflowsFolder)
        #expect(policy.version == "2026.2")
        #expect(policy.complaint.contactOwnerWithin == .elapsed(.seconds(7200)))
        #expect(policy.complaint.collectiveMinHouseholds == 5)
        #expect(policy.escalation.complaintChain == [.cs_supervisor, .site_director, .complaint_centre, .deputy_gm, .gm])
        #expect(policy.callbacks.schedules[.repair_emergency] == [
            CallbackRound(after: .elapsed(.seconds(86_400))), CallbackRound(after: .elapsed(.seconds(2 * 86_400))),
        ])
        #expect(policy.repair.immediateOnSiteWithin == .elapsed(.seconds(900)))
        #expect(policy.calendars["cn-mainland"] != nil)
        // Apart from notifications and calendars, the shipped folder says what the seeds say.
        var comparable = policy
        comparable.notifications = []
        comparable.calendars = PolicySet(version: "").calendars
        var seeds = PolicySet(version: "2026.2")
        seeds.complaint.subjects = policy.complaint.subjects
        #expect(comparable.complaint == seeds.complaint)
        #expect(comparable.repair == seeds.repair)
        #expect(comparable.paidService == seeds.paidService)
        #expect(comparable.help == seeds.help)
        #expect(comparable.renovation == seeds.renovation)
        #expect(comparable.moveIn == seeds.moveIn)
        #expect(comparable.callbacks == seeds.callbacks)
        #expect(comparable.routing == seeds.routing)
        #expect(comparable.satisfaction == seeds.satisfaction)
        #expect(comparable.visitQuotas == seeds.visitQuotas)
        #expect(comparable == seeds)
    }

    @Test func CMP_04_editingOneYAMLValueChangesTheContactDeadline() throws {
        let shipped = try PolicyLoader.load(directory: workflowsFolder)
        #expect(try contactDeadline(policy: shipped) == t0 + .seconds(2 * 3600))
        let folder = try editedCopy("complaint.yaml") {
            $0.replacingOccurrences(of: "contact_owner_within: 2h", with: "contact_owner_within: 1h")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let edited = try PolicyLoader.load(directory: folder)
        #expect(try contactDeadline(policy: edited) == t0 + .seconds(3600))
    }

    @Test func unknownDepartmentIsNamedWithFileAndKey() throws {
        let folder = try editedCopy("routing.yaml") { $0.replacingOccurrences(of: "public_hazard: engineering", with: "public_hazard: plumbing") }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = problems(loading: folder)
        #expect(found.count == 1)
        #expect(found.first?.file == "\(folder)/routing.yaml")
        #expect(found.first?.key == "complaint_subjects.public_hazard")
        #expect(found.first?.message.hasPrefix("unknown department 'plumbing'; expected one of engineering, cleaning") == true)
        #expect(found.first?.line == 9)
    }

    @Test func malformedDurationAndUnknownRoleAreAllReported() throws {
        let folder = try editedCopy("complaint.yaml") {
            $0.replacingOccurrences(of: "reply_within: 2h          # CMP-06", with: "reply_within: two hours")
                .replacingOccurrences(of: "extensions_granted_by: [site_director]", with: "extensions_granted_by: [site_manager]")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = problems(loading: folder)
        #expect(found.map(\.key) == ["invalid.reply_within", "extensions_granted_by.0"])
        #expect(found.allSatisfy { $0.file.hasSuffix("/complaint.yaml") })
        #expect(found.first?.message.hasPrefix("'two hours' is not a duration") == true)
        #expect(found.last?.message.hasPrefix("unknown role 'site_manager'") == true)
    }

    @Test func unknownEventStateAndMisspeltKeysAreErrors() throws {
        let folder = try editedCopy("repair.yaml") {
            $0.replacingOccurrences(of: "state: referred", with: "state: sent_away")
                .replacingOccurrences(of: "arrival_check_by:", with: "arival_check_by:")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = problems(loading: folder).map { "\($0.key ?? ""): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("notify_on.0.state: unknown repair state 'sent_away'") })
        #expect(found.contains { $0.hasPrefix("arival_check_by: is not a known key") })
        #expect(found.contains { $0.hasPrefix("arrival_check_by: is missing") })
        let events = try editedCopy("complaint.yaml") { $0.replacingOccurrences(of: "event: cannot_solve", with: "event: gave_up") }
        defer { try? FileManager.default.removeItem(atPath: events) }
        #expect(problems(loading: events).map(\.key) == ["notify_on.0.event"])
    }

    @Test func aMissingFileAndACrossFileGapAreReported() throws {
        let folder = try editedCopy("complaint.yaml") { $0.replacingOccurrences(of: "  other:                  { respond_within: 8h }\n", with: "") }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: "\(folder)/escalation.yaml")
        let found = problems(loading: folder).map(\.description)
        #expect(found.contains("\(folder)/escalation.yaml: is missing; every policy file must be present"))
        #expect(found.contains("\(folder)/routing.yaml: complaint_subjects: has no response deadline for subject 'other' (routed in routing.yaml)") == false)
        #expect(found.contains("\(folder)/complaint.yaml: subjects: has no response deadline for subject 'other' (routed in routing.yaml)"))
    }

    @Test func notificationsFromPolicyAreAddedToTheActions() throws {
        let policy = try PolicyLoader.load(directory: workflowsFolder)
        let engine = WorkflowEngine(policy: policy)
        var request = complaintIntake
        request.kind = .repair
        request.fields = ["mode": "immediate"]
        let opened = try engine.open(request, id: "WO-1", at: t0).get()
        let referred = try engine.handle(
            OrderEvent("referred", by: Actor(id: "zhao", role: .cs_staff), fields: ["supplier": "Glass Co", "reply": "call Glass Co"]),
            on: opened.order, at: t0).get()
        #expect(referred.actions.last == .notify(role: .cs_supervisor, reason: "repair referred to a listed supplier"))
    }
}
