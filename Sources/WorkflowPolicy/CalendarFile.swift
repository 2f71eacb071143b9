import WorkOrderCore

/// One calendar file as written, before `extends` is resolved.
///
/// Every value remembers where it came from (`Located`), so that a conflict found
/// only after merging (a day both off and worked) can still name its key and line.
struct CalendarFile {
    /// The file name without `.yaml`: the calendar's name, used by `extends` and
    /// by site policies.
    var name: String
    /// The path shown in problems.
    var path: String
    var extends: Located<String>?
    var utcOffsetSeconds: Located<Int>?
    var workingPeriods: Located<[MinuteRange]>?
    var earliestVisit: Located<LocalTime>?
    var latestVisit: Located<LocalTime>?
    var years: [YearSection] = []

    init(name: String, path: String) {
        self.name = name
        self.path = path
    }
}

/// The `years.<year>` section of a calendar file.
struct YearSection {
    var year: Int
    var provisional = false
    var holidays: [Located<CivilDate>] = []
    var makeUpWorkdays: [Located<CivilDate>] = []
    var removeHolidays: [Located<CivilDate>] = []
    var removeMakeUpWorkdays: [Located<CivilDate>] = []
}

/// A value with the key path and line it was read from.
struct Located<Value> {
    var value: Value
    var key: String
    var line: Int?
}
