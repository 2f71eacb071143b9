import WorkOrderCore
import Yams

/// Reads one calendar file's YAML into a `CalendarFile`, collecting every problem
/// instead of stopping at the first.
struct CalendarFileReader {
    let path: String
    private(set) var problems: [CalendarProblem] = []
    private var sawLatestVisit = false

    init(path: String) {
        self.path = path
    }

    static let rootKeys = ["extends", "description", "utc_offset", "working_hours", "visits", "years"]
    static let visitKeys = ["earliest", "latest"]
    static let yearKeys = [
        "source", "note", "provisional",
        "holidays", "make_up_workdays", "remove_holidays", "remove_make_up_workdays",
    ]
    static let entryKeys = ["name", "date", "from", "to"]

    mutating func read(name: String, yaml text: String) -> CalendarFile {
        var file = CalendarFile(name: name, path: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            problems.append(Self.problem(path: path, yamlError: error))
            return file
        }
        guard let root, !isNull(root) else {
            fail(nil, nil, "is empty (expected a calendar: utc_offset, working_hours, visits and years, or extends)")
            return file
        }
        guard let pairs = mapping(root, key: nil, allowed: Self.rootKeys, what: "a calendar") else { return file }
        for (key, value) in pairs {
            switch key {
            case "extends":
                if let base = string(value, key: key, expected: "the name of another calendar file, without .yaml") {
                    file.extends = Located(value: base, key: key, line: value.mark?.line)
                }
            case "description":
                _ = string(value, key: key, expected: "text")
            case "utc_offset":
                if let seconds = utcOffset(value, key: key) {
                    file.utcOffsetSeconds = Located(value: seconds, key: key, line: value.mark?.line)
                }
            case "working_hours":
                if let periods = workingPeriods(value, key: key) {
                    file.workingPeriods = Located(value: periods, key: key, line: value.mark?.line)
                }
            case "visits":
                readVisits(value, into: &file)
            case "years":
                file.years = years(value, key: key)
            default:
                break  // `mapping` reported it
            }
        }
        if file.extends == nil {
            let present = Set(pairs.map(\.0)).union(sawLatestVisit ? ["visits.latest"] : [])
            for (required, expected) in [
                ("utc_offset", "the site's offset from UTC, e.g. \"+08:00\""),
                ("working_hours", "a list of periods, e.g. [\"08:30-12:00\", \"13:30-18:00\"]"),
                ("visits.latest", "the time from which no home visit may start, e.g. \"22:00\""),
            ] where !present.contains(required) {
                fail(required, root, "is missing (expected \(expected); only a calendar with `extends` may leave it out)")
            }
        }
        return file
    }

    /// A YAML syntax error as one line, with the line it was found on.
    private static func problem(path: String, yamlError error: any Error) -> CalendarProblem {
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _)?,
             let .parser(context, problem, mark, _)?,
             let .composer(context, problem, mark, _)?:
            let where_ = context.map { "\($0.text) " } ?? ""
            return CalendarProblem(file: path, line: mark.line, message: "is not valid YAML: \(where_)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, _)?:
            return CalendarProblem(file: path, message: "has a key twice in one place: \(duplicates.sorted().joined(separator: ", "))")
        default:
            let firstLine = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return CalendarProblem(file: path, message: "is not valid YAML: \(firstLine)")
        }
    }

    // MARK: - Sections

    private mutating func readVisits(_ node: Node, into file: inout CalendarFile) {
        guard let pairs = mapping(node, key: "visits", allowed: Self.visitKeys, what: "visiting hours") else { return }
        for (key, value) in pairs {
            let path = "visits.\(key)"
            if key == "latest" { sawLatestVisit = true }
            guard let time = localTime(value, key: path) else { continue }
            let located = Located(value: time, key: path, line: value.mark?.line)
            if key == "earliest" { file.earliestVisit = located } else { file.latestVisit = located }
        }
    }

    private mutating func years(_ node: Node, key: String) -> [YearSection] {
        if isNull(node) { return [] }
        guard case .mapping(let map) = node else {
            fail(key, node, "\(describe(node)) is not a set of years (expected e.g. `2026:` followed by holidays and make_up_workdays)")
            return []
        }
        var sections: [YearSection] = []
        for (yearNode, body) in map {
            let yearText = yearNode.scalar?.string ?? ""
            guard let year = Int(yearText), (1970...9999).contains(year), yearText.count == 4 else {
                fail(key, yearNode, "\(describe(yearNode)) is not a year (expected a four-digit year such as 2026)")
                continue
            }
            sections.append(yearSection(body, year: year, key: "\(key).\(year)"))
        }
        return sections
    }

    private mutating func yearSection(_ node: Node, year: Int, key: String) -> YearSection {
        var section = YearSection(year: year)
        guard let pairs = mapping(node, key: key, allowed: Self.yearKeys, what: "a year") else { return section }
        for (name, value) in pairs {
            let path = "\(key).\(name)"
            switch name {
            case "source", "note":
                _ = string(value, key: path, expected: "text")
            case "provisional":
                if let flag = value.scalar.flatMap(Bool.construct) {
                    section.provisional = flag
                } else {
                    fail(path, value, "\(describe(value)) is not true or false")
                }
            case "holidays":
                section.holidays = dates(value, key: path, year: year, weekendsOnly: false)
            case "make_up_workdays":
                section.makeUpWorkdays = dates(value, key: path, year: year, weekendsOnly: true)
            case "remove_holidays":
                section.removeHolidays = dates(value, key: path, year: year, weekendsOnly: false)
            case "remove_make_up_workdays":
                section.removeMakeUpWorkdays = dates(value, key: path, year: year, weekendsOnly: false)
            default:
                break
            }
        }
        return section
    }

    /// A list of days: each entry a date, or `{name, from, to}` (both ends included),
    /// or `{name, date}`. Ranges are expanded to single days, each keeping the entry's key.
    private mutating func dates(_ node: Node, key: String, year: Int, weekendsOnly: Bool) -> [Located<CivilDate>] {
        if isNull(node) { return [] }
        guard case .sequence(let entries) = node else {
            fail(key, node, "\(describe(node)) is not a list (expected a list of dates YYYY-MM-DD, one per line after `- `)")
            return []
        }
        var days: [Located<CivilDate>] = []
        for (index, entry) in entries.enumerated() {
            let entryKey = "\(key)[\(index)]"
            guard let (first, last) = dateRange(entry, key: entryKey) else { continue }
            var inYear = true
            for end in (first == last ? [first] : [first, last]) where !isInYear(end, year) {
                fail(entryKey, entry, "'\(end)' is not in \(year) (a year's section lists that year's days, and at most the end of December before or the start of January after)")
                inYear = false
            }
            guard inYear else { continue }
            for dayNumber in first.daysSinceEpoch...last.daysSinceEpoch {
                let day = CivilDate(daysSinceEpoch: dayNumber)
                if weekendsOnly && !day.weekday.isWeekend {
                    fail(entryKey, entry, "'\(day)' is a \(day.weekday); a make-up working day (调休上班) is a Saturday or Sunday worked instead")
                    continue
                }
                days.append(Located(value: day, key: entryKey, line: entry.mark?.line))
            }
        }
        return days
    }

    private mutating func dateRange(_ node: Node, key: String) -> (CivilDate, CivilDate)? {
        if case .scalar = node {
            guard let day = date(node, key: key) else { return nil }
            return (day, day)
        }
        guard case .mapping = node else {
            fail(key, node, "\(describe(node)) is not a date (expected YYYY-MM-DD, or name/from/to)")
            return nil
        }
        guard let pairs = mapping(node, key: key, allowed: Self.entryKeys, what: "a day or a range of days") else {
            return nil
        }
        var fields: [String: Node] = [:]
        for (name, value) in pairs { fields[name] = value }
        if let name = fields["name"] { _ = string(name, key: "\(key).name", expected: "text") }
        if let single = fields["date"] {
            if fields["from"] != nil || fields["to"] != nil {
                fail(key, node, "has both date and from/to (expected `date` for one day, or `from` and `to` for a range)")
                return nil
            }
            guard let day = date(single, key: "\(key).date") else { return nil }
            return (day, day)
        }
        guard let fromNode = fields["from"] else {
            fail(key, node, "has no date (expected `date: YYYY-MM-DD`, or `from:` and `to:`)")
            return nil
        }
        let from = date(fromNode, key: "\(key).from")
        let to = fields["to"].map { date($0, key: "\(key).to") } ?? from
        guard let from, let to else { return nil }
        guard from <= to else {
            fail("\(key).to", fields["to"], "'\(to)' is before from '\(from)'")
            return nil
        }
        return (from, to)
    }

    // MARK: - Scalars

    private mutating func date(_ node: Node, key: String) -> CivilDate? {
        guard let text = node.scalar?.string else {
            fail(key, node, "\(describe(node)) is not a date (expected YYYY-MM-DD)")
            return nil
        }
        guard let day = CivilDate(parsing: text) else {
            fail(key, node, "'\(text)' is not a date (expected YYYY-MM-DD)")
            return nil
        }
        return day
    }

    private mutating func localTime(_ node: Node, key: String) -> LocalTime? {
        guard let text = node.scalar?.string, let time = LocalTime(parsing: text) else {
            fail(key, node, "\(describe(node)) is not a time of day (expected HH:MM, e.g. \"22:00\")")
            return nil
        }
        return time
    }

    private mutating func utcOffset(_ node: Node, key: String) -> Int? {
        let text = node.scalar?.string ?? ""
        let sign: Int? = text.first == "+" ? 1 : text.first == "-" ? -1 : nil
        guard let sign, let time = LocalTime(parsing: text.dropFirst()), time.minuteOfDay <= 14 * 60 else {
            fail(key, node, "\(describe(node)) is not an offset from UTC (expected +HH:MM, e.g. \"+08:00\" for Beijing time)")
            return nil
        }
        return sign * time.minuteOfDay * 60
    }

    private mutating func workingPeriods(_ node: Node, key: String) -> [MinuteRange]? {
        guard case .sequence(let entries) = node, !entries.isEmpty else {
            fail(key, node, "\(describe(node)) is not a list of working periods (expected e.g. [\"08:30-12:00\", \"13:30-18:00\"])")
            return nil
        }
        var periods: [MinuteRange] = []
        var ok = true
        for (index, entry) in entries.enumerated() {
            let entryKey = "\(key)[\(index)]"
            guard let text = entry.scalar?.string, let period = MinuteRange(parsing: text) else {
                fail(entryKey, entry, "\(describe(entry)) is not a working period (expected HH:MM-HH:MM with the start before the end, e.g. \"08:30-12:00\")")
                ok = false
                continue
            }
            if let previous = periods.last, period.start < previous.end {
                fail(entryKey, entry, "'\(period)' overlaps or comes before '\(previous)' (list the periods of a day in order, without overlaps)")
                ok = false
            }
            periods.append(period)
        }
        return ok ? periods : nil
    }

    private mutating func string(_ node: Node, key: String, expected: String) -> String? {
        guard let text = node.scalar?.string else {
            fail(key, node, "\(describe(node)) is not \(expected)")
            return nil
        }
        return text
    }

    // MARK: - Helpers

    /// The pairs of a mapping whose keys are plain strings; unknown keys reported.
    private mutating func mapping(_ node: Node, key: String?, allowed: [String], what: String) -> [(String, Node)]? {
        guard case .mapping(let map) = node else {
            fail(key, node, "\(describe(node)) is not \(what) (expected keys: \(allowed.joined(separator: ", ")))")
            return nil
        }
        var pairs: [(String, Node)] = []
        for (keyNode, value) in map {
            let name = keyNode.scalar?.string ?? "\(describe(keyNode))"
            guard allowed.contains(name) else {
                fail(key.map { "\($0).\(name)" } ?? name, keyNode,
                     "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            pairs.append((name, value))
        }
        return pairs
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Allowed: the year itself, December of the year before, January of the year after.
    private func isInYear(_ day: CivilDate, _ year: Int) -> Bool {
        day.year == year || (day.year == year - 1 && day.month == 12) || (day.year == year + 1 && day.month == 1)
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "'\(scalar.string)'"
        case .mapping: return "a set of keys"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private mutating func fail(_ key: String?, _ node: Node?, _ message: String) {
        problems.append(CalendarProblem(file: path, key: key, line: node?.mark?.line, message: message))
    }
}
