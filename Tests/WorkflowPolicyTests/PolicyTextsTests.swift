import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy

/// The texts of the shipped folder, gathered here by hand: every top-level YAML file and
/// every calendar, by path relative to the folder.
func shippedTexts() throws -> [String: String] {
    var texts: [String: String] = [:]
    for (folder, prefix) in [(workflowsFolder, ""), ("\(workflowsFolder)/calendars", "calendars/")] {
        for entry in try FileManager.default.contentsOfDirectory(atPath: folder) where entry.hasSuffix(".yaml") {
            texts[prefix + entry] = try String(contentsOfFile: "\(folder)/\(entry)", encoding: .utf8)
        }
    }
    return texts
}

func problems(loadingTexts files: [String: String], origin: String) -> [PolicyProblem] {
    do {
        _ = try PolicyLoader.load(files: files, origin: origin)
        return []
    } catch {
        return error.problems
    }
}

/// A policy loaded from texts in memory (a version the store recorded) is the policy the
/// same folder gives, checked the same way.
@Suite("Policy loader: from texts")
struct PolicyTextsTests {
    @Test func loadingTheFolderTextsEqualsLoadingTheFolder() throws {
        let texts = try shippedTexts()
        #expect(texts.keys.contains("calendars/cn-mainland.yaml"))
        let fromFolder = try PolicyLoader.load(directory: workflowsFolder)
        let fromTexts = try PolicyLoader.load(files: texts, origin: "recorded")
        #expect(fromTexts == fromFolder)
        #expect(fromTexts.calendars["cn-mainland"] == fromFolder.calendars["cn-mainland"])
        // What a server records is exactly those texts (no notes such as calendars/README.md).
        let loaded = try PolicyLoader.loadWithFiles(directory: workflowsFolder)
        // The side files (access.yaml, privacy.yaml) are read by their own loaders and never recorded.
        #expect(loaded.files == texts.filter { !PolicyLoader.sideFiles.contains($0.key) })
        #expect(loaded.policy == fromFolder)
    }

    @Test func anEditedTextChangesThePolicyAsTheEditedFileWould() throws {
        var texts = try shippedTexts()
        let edit = { (text: String) in text.replacingOccurrences(of: "immediate_on_site_within: 15m", with: "immediate_on_site_within: 25m") }
        texts["repair.yaml"] = edit(try #require(texts["repair.yaml"]))
        let folder = try editedCopy("repair.yaml", edit)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fromTexts = try PolicyLoader.load(files: texts, origin: "recorded")
        #expect(fromTexts.repair.immediateOnSiteWithin == .elapsed(.seconds(25 * 60)))
        #expect(fromTexts == (try PolicyLoader.load(directory: folder)))
    }

    @Test func textsGiveTheSameProblemsAsAFolderNamedByOrigin() throws {
        let edit = { (text: String) in
            text.replacingOccurrences(of: "public_hazard: engineering", with: "public_hazard: plumbing")
        }
        let folder = try editedCopy("routing.yaml", edit)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: "\(folder)/escalation.yaml")
        var texts = try shippedTexts()
        texts["routing.yaml"] = edit(try #require(texts["routing.yaml"]))
        texts["escalation.yaml"] = nil

        let fromFolder = problems(loading: folder)
        let fromTexts = problems(loadingTexts: texts, origin: "recorded 2026.1")
        #expect(fromFolder.contains { $0.key == "complaint_subjects.public_hazard" })
        #expect(fromTexts.map(\.description).contains("recorded 2026.1/escalation.yaml: is missing; every policy file must be present"))
        let renamed = fromFolder.map { problem in
            var problem = problem
            problem.file = problem.file.replacingOccurrences(of: folder, with: "recorded 2026.1")
            return problem
        }
        #expect(fromTexts == renamed)
    }

    @Test func textsWithoutCalendarsOrWithAStrayFileAreRefused() throws {
        var texts = try shippedTexts()
        texts = texts.filter { !$0.key.hasPrefix("calendars/") }
        texts["repairs.yaml"] = "immediate_on_site_within: 15m\n"
        let found = problems(loadingTexts: texts, origin: "recorded").map(\.description)
        #expect(found.contains("recorded/calendars: is missing; expected a folder of calendars, e.g. cn-mainland.yaml"))
        #expect(found.contains { $0.hasPrefix("recorded/repairs.yaml: is not a policy file; expected one of policy.yaml") })
    }
}
