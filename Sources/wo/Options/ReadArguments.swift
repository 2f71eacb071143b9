import ArgumentParser
import WorkOrderCore
import WorkOrderReports

/// Checks for the read commands' filters, each naming what it expected.
enum ReadArguments {
    static func kind(_ text: String?) throws -> OrderKind? {
        guard let text else { return nil }
        guard let kind = OrderKind(rawValue: text) else {
            throw ReadError.badArgument(.badKind(text, OrderKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return kind
    }

    /// Queue spelling (`customer-service`) and policy spelling (`customer_service`) both work.
    static func department(_ text: String?) throws -> Department? {
        guard let text else { return nil }
        guard let department = Department(rawValue: text.replacingOccurrences(of: "-", with: "_")) else {
            throw ReadError.badArgument(.badDepartment(text, Department.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return department
    }

    static func date(_ text: String?, option: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = ReportPeriod.parseDate(text) else {
            throw ReadError.badArgument(.badDate(option, text))
        }
        return date
    }

    static func month(_ text: String) throws -> ReportPeriod {
        guard let period = ReportPeriod.parseMonth(text) else {
            throw ReadError.badArgument(.badMonth(text))
        }
        return period
    }

    /// `--month`, or `--from`/`--to` (either may be left out), or nil for no bound.
    static func period(month: String?, from: String?, to: String?) throws -> ReportPeriod? {
        if let month {
            guard from == nil && to == nil else { throw ReadError.badArgument(.monthOrRange) }
            return try self.month(month)
        }
        let first = try date(from, option: "--from"), last = try date(to, option: "--to")
        guard first != nil || last != nil else { return nil }
        let period = ReportPeriod(first: first ?? CivilDate(year: 1970, month: 1, day: 1), last: last ?? CivilDate(year: 9999, month: 12, day: 31))
        guard period.first <= period.last else { throw ReadError.badArgument(.fromAfterTo("\(period.first)", "\(period.last)")) }
        return period
    }
}
