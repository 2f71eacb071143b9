/// The six kinds of work order. The raw values are the names used everywhere:
/// policy files, routing keys, command-line arguments and JSON.
public enum OrderKind: String, Codable, CaseIterable, Sendable {
    case complaint
    case repair
    case paid_service = "paid_service"
    case help
    case renovation
    case move_in
}
