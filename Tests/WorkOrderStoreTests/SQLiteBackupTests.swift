import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderStore

/// `wo backup`: a copy of the SQLite store taken while it is open for writing.
@Suite("Store: SQLite backup")
struct SQLiteBackupTests {
    @Test func backupOfAnOpenStoreHoldsEverythingCommittedBeforeIt() async throws {
        try await withStore(.sqlite) { t in
            let store = try #require(t.store as? SQLiteOrderStore)
            let first = try sampleOrder("WO-1"), second = try sampleOrder("WO-2")
            _ = try await store.commit([intakeUnit(first, message: "m-1", timerDue: at(minutes: 30))])
            _ = try await store.commit([intakeUnit(second, message: "m-2")])
            let target = (t.location as NSString).deletingLastPathComponent + "/backup/wo-copy.sqlite"
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let backup = try await store.backup(to: target)
            #expect(backup.orders == 2)
            #expect(backup.schemaVersion == SQLiteOrderStore.schemaVersion)
            #expect(backup.bytes > 0)
            #expect(!FileManager.default.fileExists(atPath: target + ".partial"))
            // Written after the backup: not in it.
            _ = try await store.commit([intakeUnit(try sampleOrder("WO-3"), message: "m-3")])

            let copy = try await OrderStores.open(target, readOnly: true, logger: testLogger)
            #expect(try await copy.order(id: "WO-1") == first)
            #expect(try await copy.order(intakeMessageID: "m-2") == second)
            #expect(try await copy.order(id: "WO-3") == nil)
            #expect(try await copy.history(orderID: "WO-1").count == 1)
            #expect(try await copy.processedMessageIDs(among: ["m-1", "m-2", "m-3"]) == ["m-1", "m-2"])
            #expect(try await copy.nextTimerDue() == at(minutes: 30))
            try await copy.close()
        }
    }

    @Test func anExistingFileOrAMissingFolderIsRefusedAndLeftAlone() async throws {
        try await withStore(.sqlite) { t in
            let store = try #require(t.store as? SQLiteOrderStore)
            let folder = (t.location as NSString).deletingLastPathComponent
            let existing = folder + "/taken.sqlite"
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
            await #expect(throws: StoreError.self) { _ = try await store.backup(to: existing) }
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
            await #expect(throws: StoreError.self) { _ = try await store.backup(to: folder + "/no/such/folder/copy.sqlite") }
        }
    }
}
