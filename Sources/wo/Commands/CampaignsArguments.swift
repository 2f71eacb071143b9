import ArgumentParser
import Foundation
import WorkOrderCampaigns
import WorkOrderCore

// Reading the campaigns commands' arguments: periods, households, local times.

enum CampaignArguments {
    static func period(_ text: String, _ what: String, matches: (CampaignPeriod) -> Bool) throws -> CampaignPeriod {
        guard let period = CampaignPeriod(parsing: text), matches(period) else {
            throw ValidationError("'\(text)' is not \(what)")
        }
        return period
    }

    static func month(_ text: String) throws -> CampaignPeriod {
        try period(text, "a month (YYYY-MM)") { if case .month = $0 { true } else { false } }
    }

    static func half(_ text: String) throws -> CampaignPeriod {
        try period(text, "a half year (YYYY-H1 or YYYY-H2)") { if case .half = $0 { true } else { false } }
    }

    static func day(_ text: String) throws -> CivilDate {
        guard let day = CivilDate(parsing: text) else { throw ValidationError("'\(text)' is not a date (YYYY-MM-DD)") }
        return day
    }

    static func household(_ text: String) throws -> Household {
        guard let household = HouseholdList.household(text) else {
            throw ValidationError("'\(text)' is not building-unit-room (e.g. 3-2-501)")
        }
        return household
    }

    /// The households in `path`, one `building-unit-room` a line.
    static func households(_ path: String) throws -> [Household] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CampaignsFailure("cannot read the households file \(path)")
        }
        do {
            return try HouseholdList.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw CampaignsFailure("\(path): \(error)")
        }
    }

    /// `YYYY-MM-DD HH:MM` (or with a `T`) in the site's local time; nil text means now.
    static func instant(_ text: String?, calendar: BusinessCalendar, now: Instant) throws -> Instant {
        guard let text else { return now }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, let day = CivilDate(parsing: parts[0]), let time = LocalTime(parsing: parts[1]) else {
            throw ValidationError("'\(text)' is not a local time (YYYY-MM-DD HH:MM)")
        }
        return calendar.instant(on: day, at: time)
    }

    /// Staff ids only: the record names who did the work, never an owner.
    static func staff(_ id: String) throws -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("--by needs the staff id of whoever did it") }
        return trimmed
    }
}
