import WorkOrderCore

/// Turns parsed calendar files into `BusinessCalendar`s: follows `extends`, applies
/// each file's additions and removals on top of its base, and checks the result.
struct CalendarResolver {
    let files: [String: CalendarFile]
    private(set) var problems: [CalendarProblem] = []
    private var state: [String: State] = [:]

    private enum State {
        case resolving
        case done(Resolved?)
    }

    /// A resolved calendar plus where each of its days came from, for messages.
    struct Resolved {
        var calendar: BusinessCalendar
        var holidays: [CivilDate: Origin]
        var makeUpWorkdays: [CivilDate: Origin]
    }

    struct Origin {
        var calendar: String
        var key: String
    }

    init(files: [String: CalendarFile]) {
        self.files = files
    }

    mutating func resolveAll() -> [String: BusinessCalendar] {
        var calendars: [String: BusinessCalendar] = [:]
        for name in files.keys.sorted() {
            if let resolved = resolve(name, chain: []) { calendars[name] = resolved.calendar }
        }
        return calendars
    }

    private mutating func resolve(_ name: String, chain: [String]) -> Resolved? {
        switch state[name] {
        case .done(let resolved): return resolved
        case .resolving:
            let file = files[name]!
            let cycle = (chain.drop(while: { $0 != name }) + [name]).joined(separator: " → ")
            fail(file, file.extends, "'\(file.extends?.value ?? name)' leads back to this calendar (\(cycle)); a calendar cannot extend itself")
            return nil
        case nil: break
        }
        state[name] = .resolving
        let resolved = merge(files[name]!, chain: chain + [name])
        state[name] = .done(resolved)
        return resolved
    }

    private mutating func merge(_ file: CalendarFile, chain: [String]) -> Resolved? {
        var base: Resolved?
        if let extends = file.extends {
            guard files[extends.value] != nil else {
                let known = files.keys.sorted().filter { $0 != file.name }.joined(separator: ", ")
                fail(file, extends, "no calendar '\(extends.value)' in this folder (expected the name of a file without .yaml; known: \(known.isEmpty ? "none" : known))")
                return nil
            }
            // A broken base has reported its own problems; the site cannot be built on it.
            guard let resolved = resolve(extends.value, chain: chain) else { return nil }
            base = resolved
        }
        guard let utcOffset = file.utcOffsetSeconds?.value ?? base?.calendar.utcOffsetSeconds,
              let periods = file.workingPeriods?.value ?? base?.calendar.workingPeriods,
              let latestVisit = file.latestVisit?.value.minuteOfDay ?? base?.calendar.latestVisitMinute
        else { return nil }  // missing or malformed: already reported
        let earliestVisit = file.earliestVisit?.value.minuteOfDay ?? base?.calendar.earliestVisitMinute

        var holidays = base?.holidays ?? [:]
        var makeUp = base?.makeUpWorkdays ?? [:]
        var added = Set<CivilDate>()
        for section in file.years {
            for (list, removes, what) in [
                (\Resolved.holidays, section.removeHolidays, "holiday"),
                (\Resolved.makeUpWorkdays, section.removeMakeUpWorkdays, "make-up working day"),
            ] {
                guard let first = removes.first else { continue }
                guard let base else {
                    fail(file, first, "removes days, but this calendar extends no other (expected `extends:` naming the calendar whose days it removes)")
                    continue
                }
                for day in removes {
                    if base[keyPath: list][day.value] == nil {
                        fail(file, day, "'\(day.value)' is not a \(what) of \(base.calendar.name); there is nothing to remove")
                    } else if list == \Resolved.holidays {
                        holidays[day.value] = nil
                    } else {
                        makeUp[day.value] = nil
                    }
                }
            }
            for day in section.holidays {
                holidays[day.value] = Origin(calendar: file.name, key: day.key)
                added.insert(day.value)
            }
            for day in section.makeUpWorkdays {
                makeUp[day.value] = Origin(calendar: file.name, key: day.key)
                added.insert(day.value)
            }
        }
        checkConflicts(file, holidays: holidays, makeUp: makeUp, added: added)

        if let earliestVisit, earliestVisit >= latestVisit {
            let located = file.earliestVisit.map { Located(value: (), key: $0.key, line: $0.line) }
                ?? file.latestVisit.map { Located(value: (), key: $0.key, line: $0.line) }
            if let located {
                fail(file, located, "the earliest visit time \(LocalTime(minuteOfDay: earliestVisit)) is not before the latest \(LocalTime(minuteOfDay: latestVisit))")
            }
        }

        let calendar = BusinessCalendar(
            name: file.name,
            utcOffsetSeconds: utcOffset,
            holidays: Set(holidays.keys),
            makeUpWorkdays: Set(makeUp.keys),
            workingPeriods: periods,
            latestVisitMinute: latestVisit,
            earliestVisitMinute: earliestVisit,
            coveredYears: (base?.calendar.coveredYears ?? []).union(file.years.map(\.year)),
            provisionalYears: (base?.calendar.provisionalYears ?? []).union(file.years.filter(\.provisional).map(\.year))
        )
        return Resolved(calendar: calendar, holidays: holidays, makeUpWorkdays: makeUp)
    }

    /// A day both off and worked is an error, reported in the file that made it so.
    private mutating func checkConflicts(
        _ file: CalendarFile, holidays: [CivilDate: Origin], makeUp: [CivilDate: Origin], added: Set<CivilDate>
    ) {
        let days = Set(holidays.keys).intersection(makeUp.keys).intersection(added).sorted()
        for day in days {
            let off = holidays[day]!, worked = makeUp[day]!
            let line = file.years.lazy.flatMap { $0.holidays + $0.makeUpWorkdays }
                .first { $0.value == day && ($0.key == worked.key || $0.key == off.key) }?.line
            let message: String
            let key: String
            switch (off.calendar == file.name, worked.calendar == file.name) {
            case (true, true):
                key = worked.key
                message = "'\(day)' is a make-up working day and also a holiday (\(off.key)); a day is either off or worked"
            case (true, false):
                key = off.key
                message = "'\(day)' is a make-up working day in \(worked.calendar); to give it off here, also list it under remove_make_up_workdays"
            default:
                key = worked.key
                message = "'\(day)' is a holiday in \(off.calendar); to work it here, also list it under remove_holidays"
            }
            problems.append(CalendarProblem(file: file.path, key: key, line: line, message: message))
        }
    }

    private mutating func fail<Value>(_ file: CalendarFile, _ at: Located<Value>?, _ message: String) {
        problems.append(CalendarProblem(file: file.path, key: at?.key, line: at?.line, message: message))
    }
}
