public import Logging
import CSystemd

/// A swift-log handler that writes one line per entry to stderr, for a daemon not run under journald
/// (a terminal, a test, a container).
///
/// The line is `<N>identifier: level: message key=value ...`, where `<N>` is the syslog priority
/// prefix journald and `systemd-cat` understand (so the level survives when stderr is later piped into
/// the journal); metadata keys are sorted. One `write(2)` per line, so lines from threads do not interleave.
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?

    public let label: String
    public let identifier: String
    /// Whether lines start with the `<N>` priority prefix.
    public var priorityPrefix: Bool

    public init(label: String, identifier: String, priorityPrefix: Bool = false, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.identifier = identifier
        self.priorityPrefix = priorityPrefix
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(handler: metadata, provider: metadataProvider, event: event.metadata)
        var line = Self.line(
            message: event.message.description, level: event.level, metadata: merged, identifier: identifier,
            priorityPrefix: priorityPrefix
        )
        line.append("\n")
        _ = line.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in csd_write_all(2, chars.baseAddress, chars.count) }
        }
    }

    /// The text of one entry, without the trailing newline (newlines inside the message become spaces).
    public static func line(
        message: String, level: Logger.Level, metadata: Logger.Metadata, identifier: String, priorityPrefix: Bool
    ) -> String {
        var line = priorityPrefix ? "<\(level.syslogPriority)>" : ""
        line += "\(identifier): \(level): "
        line += message.replacingNewlines()
        for key in metadata.keys.sorted() {
            line += " \(key)=\(plainText(metadata[key]!).replacingNewlines())"
        }
        return line
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}
