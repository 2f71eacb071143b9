import Foundation
import WorkOrderCore
import Yams

/// Loads the labels staff read in a language (`workflows/labels/zh.yaml`): a mapping
/// per section, from machine name to label. Checked as strictly as the policy: an
/// unknown section or name, an empty label or a label that is not text is a problem
/// naming the file, key and line. A label file does not have to name everything (a
/// name without a label reads as itself); the shipped file does, and a test says so.
public enum LabelsLoader {
    public static let sections = ["kinds", "states", "events", "roles", "departments", "deadlines"]

    /// Where a language's labels live in a policy folder, e.g. `workflows/labels/zh.yaml`.
    public static func path(directory: String, language: StaffLanguage) -> String {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return "\(folder)/labels/\(language.rawValue).yaml"
    }

    /// The labels of `language` from the folder: none for English (machine names), nil
    /// when the folder has no file for the language.
    public static func load(directory: String, language: StaffLanguage) throws(PolicyError) -> StaffLabels? {
        guard language != .en else { return .machineNames }
        let file = path(directory: directory, language: language)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw PolicyError(problems: [PolicyProblem(file: file, message: "cannot be read as UTF-8 text")])
        }
        return try load(text: text, file: file)
    }

    /// Labels from a file's text; `file` names it in problems.
    public static func load(text: String, file: String) throws(PolicyError) -> StaffLabels {
        var reader = PolicyFileReader(file: file, text: text)
        var labels = StaffLabels()
        if reader.isReadable {
            reader.onlyKeys("", sections)
            labels.kinds = section(&reader, "kinds", what: "kind", OrderKind.allCases.map(\.rawValue), OrderKind.init(rawValue:))
            labels.states = section(&reader, "states", what: "state", StaffLabels.knownStates) { $0 }
            labels.events = section(&reader, "events", what: "event", StaffLabels.knownEvents) { $0 }
            labels.roles = section(&reader, "roles", what: "role", Role.allCases.map(\.rawValue), Role.init(rawValue:))
            labels.departments = section(&reader, "departments", what: "department", Department.allCases.map(\.rawValue), Department.init(rawValue:))
            labels.deadlines = section(&reader, "deadlines", what: "deadline", TimerPurpose.allCases.map(\.rawValue), TimerPurpose.init(rawValue:))
        }
        guard reader.problems.isEmpty else {
            throw PolicyError(problems: reader.problems.sorted { ($0.line ?? 0, $0.key ?? "") < ($1.line ?? 0, $1.key ?? "") })
        }
        return labels
    }

    private static func section<Key: Hashable>(
        _ reader: inout PolicyFileReader, _ name: String, what: String, _ known: [String], _ key: (String) -> Key?
    ) -> [Key: String] {
        guard let node = reader.node(name) else { return [:] }
        guard let mapping = node.mapping else {
            reader.problem(name, "expected a mapping of \(what) names to labels")
            return [:]
        }
        var result: [Key: String] = [:]
        for (nameNode, valueNode) in mapping {
            let machineName = nameNode.string ?? ""
            let path = "\(name).\(machineName)"
            guard known.contains(machineName), let parsed = key(machineName) else {
                reader.problem(path, "unknown \(what) '\(machineName)'; expected one of " + known.joined(separator: ", "), node: nameNode)
                continue
            }
            guard let label = valueNode.scalar?.string.trimmingCharacters(in: .whitespaces), !label.isEmpty,
                  !label.contains(where: \.isNewline) else {
                reader.problem(path, "expected a label: one line of text", node: valueNode)
                continue
            }
            result[parsed] = label
        }
        return result
    }
}
