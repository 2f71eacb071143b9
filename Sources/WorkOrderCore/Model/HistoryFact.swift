/// What a history row records, as data: the reports read these fields, and the row's
/// sentence for people is rendered from them (`text`), so rewording a sentence can never
/// change a satisfaction rate or a deadline. Rows written before facts existed carry
/// only their sentence; the reports still read those the old way.
public enum HistoryFact: Hashable, Codable, Sendable {
    /// A deadline armed (or moved): due at `dueMs`.
    case deadlineSet(purpose: TimerPurpose, dueMs: Int64)
    /// A deadline met or no longer needed before it fell due.
    case deadlineCleared(purpose: TimerPurpose)
    /// A call-back round put on customer service's list (CB-01..03).
    case callbackScheduled(round: Int, dueMs: Int64, role: Role)
    /// The owner was reached at a call-back and answered on the scale (SAT-01).
    case callbackAnswered(round: Int, form: ContactForm, by: String, satisfaction: String, ownerSigned: Bool)
    /// CB-03: sampling left this complaint without a call-back.
    case callbackNotSampled(sample: Double, ratio: Double)

    /// The sentence for people (the same wording rows had before they carried facts).
    public var text: String {
        switch self {
        case .deadlineSet(let purpose, let dueMs): return "\(purpose.rawValue) \(dueMs)"
        case .deadlineCleared(let purpose): return purpose.rawValue
        case .callbackScheduled(let round, let dueMs, let role): return "round \(round) due \(dueMs) by \(role.rawValue)"
        case .callbackAnswered(let round, let form, let by, let satisfaction, let signed):
            return "call-back round \(round) by \(form.rawValue), \(by): \(satisfaction)" + (signed ? ", owner signed" : "")
        case .callbackNotSampled(let sample, let ratio): return "not sampled for call-back (sample \(sample), ratio \(ratio))"
        }
    }
}
