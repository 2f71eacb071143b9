import WorkOrderCore

/// Intakes that open an order of every kind under the default policy: the orders the
/// fuzzer's transitions are applied to.
enum SeedIntakes {
    static let household = Household(building: "5", unit: "2", room: "301")
    static let owner = Owner(name: "张三", phone: "13812345678")

    static func intake(_ kind: OrderKind, _ subject: String, _ fields: [String: JSONValue]) -> IntakeRequest {
        IntakeRequest(kind: kind, site: "NJ-01", household: household, owner: owner, channel: .phone, subject: subject,
                      content: "fuzz seed", recordedBy: Actor(id: "cs-1", role: .cs_staff), fields: fields)
    }

    static let all: [IntakeRequest] = [
        intake(.complaint, "neighbour_behaviour", [:]),
        intake(.complaint, "public_repair", ["households": 6]),
        intake(.repair, "tap", ["mode": "immediate", "category": "other"]),
        intake(.repair, "leak", ["mode": "appointment", "category": "leak", "appointment_at": 1_795_500_000_000]),
        intake(.paid_service, "cleaning", ["service": "cleaning"]),
        intake(.help, "help", ["help_type": "medical", "floor": "5"]),
        intake(.help, "fees", ["help_type": "consultation", "topic": "fees"]),
        intake(.renovation, "kitchen", ["applicant": "owner"]),
        intake(.move_in, "move-in", ["buyer": "owner"]),
    ]
}
