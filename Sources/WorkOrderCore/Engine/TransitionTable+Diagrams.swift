extension TransitionTable {
    /// Edges with the same ends merged into one, labelled with their events.
    private var mergedEdges: [(from: String, to: String, label: String)] {
        var order: [String] = []
        var labels: [String: [String]] = [:]
        for t in transitions {
            let key = t.from + "\u{1}" + t.to
            if labels[key] == nil { order.append(key) }
            if !(labels[key] ?? []).contains(t.event) { labels[key, default: []].append(t.event) }
        }
        return order.map { key in
            let ends = key.split(separator: "\u{1}").map(String.init)
            return (ends[0], ends[1], labels[key]!.joined(separator: ", "))
        }
    }

    /// The machine as a Mermaid state diagram (`stateDiagram-v2`).
    public func mermaid() -> String {
        var lines = ["stateDiagram-v2"]
        for state in initial { lines.append("    [*] --> \(state): opened") }
        for edge in mergedEdges { lines.append("    \(edge.from) --> \(edge.to): \(edge.label)") }
        for state in finals { lines.append("    \(state) --> [*]") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The machine as a Graphviz digraph.
    public func dot() -> String {
        var lines = [
            "digraph \(name) {", "    rankdir=LR;", "    node [shape=box, style=rounded];",
            "    start [shape=point, label=\"\"];",
        ]
        for state in finals { lines.append("    \"\(state)\" [peripheries=2];") }
        for state in initial { lines.append("    start -> \"\(state)\" [label=\"opened\"];") }
        for edge in mergedEdges { lines.append("    \"\(edge.from)\" -> \"\(edge.to)\" [label=\"\(edge.label)\"];") }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
