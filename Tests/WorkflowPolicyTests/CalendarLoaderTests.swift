import Foundation
import Testing
import WorkOrderCore
import WorkflowPolicy

/// The shipped calendars in `workflows/calendars/`, and the problems a bad file gives.
@Suite struct CalendarLoaderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let calendarsFolder = packageRoot.appendingPathComponent("workflows/calendars").path

    // MARK: - The shipped data

    @Test func shippedCalendarsLoad() throws {
        let calendars = try CalendarLoader.load(directory: Self.calendarsFolder)
        let cal = try #require(calendars["cn-mainland"])
        #expect(cal.utcOffsetSeconds == 8 * 3600)
        #expect(cal.workingPeriods == [MinuteRange(start: 510, end: 720), MinuteRange(start: 810, end: 1080)])
        #expect(cal.latestVisitMinute == 22 * 60)
        #expect(cal.earliestVisitMinute == 8 * 60)
        #expect(cal.coveredYears == [2026, 2027])
        #expect(cal.provisionalYears == [2027])
        #expect(cal.dataStatus(forYear: 2026) == .confirmed)
        #expect(cal.dataStatus(forYear: 2027) == .provisional)
    }

    @Test func cnMainland2026FollowsTheStateCouncilNotice() throws {
        let cal = try #require(try CalendarLoader.load(directory: Self.calendarsFolder)["cn-mainland"])
        let in2026 = { (day: CivilDate) in day.year == 2026 }
        // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 days.
        #expect(cal.holidays.filter(in2026).count == 33)
        #expect(cal.makeUpWorkdays.filter(in2026).sorted().map(\.description) == [
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        ])
        #expect(!cal.isWorkingDay(CivilDate(year: 2026, month: 2, day: 23)))
        #expect(cal.isWorkingDay(CivilDate(year: 2026, month: 2, day: 24)))
        #expect(cal.isWorkingDay(CivilDate(year: 2026, month: 10, day: 10)))
        let due = cal.due(after: .workingDays(3), from: cal.instant(on: CivilDate(year: 2026, month: 2, day: 13), at: LocalTime(hour: 17)))
        #expect(cal.localDate(of: due) == CivilDate(year: 2026, month: 2, day: 25))
    }

    @Test func cnMainland2027HasTheStatutoryDaysProvisionally() throws {
        let cal = try #require(try CalendarLoader.load(directory: Self.calendarsFolder)["cn-mainland"])
        for day in ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-05-03", "2027-06-09", "2027-09-15", "2027-10-01"] {
            #expect(!cal.isWorkingDay(try #require(CivilDate(parsing: day))), "\(day)")
        }
        #expect(cal.makeUpWorkdays.filter { $0.year == 2027 }.isEmpty)
    }

    // MARK: - Sites

    @Test func aSiteExtendsTheNationalCalendar() throws {
        let folder = try TemporaryFolder()
        try folder.copy(Self.calendarsFolder + "/cn-mainland.yaml")
        try folder.write("harbour-view.yaml", """
            extends: cn-mainland
            working_hours: ["08:00-12:00", "14:00-17:30"]
            years:
              2026:
                holidays:
                  - name: 小区开放日 community day
                    date: 2026-06-01
                remove_holidays:
                  - 2026-10-07
            """)
        let calendars = try CalendarLoader.load(directory: folder.path)
        let site = try #require(calendars["harbour-view"])
        #expect(site.name == "harbour-view")
        #expect(!site.isWorkingDay(CivilDate(year: 2026, month: 6, day: 1)))
        #expect(site.isWorkingDay(CivilDate(year: 2026, month: 10, day: 7)))
        #expect(!site.isWorkingDay(CivilDate(year: 2026, month: 2, day: 16)))     // inherited
        #expect(site.isWorkingDay(CivilDate(year: 2026, month: 2, day: 14)))      // inherited make-up day
        #expect(site.latestVisitMinute == 22 * 60)                                // inherited
        #expect(site.workingPeriods.last == MinuteRange(start: 14 * 60, end: 17 * 60 + 30))
        #expect(site.provisionalYears == [2027])
        #expect(calendars["cn-mainland"]?.isWorkingDay(CivilDate(year: 2026, month: 6, day: 1)) == true)
    }

    // MARK: - Problems

    @Test func anImpossibleDateNamesTheFileAndKey() throws {
        let folder = try TemporaryFolder()
        try folder.write("cn-mainland.yaml", Self.validHeader + """
            years:
              2026:
                holidays:
                  - 2026-01-01
                  - 2026-02-16
                  - 2026-02-17
                  - 2026-02-30
            """)
        let problems = try folder.problems()
        #expect(problems == ["\(folder.path)/cn-mainland.yaml:14: years.2026.holidays[3]: '2026-02-30' is not a date (expected YYYY-MM-DD)"])
    }

    @Test func aDayBothOffAndWorkedIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("cn-mainland.yaml", Self.validHeader + """
            years:
              2026:
                holidays:
                  - { from: 2026-02-14, to: 2026-02-16 }
                make_up_workdays:
                  - 2026-02-14
            """)
        let problems = try folder.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("years.2026.make_up_workdays[0]: '2026-02-14' is a make-up working day and also a holiday (years.2026.holidays[0])") == true)
    }

    @Test func everyProblemInEveryFileIsReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.yaml", """
            utc_offset: "8"
            working_hours: ["12:00-08:30"]
            visits: { latest: "25:00" }
            holiday: []
            years:
              2026:
                make_up_workdays: [2026-02-11]
                holidays: [{ from: 2026-03-05, to: 2026-03-01 }, 2062-01-01]
            """)
        try folder.write("b.yaml", "extends: cn-mainlnd\n")
        let problems = try folder.problems()
        let a = "\(folder.path)/a.yaml", b = "\(folder.path)/b.yaml"
        #expect(problems == [
            "\(a):1: utc_offset: '8' is not an offset from UTC (expected +HH:MM, e.g. \"+08:00\" for Beijing time)",
            "\(a):2: working_hours[0]: '12:00-08:30' is not a working period (expected HH:MM-HH:MM with the start before the end, e.g. \"08:30-12:00\")",
            "\(a):3: visits.latest: '25:00' is not a time of day (expected HH:MM, e.g. \"22:00\")",
            "\(a):4: holiday: unknown key (expected one of: extends, description, utc_offset, working_hours, visits, years)",
            "\(a):7: years.2026.make_up_workdays[0]: '2026-02-11' is a Wednesday; a make-up working day (调休上班) is a Saturday or Sunday worked instead",
            "\(a):8: years.2026.holidays[0].to: '2026-03-01' is before from '2026-03-05'",
            "\(a):8: years.2026.holidays[1]: '2062-01-01' is not in 2026 (a year's section lists that year's days, and at most the end of December before or the start of January after)",
            "\(b):1: extends: no calendar 'cn-mainlnd' in this folder (expected the name of a file without .yaml; known: a)",
        ])
    }

    @Test func aCalendarWithoutExtendsMustSayEverything() throws {
        let folder = try TemporaryFolder()
        try folder.write("bare.yaml", "years: {}\n")
        let problems = try folder.problems()
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.hasPrefix("\(folder.path)/bare.yaml:1: ") && $0.contains("is missing") })
        #expect(problems.contains { $0.contains(": working_hours: is missing") })
        #expect(problems.contains { $0.contains(": visits.latest: is missing") })
    }

    @Test func siteProblems() throws {
        let folder = try TemporaryFolder()
        try folder.copy(Self.calendarsFolder + "/cn-mainland.yaml")
        try folder.write("site.yaml", """
            extends: cn-mainland
            years:
              2026:
                holidays: [2026-02-14]
                remove_holidays: [2026-03-02]
            """)
        try folder.write("loop-a.yaml", "extends: loop-b\n")
        try folder.write("loop-b.yaml", "extends: loop-a\n")
        let problems = try folder.problems()
        let site = "\(folder.path)/site.yaml"
        #expect(problems.contains("\(site):4: years.2026.holidays[0]: '2026-02-14' is a make-up working day in cn-mainland; to give it off here, also list it under remove_make_up_workdays"))
        #expect(problems.contains("\(site):5: years.2026.remove_holidays[0]: '2026-03-02' is not a holiday of cn-mainland; there is nothing to remove"))
        #expect(problems.contains { $0.hasPrefix("\(folder.path)/loop-") && $0.contains("leads back to this calendar") })
    }

    @Test func brokenYAMLAndEmptyFoldersAreReported() throws {
        let folder = try TemporaryFolder()
        #expect(try folder.problems() == ["\(folder.path): has no calendar files (expected at least one *.yaml, e.g. cn-mainland.yaml)"])
        try folder.write("x.yaml", "years: [unclosed\n")
        let problems = try folder.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(folder.path)/x.yaml:") == true)
        #expect(problems.first?.contains(": is not valid YAML: ") == true)
        #expect(problems.first?.contains("\n") == false)
        #expect(throws: CalendarLoadError.self) { try CalendarLoader.load(directory: folder.path + "/missing") }
    }

    static let validHeader = """
        utc_offset: "+08:00"
        working_hours:
          - "08:30-12:00"
          - "13:30-18:00"
        visits:
          earliest: "08:00"
          latest: "22:00"

        """
}

/// A fresh folder under the system's temporary directory, removed when dropped.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("calendar-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func copy(_ file: String) throws {
        try FileManager.default.copyItem(atPath: file, toPath: path + "/" + (file as NSString).lastPathComponent)
    }

    /// The problems loading this folder gives, one line each; empty if it loads.
    func problems() throws -> [String] {
        do {
            _ = try CalendarLoader.load(directory: path)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
