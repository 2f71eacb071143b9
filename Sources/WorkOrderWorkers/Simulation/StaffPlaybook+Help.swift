import WorkOrderCore

extension StaffPlaybook {
    /// Help requests: security goes to an emergency at once, confirms, and closes it with
    /// a reply (HELP-02, HELP-03); the front desk answers consultations (HELP-04) and
    /// general requests. Converted requests are other orders' business (HELP-05).
    func helpStep(_ state: String, _ task: PlaybookTask) -> StaffStep? {
        switch state {
        case "emergency":
            return task.once("staff_arrived")
                ?? task.once("resolved", ["form": "on_the_spot", "reply": "help given at the scene; situation under control"])
        case "consultation":
            // Answered in writing: right for written consultations and never wrong for oral ones.
            return task.once("answered", by: SimulatedStaff.frontDesk, ["form": "letter", "reply": "the answer to your question"])
        case "general":
            return task.once("resolved", by: SimulatedStaff.frontDesk, ["form": "phone", "reply": "your request has been taken care of"])
        default:
            return nil
        }
    }
}
