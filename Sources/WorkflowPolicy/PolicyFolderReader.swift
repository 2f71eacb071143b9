import Foundation

/// Reads the texts of a policy folder from disk, by path relative to the folder: every
/// top-level YAML file (unexpected ones too, so loading can name them) and every
/// calendar file in `calendars/`. Notes beside them (`calendars/README.md`) are not
/// policy and are left out.
enum PolicyFolderReader {
    static func read(_ folder: String) -> (files: [String: String], problems: [PolicyProblem]) {
        var files: [String: String] = [:]
        var problems: [PolicyProblem] = []
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for entry in entries.sorted() where (entry.hasSuffix(".yaml") || entry.hasSuffix(".yml")) && !PolicyLoader.sideFiles.contains(entry) {
                // An unreadable policy file is reported as missing by the loader, as before.
                if let text = try? String(contentsOfFile: "\(folder)/\(entry)", encoding: .utf8) { files[entry] = text }
            }
        } else {
            problems.append(PolicyProblem(file: folder, message: "cannot be read as a policy folder"))
        }
        let calendarFolder = "\(folder)/calendars"
        guard FileManager.default.fileExists(atPath: calendarFolder) else {
            problems.append(PolicyProblem(file: calendarFolder, message: "is missing; expected a folder of calendars, e.g. cn-mainland.yaml"))
            return (files, problems)
        }
        for (_, path) in CalendarLoader.calendarFiles(in: calendarFolder, problems: &problems) {
            if let text = CalendarLoader.readText(path, problems: &problems) {
                files["calendars/\((path as NSString).lastPathComponent)"] = text
            }
        }
        return (files, problems)
    }
}
