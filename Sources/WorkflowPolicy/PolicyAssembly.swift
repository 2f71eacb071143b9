import WorkOrderCore

/// Reads each policy file into its part of a `PolicySet`.
struct PolicyAssembly {
    var policy: PolicySet
    var readers: [String: PolicyFileReader]
    var crossFileProblems: [PolicyProblem] = []

    mutating func readAll() {
        readPolicy()
        readComplaint()
        readRepair()
        readPaidService()
        readHelp()
        readRenovation()
        readMoveIn()
        readCallbacks()
        readRouting()
        readEscalation()
        readSatisfaction()
        checkAcrossFiles()
    }

    /// Runs `body` with the reader of `name`, if that file could be read.
    mutating func with(_ name: String, _ body: (inout PolicyFileReader, inout PolicySet) -> Void) {
        guard var reader = readers[name], reader.isReadable else { return }
        body(&reader, &policy)
        readers[name] = reader
    }

    mutating func readPolicy() {
        with("policy") { r, p in
            r.onlyKeys("", ["version", "default_calendar", "site_calendars", "on_spot_report_within"])
            set(&p.version, r.string("version"))
            if let name = r.string("default_calendar"), name != PolicySet.defaultCalendarName {
                r.problem("default_calendar", "must be '\(PolicySet.defaultCalendarName)'; give sites other calendars under site_calendars")
            }
            if r.exists("site_calendars") {
                for site in r.keys("site_calendars") {
                    set(&p.siteCalendars[site], r.string("site_calendars.\(site)"))
                }
            }
            set(&p.onSpotReportWithin, r.duration("on_spot_report_within"))
        }
    }

    /// `notify_on`: a list of `{event | state, roles, departments, reason}` for `kind`.
    static func notifications(_ r: inout PolicyFileReader, kind: OrderKind) -> [NotificationRule] {
        guard let list = r.required("notify_on", "a list of notifications (may be [])") else { return [] }
        guard let items = list.sequence else { r.problem("notify_on", "expected a list"); return [] }
        let table = kind.transitionTable
        var rules: [NotificationRule] = []
        for index in 0..<items.count {
            let path = "notify_on.\(index)"
            r.onlyKeys(path, ["event", "state", "roles", "departments", "reason"])
            var rule = NotificationRule(kind: kind, reason: "")
            if r.exists("\(path).event"), let event = r.string("\(path).event") {
                if table.events.contains(event) || event == "repeat_reported" { rule.event = event } else {
                    r.problem("\(path).event", "unknown \(kind.rawValue) event '\(event)'; expected one of " + table.events.joined(separator: ", "))
                }
            }
            if r.exists("\(path).state"), let state = r.string("\(path).state") {
                if table.states.contains(state) { rule.state = state } else {
                    r.problem("\(path).state", "unknown \(kind.rawValue) state '\(state)'; expected one of " + table.states.joined(separator: ", "))
                }
            }
            if !r.exists("\(path).event") && !r.exists("\(path).state") {
                r.problem(path, "needs an 'event' or a 'state'")
            }
            if r.exists("\(path).roles") { rule.roles = r.roles("\(path).roles") ?? [] }
            if r.exists("\(path).departments") { rule.departments = r.departments("\(path).departments") ?? [] }
            rule.reason = r.string("\(path).reason") ?? ""
            rules.append(rule)
        }
        return rules
    }
}

/// Assigns `value` when it was read.
func set<T>(_ target: inout T, _ value: T?) {
    if let value { target = value }
}

func set<T>(_ target: inout T?, _ value: T?) {
    if let value { target = value }
}
