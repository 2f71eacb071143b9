import Foundation
import WorkOrderCore

/// Loads and validates a policy folder (`workflows/`) into a `PolicySet`.
///
/// Every file is read and checked as a whole: an unknown state, event, department or
/// role, a malformed duration, a missing or misspelt key is a problem naming the file,
/// the key path, the line and what was expected. All problems are thrown together.
public enum PolicyLoader {
    /// The files of a policy folder, without `.yaml`.
    public static let fileNames = [
        "policy", "complaint", "repair", "paid_service", "help", "renovation", "move_in",
        "callbacks", "routing", "escalation", "satisfaction",
    ]

    public static func load(directory: String) throws(PolicyError) -> PolicySet {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var problems: [PolicyProblem] = []
        var readers: [String: PolicyFileReader] = [:]
        for name in fileNames {
            let path = "\(folder)/\(name).yaml"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                readers[name] = PolicyFileReader(file: path, text: text)
            } else {
                readers[name] = PolicyFileReader(missing: path)
            }
        }
        problems += unexpectedFiles(in: folder)
        var policy = PolicySet(version: "")
        var loader = PolicyAssembly(policy: policy, readers: readers)
        loader.readAll()
        policy = loader.policy
        problems += loader.readers.values.flatMap(\.problems)
        problems += loader.crossFileProblems
        problems += loadCalendars(folder: folder, policy: &policy)
        guard problems.isEmpty else {
            throw PolicyError(problems: problems.sorted { ($0.file, $0.line ?? 0, $0.key ?? "") < ($1.file, $1.line ?? 0, $1.key ?? "") })
        }
        return policy
    }

    private static func unexpectedFiles(in folder: String) -> [PolicyProblem] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return [PolicyProblem(file: folder, message: "cannot be read as a policy folder")]
        }
        return entries.sorted().compactMap { entry in
            guard entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") else { return nil }
            let name = entry.hasSuffix(".yaml") ? String(entry.dropLast(5)) : String(entry.dropLast(4))
            guard !fileNames.contains(name) || entry.hasSuffix(".yml") else { return nil }
            return PolicyProblem(file: "\(folder)/\(entry)", message: "is not a policy file; expected one of "
                + fileNames.map { "\($0).yaml" }.joined(separator: ", "))
        }
    }

    /// The site calendars from `calendars/`, and checks that the names used exist.
    private static func loadCalendars(folder: String, policy: inout PolicySet) -> [PolicyProblem] {
        let calendarFolder = "\(folder)/calendars"
        let policyFile = "\(folder)/policy.yaml"
        var problems: [PolicyProblem] = []
        if FileManager.default.fileExists(atPath: calendarFolder) {
            do {
                policy.calendars = try CalendarLoader.load(directory: calendarFolder)
            } catch {
                problems += error.problems
                return problems
            }
        } else {
            problems.append(PolicyProblem(file: calendarFolder, message: "is missing; expected a folder of calendars, e.g. cn-mainland.yaml"))
            return problems
        }
        if policy.calendars[PolicySet.defaultCalendarName] == nil {
            problems.append(PolicyProblem(file: policyFile, key: "default_calendar",
                                          message: "calendar '\(PolicySet.defaultCalendarName)' is not in calendars/; expected one of "
                                              + policy.calendars.keys.sorted().joined(separator: ", ")))
        }
        for (site, name) in policy.siteCalendars.sorted(by: { $0.key < $1.key }) where policy.calendars[name] == nil {
            problems.append(PolicyProblem(file: policyFile, key: "site_calendars.\(site)",
                                          message: "unknown calendar '\(name)'; expected one of " + policy.calendars.keys.sorted().joined(separator: ", ")))
        }
        return problems
    }
}
