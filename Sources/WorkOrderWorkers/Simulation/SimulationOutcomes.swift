/// How often things go wrong in a simulated run. Each rate is a probability in 0…1; the
/// defaults (all 0) make every visit, call-back and inspection go the plain way, so a
/// simulation only shows the detours it is asked for.
public struct SimulationOutcomes: Hashable, Sendable {
    /// A technician arriving for a repair finds nobody home and makes a new appointment (REP-03).
    public var ownerAbsentRate: Double
    /// An owner reached at a call-back answers dissatisfied, which opens a rectification (CB-06).
    public var dissatisfiedRate: Double
    /// A call-back attempt does not reach the owner (retried, then unreachable).
    public var unreachedRate: Double
    /// A repair needs materials bought for the owner, quoted before the work (REP-04).
    public var materialsRate: Double
    /// The move-in joint inspection finds a defect, which is repaired and re-inspected (MOV-05).
    public var moveInDefectRate: Double

    public init(
        ownerAbsentRate: Double = 0, dissatisfiedRate: Double = 0, unreachedRate: Double = 0,
        materialsRate: Double = 0, moveInDefectRate: Double = 0
    ) {
        self.ownerAbsentRate = ownerAbsentRate
        self.dissatisfiedRate = dissatisfiedRate
        self.unreachedRate = unreachedRate
        self.materialsRate = materialsRate
        self.moveInDefectRate = moveInDefectRate
    }
}

extension RandomNumberGenerator {
    /// True with probability `rate`. Always draws once, so a run's draws line up with its
    /// steps whatever the rates are.
    mutating func chance(_ rate: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < rate
    }
}
