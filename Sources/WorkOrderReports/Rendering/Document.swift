import WorkOrderCore

/// A report as headings, lines, label–value pairs and tables, so one description
/// renders as terminal text or as Markdown a director can open.
public struct Document: Sendable {
    public var blocks: [Block]
    /// What an empty table reads as.
    public var none = "(none)"

    public enum Block: Sendable {
        case heading(String)
        case line(String)
        case facts([(String, Cell)])
        case table(TextTable)
    }

    public init(_ blocks: [Block] = [], locale: StaffLocale = .english) {
        self.blocks = blocks
        none = locale.pick("(none)", "（无）")
    }

    public mutating func add(_ block: Block) { blocks.append(block) }

    public func text(_ style: TextStyle) -> String {
        blocks.map { block in
            switch block {
            case .heading(let title): return "\n" + style.bold(title)
            case .line(let text): return text
            case .facts(let pairs):
                let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
                return pairs.map { label, value in
                    label + ":" + String(repeating: " ", count: width - DisplayWidth.of(label) + 1) + style.apply(value.tone, value.text)
                }.joined(separator: "\n")
            case .table(let table): return table.rows.isEmpty ? none : table.text(style)
            }
        }.joined(separator: "\n").trimmingLeadingNewlines() + "\n"
    }

    public func markdown() -> String {
        var first = true
        return blocks.map { block -> String in
            switch block {
            case .heading(let title):
                defer { first = false }
                return (first ? "# " : "## ") + title + "\n"
            case .line(let text): return text + "\n"
            case .facts(let pairs): return pairs.map { "- **\($0.0)**: \($0.1.text)" }.joined(separator: "\n") + "\n"
            case .table(let table): return (table.rows.isEmpty ? none : table.markdown()) + "\n"
            }
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingLeadingNewlines() -> String { String(drop { $0 == "\n" }) }
}
