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
        var sources: [CalendarSource] = []
        for (name, path) in calendarFiles(in: directory, problems: &problems) {
            guard let text = readText(path, problems: &problems) else { continue }
            sources.append(CalendarSource(name: name, path: path, text: text))
        }
        return try load(sources, problems: problems)
    }

    /// Calendars from texts held in memory (file name, e.g. `cn-mainland.yaml` → text),
    /// checked exactly as a folder is; problems name `<folder>/<file name>`.
    static func load(texts: [String: String], folder: String) throws(CalendarLoadError) -> [String: BusinessCalendar] {
        let sources = texts.keys.sorted().compactMap { file in
            calendarName(of: file).map { CalendarSource(name: $0, path: "\(folder)/\(file)", text: texts[file]!) }
        }
        var problems: [CalendarProblem] = []
        if sources.isEmpty { problems.append(noCalendarFiles(folder)) }
        return try load(sources, problems: problems)
    }

    /// One calendar file's name, path (for problems) and text.
    struct CalendarSource {
        var name: String
        var path: String
        var text: String
    }

    /// What both `load`s share: parse each file, resolve `extends`, check the whole.
    private static func load(_ sources: [CalendarSource], problems: [CalendarProblem]) throws(CalendarLoadError) -> [String: BusinessCalendar] {
        var problems = problems
        var files: [String: CalendarFile] = [:]
        for source in sources {
            guard files[source.name] == nil else {
                problems.append(CalendarProblem(
                    file: source.path,
                    message: "defines calendar '\(source.name)' a second time (also \(files[source.name]!.path)); keep one file per calendar"))
                continue
            }
            var reader = CalendarFileReader(path: source.path)
            files[source.name] = reader.read(name: source.name, yaml: source.text)
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

    /// The calendar a file in the folder defines (its name without `.yaml`/`.yml`), or
    /// nil for anything else (hidden files, notes such as README.md).
    static func calendarName(of entry: String) -> String? {
        guard !entry.hasPrefix("."), !entry.contains("/") else { return nil }
        for suffix in [".yaml", ".yml"] where entry.hasSuffix(suffix) && entry.count > suffix.count {
            return String(entry.dropLast(suffix.count))
        }
        return nil
    }

    /// `(name, path)` of each calendar file, sorted by file name.
    static func calendarFiles(in directory: String, problems: inout [CalendarProblem]) -> [(String, String)] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            problems.append(CalendarProblem(file: directory, message: "cannot be read as a folder of calendars: \(error.localizedDescription)"))
            return []
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let found = entries.sorted().compactMap { entry in calendarName(of: entry).map { ($0, prefix + entry) } }
        if found.isEmpty { problems.append(noCalendarFiles(directory)) }
        return found
    }

    private static func noCalendarFiles(_ folder: String) -> CalendarProblem {
        CalendarProblem(file: folder, message: "has no calendar files (expected at least one *.yaml, e.g. cn-mainland.yaml)")
    }

    static func readText(_ path: String, problems: inout [CalendarProblem]) -> String? {
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
