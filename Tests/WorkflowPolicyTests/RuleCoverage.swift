import Foundation

/// Test infrastructure for the rule-coverage check: every rule ID in
/// `../shared/spec/RULES.md` must have a test named after it (the ID written with an
/// underscore, as in `CMP_04`, inside the name of a function declared under `Tests/`)
/// or a row with a reason in `docs/rules-left-to-people.md`
/// (`| CMP-04 | why a person decides this |`).
///
/// Examples in this file and its tests use the made-up prefix XQ, so that their text
/// never counts as covering a real rule.
enum RuleCoverage {
    /// The package root: three levels above this file (Tests/WorkflowPolicyTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The spec lives beside the checkout, in `../shared/spec/`, not in the repository.
    static let specFile = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/spec/RULES.md")
    static let peopleListFile = packageRoot.appendingPathComponent("docs/rules-left-to-people.md")
    static let testsFolder = packageRoot.appendingPathComponent("Tests")

    static var specExists: Bool { FileManager.default.fileExists(atPath: specFile.path) }

    /// A rule of the spec: its ID (`CMP-04`) and the start of its text.
    struct Rule: Hashable {
        var id: String
        var summary: String
    }

    // MARK: - Parsing

    /// Every bold rule ID (`**CMP-04**`) in the spec, in order of appearance, once.
    static func rules(inSpec text: String) -> [Rule] {
        var rules: [Rule] = []
        var seen = Set<String>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = line[...]
            while let open = rest.range(of: "**") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "**") else { break }
                let candidate = String(after[..<close.lowerBound])
                rest = after[close.upperBound...]
                guard isRuleID(candidate), seen.insert(candidate).inserted else { continue }
                rules.append(Rule(id: candidate, summary: summary(of: rest)))
            }
        }
        return rules
    }

    /// `CMP-04`: capital letters, a hyphen, digits.
    static func isRuleID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2
            && !parts[0].isEmpty && parts[0].allSatisfy { $0.isASCII && $0.isUppercase }
            && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Rule IDs written with an underscore inside the name of a function
    /// (`test_XQ_04_validComplaint`, `XQ_04_validComplaint`, `testXQ_04`), returned
    /// as `XQ-04`. Only IDs whose prefix is in `prefixes` count, so `parse_UTF_8` is no rule.
    static func ruleIDsInFunctionNames(_ source: String, prefixes: Set<String>) -> Set<String> {
        var found = Set<String>()
        for name in functionNames(in: source) {
            let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
            for (index, part) in parts.enumerated().dropLast() {
                // The prefix may follow lowercase letters (`testCMP_04`); take its capitals.
                let prefix = String(part.reversed().prefix { $0.isASCII && $0.isUppercase }.reversed())
                let digits = parts[index + 1].prefix { $0.isASCII && $0.isNumber }
                if prefixes.contains(prefix), !digits.isEmpty {
                    found.insert("\(prefix)-\(digits)")
                }
            }
        }
        return found
    }

    /// The identifiers that follow `func ` in Swift source.
    static func functionNames(in source: String) -> [String] {
        var names: [String] = []
        var rest = source[...]
        while let range = rest.range(of: "func ") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard before.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true else { continue }
            let name = rest.drop { $0 == " " }.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { names.append(String(name)) }
        }
        return names
    }

    /// An entry of the list of rules left to people.
    struct PeopleEntry: Hashable {
        var id: String
        var reason: String
        var line: Int
    }

    /// The table rows of `docs/rules-left-to-people.md` whose first cell holds rule
    /// IDs (`| CMP-04 | reason |`; `**CMP-04**`, `` `CMP-04` `` and `CB-08, CB-09` are
    /// accepted). The reason is the second cell, trimmed; it may be empty here, and
    /// the check reports that.
    static func peopleEntries(in markdown: String) -> [PeopleEntry] {
        var entries: [PeopleEntry] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("|") else { continue }
            let cells = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = cells.first else { continue }
            let ids = first.split { ", *`".contains($0) }.map(String.init).filter(isRuleID)
            let reason = cells.count > 1 ? cells[1] : ""
            for id in ids { entries.append(PeopleEntry(id: id, reason: reason, line: index + 1)) }
        }
        return entries
    }

    private static func summary(of rest: Substring) -> String {
        // The rule's first line; a rule that goes on (no `[source]` at the end yet) gets "…".
        let text = rest.trimmingCharacters(in: .whitespaces)
        if text.count > 70 { return String(text.prefix(70)) + "…" }
        return text.hasSuffix("]") ? text : text + " …"
    }

    // MARK: - The check

    /// What the check found; `failures` is empty when every rule is accounted for.
    struct Report {
        var rules: [Rule]
        var tested: Set<String>
        var leftToPeople: [String: PeopleEntry]
        var failures: [String] = []

        var message: String {
            failures.joined(separator: "\n\n")
        }
    }

    static func check(spec: String, testSources: [String], peopleList: String?) -> Report {
        let rules = rules(inSpec: spec)
        let known = Set(rules.map(\.id))
        let prefixes = Set(rules.map { String($0.id.prefix { $0 != "-" }) })
        let tested = testSources.reduce(into: Set<String>()) { $0.formUnion(ruleIDsInFunctionNames($1, prefixes: prefixes)) }
        let entries = peopleEntries(in: peopleList ?? "")
        var withReason: [String: PeopleEntry] = [:]
        for entry in entries where !entry.reason.isEmpty { withReason[entry.id] = withReason[entry.id] ?? entry }
        var report = Report(rules: rules, tested: tested, leftToPeople: withReason)
        let list = "docs/rules-left-to-people.md"

        let uncovered = rules.filter { !tested.contains($0.id) && withReason[$0.id] == nil }
        let emptyReasons = entries.filter { $0.reason.isEmpty && !tested.contains($0.id) && withReason[$0.id] == nil }
        let emptyIDs = Set(emptyReasons.map(\.id))
        let neither = uncovered.filter { !emptyIDs.contains($0.id) }
        if !neither.isEmpty {
            report.failures.append(
                "Rules in RULES.md with neither a test named after them nor a reason in \(list)"
                + (peopleList == nil ? " (that file does not exist)" : "")
                + " (\(neither.count) of \(rules.count)):\n"
                + neither.map { "  \($0.id)  \($0.summary)" }.joined(separator: "\n")
                + "\nFix each by naming a test after the rule (e.g. `func \(neither[0].id.replacingOccurrences(of: "-", with: "_"))_whatItProves()`)"
                + " or adding a row `| \(neither[0].id) | why a person, not the engine, decides this |` to \(list).")
        }
        if !emptyReasons.isEmpty {
            report.failures.append(
                "Rules listed in \(list) without a reason, and with no test named after them (\(emptyReasons.count)):\n"
                + emptyReasons.map { "  \($0.id)  (line \($0.line))" }.joined(separator: "\n")
                + "\nWrite in the second column why the rule is left to people, or name a test after it.")
        }
        let unknownTested = tested.subtracting(known).sorted()
        if !unknownTested.isEmpty {
            report.failures.append(
                "Tests are named after rule IDs that RULES.md does not define (a typo?): "
                + unknownTested.map { $0.replacingOccurrences(of: "-", with: "_") }.joined(separator: ", "))
        }
        let unknownListed = entries.filter { !known.contains($0.id) }
        if !unknownListed.isEmpty {
            report.failures.append(
                "\(list) lists rule IDs that RULES.md does not define (a typo?):\n"
                + unknownListed.map { "  \($0.id)  (line \($0.line))" }.joined(separator: "\n"))
        }
        return report
    }

    /// Reads the spec, every Swift file under `Tests/`, and the list of rules left to people.
    static func checkRepository() throws -> Report {
        let spec = try String(contentsOf: specFile, encoding: .utf8)
        var sources: [String] = []
        if let files = FileManager.default.enumerator(at: testsFolder, includingPropertiesForKeys: nil) {
            for case let file as URL in files where file.pathExtension == "swift" {
                sources.append(try String(contentsOf: file, encoding: .utf8))
            }
        }
        let people = try? String(contentsOf: peopleListFile, encoding: .utf8)
        return check(spec: spec, testSources: sources, peopleList: people)
    }
}
