import CANBus
import FoundationEssentials
import Synchronization
public import VSS

/// One saved value: what the store knew about a path when the values were saved.
public struct LastKnownValue: Sendable, Hashable, Codable {
    public var path: String
    public var value: SignalValue?
    public var validity: SignalStatus
    /// The original kernel receive time, nanoseconds since the Unix epoch.
    public var receivedAt: Int64
    public var interface: String
    public var rawValue: Int64
    /// Where the value came from, `MESSAGE.SIGNAL` (`+`-joined for combined signals); `nil` in files written before
    /// it was kept. A value is restored only into a path mapped from the same source: another car's (or another
    /// mapping's) value is not this car's.
    public var source: String?

    public init(
        path: String, value: SignalValue?, validity: SignalStatus, receivedAt: Int64, interface: String, rawValue: Int64,
        source: String? = nil
    ) {
        self.path = path
        self.value = value
        self.validity = validity
        self.receivedAt = receivedAt
        self.interface = interface
        self.rawValue = rawValue
        self.source = source
    }
}

/// Serialises every save of a last-known values file in the process.
private let lastKnownValuesSaves = Mutex(())

/// The file that keeps last-known values across restarts and power cuts.
///
/// Written whole and atomically: the new contents go to a temporary file in the same directory, are
/// flushed to the disk (`fsync`), and then renamed over the old file (FoundationEssentials'
/// `Data.write(options: .atomic)`). A crash or `kill -9` at any moment leaves either the old file or
/// the new one, never a mix. Write it periodically and on stop, not per frame, to spare the flash.
public struct LastKnownValuesFile: Sendable {
    public static let formatMarker = "cargenius.last-known-values/1"

    struct Contents: Codable {
        var format: String
        /// When the file was written, nanoseconds since the Unix epoch.
        var savedAt: Int64
        var values: [LastKnownValue]
    }

    public let path: String

    public init(path: String) { self.path = path }

    /// Writes `values` atomically, replacing the previous file.
    public func save(_ values: [LastKnownValue], savedAt: Int64) throws(VehicleSignalsError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(Contents(format: Self.formatMarker, savedAt: savedAt, values: values))
        } catch {
            throw .persistence(file: path, problem: "cannot encode the values (\(error))")
        }
        // One save at a time in the process (the periodic saver and the final save on stop): the file is
        // always the last one written, never an older snapshot renamed over a newer one.
        try lastKnownValuesSaves.withLock { _ throws(VehicleSignalsError) in
            do {
                try data.write(to: URL(filePath: path), options: [.atomic])
            } catch {
                throw .persistence(file: path, problem: "cannot write (\(error))")
            }
        }
    }

    /// Reads the saved values; `nil` when there is no file yet.
    public func load() throws(VehicleSignalsError) -> (values: [LastKnownValue], savedAt: Int64)? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) { return nil }
            throw .persistence(file: path, problem: "cannot read (\(error))")
        }
        let contents: Contents
        do {
            contents = try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw .persistence(file: path, problem: "not a last-known values file (\(error))")
        }
        guard contents.format == Self.formatMarker else {
            throw .persistence(file: path, problem: "format is \"\(contents.format)\", expected \"\(Self.formatMarker)\"")
        }
        return (contents.values, contents.savedAt)
    }
}

/// Saves a store's values periodically (only when something changed) and once more when stopped.
public struct LastKnownValuesWriter: Sendable {
    public let store: SignalStore
    public let file: LastKnownValuesFile
    public let interval: Duration

    public init(store: SignalStore, file: LastKnownValuesFile, interval: Duration = .seconds(60)) {
        self.store = store
        self.file = file
        self.interval = interval
    }

    /// Restores saved values into the store; returns how many came back.
    @discardableResult
    public func restore() throws(VehicleSignalsError) -> Int {
        guard let saved = try file.load() else { return 0 }
        return store.restore(saved.values)
    }

    /// Saves now if anything changed since `lastVersion`; returns the version saved.
    @discardableResult
    public func saveIfChanged(since lastVersion: UInt64?) throws(VehicleSignalsError) -> UInt64 {
        let version = store.version
        if version == lastVersion { return version }
        try file.save(store.snapshot(), savedAt: store.configuration.clock().nanoseconds)
        return version
    }

    /// Runs until the task is cancelled: a save every `interval` when values changed, and a final save on the way out.
    public func run() async throws {
        var saved: UInt64? = nil
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                break
            }
            saved = try saveIfChanged(since: saved)
        }
        try saveIfChanged(since: saved)
    }
}
