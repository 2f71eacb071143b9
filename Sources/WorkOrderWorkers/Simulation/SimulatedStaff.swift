import WorkOrderCore

/// The simulated people, with ids that say they are simulated (history and reports
/// show who did what, and nobody should mistake these for real staff).
enum SimulatedStaff {
    /// The one who reports for a department: a technician, a cleaning or greening team
    /// leader (who reports for the team), a guard, a CS clerk.
    static func worker(of department: Department) -> Actor {
        switch department {
        case .engineering: return Actor(id: "sim.engineering", role: .technician)
        case .cleaning: return Actor(id: "sim.cleaning", role: .team_leader)
        case .greening: return Actor(id: "sim.greening", role: .team_leader)
        case .security: return Actor(id: "sim.security", role: .security)
        case .customer_service: return Actor(id: "sim.cs", role: .cs_staff)
        }
    }

    static let frontDesk = worker(of: .customer_service)
    static let callbackDesk = Actor(id: "sim.callbacks", role: .cs_staff)

    /// CMP-01, CMP-04: whoever the policy lets classify and contact.
    static func complaintSupervisor(_ policy: PolicySet) -> Actor {
        Actor(id: "sim.cs-supervisor", role: policy.complaint.classifiers.first ?? .cs_supervisor)
    }

    /// PAID-01: the department's pricer; a front desk asking for a quote gets the
    /// team leader who prices on site, since the desk does not know the service.
    static func pricer(for department: Department, _ policy: PolicySet) -> Actor {
        let pricers = policy.paidService.pricedOnSiteBy
        let role = pricers[department] ?? pricers.values.map(\.rawValue).sorted().first.flatMap(Role.init(rawValue:))
        guard let role else { return worker(of: department) }
        return Actor(id: "sim.pricer", role: role)
    }
}

extension StaffPlaybook {
    /// A home-visit time about `after` from now, on a quarter hour, when visits are
    /// allowed (never at or after the calendar's latest visit time).
    func visitTime(after: Duration, from now: Instant) -> Instant {
        let quarter: Int64 = 15 * 60_000
        let target = (now + after).millisecondsSinceEpoch
        let rounded = Instant(millisecondsSinceEpoch: (target + quarter - 1) / quarter * quarter)
        return calendar.nextVisitSlot(atOrAfter: rounded)
    }

    /// The site's local date `days` from now, as the permit records it.
    func localDate(daysFrom now: Instant, _ days: Int) -> String {
        calendar.localDate(of: now).adding(days: days).description
    }
}
