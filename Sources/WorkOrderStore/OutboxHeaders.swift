import Foundation

/// Outbox headers travel through both stores as one JSON text column.
enum OutboxHeaders {
    static func encode(_ headers: [String: String]) -> String {
        guard !headers.isEmpty, let data = try? JSONEncoder().encode(headers) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }
}
