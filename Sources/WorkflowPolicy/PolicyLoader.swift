import Foundation
import WorkOrderCore

/// Loads and validates a policy folder (`workflows/`) into a `PolicySet`.
///
/// Every file is read and checked as a whole: an unknown state, event, department or
/// role, a malformed duration, a missing or misspelt key is a problem naming the file,
/// the key path, the line and what was expected. All problems are thrown together.
///
/// A policy is loaded from a folder on disk or from the texts of its files held in
/// memory (the versions `wo serve` recorded in its store); both go through the same checks.
public enum PolicyLoader {
    /// The files of a policy folder, without `.yaml`.
    public static let fileNames = [
        "policy", "complaint", "repair", "paid_service", "help", "renovation", "move_in",
        "callbacks", "routing", "escalation", "satisfaction",
    ]

    /// Files that live in the policy folder but are not versioned procedures: read by
    /// their own loaders, never recorded with a version (`access.yaml`: who may act as whom;
    /// `privacy.yaml`: how long owners' data is kept).
    public static let sideFiles = [SenderPolicyLoader.fileName, PrivacyPolicyLoader.fileName]

    public static func load(directory: String) throws(PolicyError) -> PolicySet {
        try loadWithFiles(directory: directory).policy
    }

    /// The policy of a folder together with the text of every file it was made from,
    /// by path relative to the folder (`repair.yaml`, `calendars/cn-mainland.yaml`).
    /// Reading once and loading from those texts means what is recorded is what ran.
    public static func loadWithFiles(directory: String) throws(PolicyError) -> (policy: PolicySet, files: [String: String]) {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let read = PolicyFolderReader.read(folder)
        let policy = try assemble(read.files, origin: folder, readProblems: read.problems)
        return (policy, read.files)
    }

    /// Loads a policy from the texts of its files (path relative to the policy folder →
    /// text), checked exactly as a folder is. `origin` stands for the folder in problems.
    public static func load(files: [String: String], origin: String) throws(PolicyError) -> PolicySet {
        try assemble(files, origin: origin, readProblems: [])
    }

    /// `readProblems`: what reading a folder from disk found (an unreadable folder or calendar).
    private static func assemble(_ files: [String: String], origin: String, readProblems: [PolicyProblem]) throws(PolicyError) -> PolicySet {
        var problems = readProblems
        var readers: [String: PolicyFileReader] = [:]
        for name in fileNames {
            let path = "\(origin)/\(name).yaml"
            if let text = files["\(name).yaml"] {
                readers[name] = PolicyFileReader(file: path, text: text)
            } else {
                readers[name] = PolicyFileReader(missing: path)
            }
        }
        problems += unexpectedFiles(files.keys, origin: origin)
        var assembly = PolicyAssembly(policy: PolicySet(version: ""), readers: readers)
        assembly.readAll()
        var policy = assembly.policy
        problems += assembly.readers.values.flatMap(\.problems)
        problems += assembly.crossFileProblems
        problems += loadCalendars(files, origin: origin, readProblems: readProblems, policy: &policy)
        guard problems.isEmpty else {
            throw PolicyError(problems: problems.sorted { ($0.file, $0.line ?? 0, $0.key ?? "") < ($1.file, $1.line ?? 0, $1.key ?? "") })
        }
        return policy
    }

    /// Top-level YAML files that are not policy files (a typo in a name, `.yml`).
    private static func unexpectedFiles(_ paths: Dictionary<String, String>.Keys, origin: String) -> [PolicyProblem] {
        paths.sorted().compactMap { entry in
            guard !entry.contains("/"), entry.hasSuffix(".yaml") || entry.hasSuffix(".yml"), !sideFiles.contains(entry) else { return nil }
            let name = entry.hasSuffix(".yaml") ? String(entry.dropLast(5)) : String(entry.dropLast(4))
            guard !fileNames.contains(name) || entry.hasSuffix(".yml") else { return nil }
            return PolicyProblem(file: "\(origin)/\(entry)", message: "is not a policy file; expected one of "
                + fileNames.map { "\($0).yaml" }.joined(separator: ", "))
        }
    }

    /// The site calendars from `calendars/`, and checks that the names used exist.
    private static func loadCalendars(
        _ files: [String: String], origin: String, readProblems: [PolicyProblem], policy: inout PolicySet
    ) -> [PolicyProblem] {
        let calendarFolder = "\(origin)/calendars"
        let policyFile = "\(origin)/policy.yaml"
        var texts: [String: String] = [:]
        for (path, text) in files where path.hasPrefix("calendars/") {
            texts[String(path.dropFirst("calendars/".count))] = text
        }
        var problems: [PolicyProblem] = []
        guard !texts.isEmpty else {
            // Reading a folder has already said whether calendars/ is missing, unreadable or empty.
            if !readProblems.contains(where: { $0.file.hasPrefix(calendarFolder) }) {
                problems.append(PolicyProblem(file: calendarFolder, message: "is missing; expected a folder of calendars, e.g. cn-mainland.yaml"))
            }
            return problems
        }
        do {
            policy.calendars = try CalendarLoader.load(texts: texts, folder: calendarFolder)
        } catch {
            return error.problems
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
