import Foundation
import WorkOrderCore

/// Loads the business calendars of a policy folder (`workflows/calendars/`).
///
/// Every `*.yaml` (or `*.yml`) file directly in the folder is one calendar, named
/// after the file without its extension (`cn-mainland.yaml` → `cn-mainland`). A
/// site's calendar may `extends:` another and add or remove days; the format is
/// described for property staff in `workflows/calendars/README.md`.
///
/// The folder is checked as a whole: every problem of every file is collected and
/// thrown together, each naming the file, the key, the line and what was expected.
public enum CalendarLoader {
    public static func load(directory: String) throws(CalendarLoadError) -> [String: BusinessCalendar] {
        var problems: [CalendarProblem] = []
        var files: [String: CalendarFile] = [:]
        for (name, path) in calendarFiles(in: directory, problems: &problems) {
            guard files[name] == nil else {
                problems.append(CalendarProblem(
                    file: path,
                    message: "defines calendar '\(name)' a second time (also \(files[name]!.path)); keep one file per calendar"))
                continue
            }
            guard let text = readText(path, problems: &problems) else { continue }
            var reader = CalendarFileReader(path: path)
            files[name] = reader.read(name: name, yaml: text)
            problems += reader.problems
        }
        var resolver = CalendarResolver(files: files)
        let calendars = resolver.resolveAll()
        problems += resolver.problems
        guard problems.isEmpty else {
            throw CalendarLoadError(problems: ordered(problems))
        }
        return calendars
    }

    /// `(name, path)` of each calendar file, sorted by file name.
    private static func calendarFiles(in directory: String, problems: inout [CalendarProblem]) -> [(String, String)] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            problems.append(CalendarProblem(file: directory, message: "cannot be read as a folder of calendars: \(error.localizedDescription)"))
            return []
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let found = entries.sorted().compactMap { entry -> (String, String)? in
            guard !entry.hasPrefix(".") else { return nil }
            for suffix in [".yaml", ".yml"] where entry.hasSuffix(suffix) && entry.count > suffix.count {
                return (String(entry.dropLast(suffix.count)), prefix + entry)
            }
            return nil
        }
        if found.isEmpty {
            problems.append(CalendarProblem(file: directory, message: "has no calendar files (expected at least one *.yaml, e.g. cn-mainland.yaml)"))
        }
        return found
    }

    private static func readText(_ path: String, problems: inout [CalendarProblem]) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(CalendarProblem(file: path, message: "cannot be read"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(CalendarProblem(file: path, message: "is not UTF-8 text (save it as UTF-8)"))
            return nil
        }
        return text
    }

    /// By file, then by line; problems without a line first, the rest kept in order.
    private static func ordered(_ problems: [CalendarProblem]) -> [CalendarProblem] {
        problems.enumerated().sorted { a, b in
            (a.element.file, a.element.line ?? 0, a.offset) < (b.element.file, b.element.line ?? 0, b.offset)
        }.map(\.element)
    }
}
