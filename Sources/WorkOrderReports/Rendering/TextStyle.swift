/// Colours for a terminal, or none (piped output, files, `NO_COLOR`).
public struct TextStyle: Sendable {
    public var colour: Bool

    public static let plain = TextStyle(colour: false)

    public init(colour: Bool) {
        self.colour = colour
    }

    public func apply(_ tone: Cell.Tone, _ text: String) -> String {
        switch tone {
        case .plain: return text
        case .good: return code("32", text)
        case .warning: return code("33", text)
        case .bad: return code("31", text)
        case .dim: return code("2", text)
        }
    }

    public func bold(_ text: String) -> String { code("1", text) }

    private func code(_ sgr: String, _ text: String) -> String {
        colour && !text.isEmpty ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }
}
