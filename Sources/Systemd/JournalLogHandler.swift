public import Logging

/// A swift-log handler that writes each entry to journald with structured fields.
///
/// Fields: `MESSAGE`, `PRIORITY` (syslog level from the log level), `CODE_FILE`, `CODE_LINE`,
/// `CODE_FUNC`, `SYSLOG_IDENTIFIER`, `LOGGER` (the logger's label), and every metadata key mapped by
/// `JournalFieldName` (`can.interface` → `CAN_INTERFACE`, `message.id` → `MESSAGE_ID`). Nested
/// dictionaries flatten (`a: [b: 1]` → `A_B`); arrays become one comma-separated value. A failed send
/// falls back to one line on stderr, so an entry is never lost without a trace.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?

    /// The logger's label, sent as `LOGGER`.
    public let label: String
    /// `SYSLOG_IDENTIFIER`: what `journalctl -t` selects (for example "geniusd").
    public let identifier: String
    private let journal: Journal
    private let fallback: StderrLogHandler

    public init(label: String, identifier: String, journal: Journal, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.identifier = identifier
        self.journal = journal
        self.metadataProvider = metadataProvider
        self.fallback = StderrLogHandler(label: label, identifier: identifier)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(handler: metadata, provider: metadataProvider, event: event.metadata)
        let fields = Self.fields(
            message: event.message.description, level: event.level, metadata: merged, identifier: identifier,
            label: label, file: event.file, function: event.function, line: event.line
        )
        do {
            try journal.send(fields)
        } catch {
            var copy = fallback
            copy.logLevel = .trace
            copy.log(
                event: LogEvent(
                    level: event.level, message: "\(event.message) (journald refused it: \(error))", metadata: merged,
                    source: event.source, file: event.file, function: event.function, line: event.line
                ))
        }
    }

    /// The journal fields of one entry, in the order they are sent.
    public static func fields(
        message: String, level: Logger.Level, metadata: Logger.Metadata, identifier: String, label: String,
        file: String, function: String, line: UInt
    ) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", message),
            ("PRIORITY", String(level.syslogPriority)),
            ("SYSLOG_IDENTIFIER", identifier),
            ("LOGGER", label),
            ("CODE_FILE", file),
            ("CODE_LINE", String(line)),
            ("CODE_FUNC", function),
        ]
        for key in metadata.keys.sorted() {
            appendFlattened(metadata[key]!, name: JournalFieldName.from(metadataKey: key), into: &fields)
        }
        return fields
    }

    private static func appendFlattened(
        _ value: Logger.Metadata.Value, name: String, into fields: inout [(name: String, value: String)]
    ) {
        switch value {
        case .dictionary(let dictionary):
            for key in dictionary.keys.sorted() {
                let nested = JournalFieldName.from(metadataKey: name + "_" + key)
                appendFlattened(dictionary[key]!, name: nested, into: &fields)
            }
        default:
            fields.append((name, plainText(value)))
        }
    }
}

extension Logger.Level {
    /// The syslog priority journald stores in `PRIORITY` (trace and debug are both 7, debug).
    public var syslogPriority: Int {
        switch self {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}

/// A metadata value as one string: strings as they are, arrays comma-separated, dictionaries as `k=v`.
func plainText(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .string(let text): return text
    case .stringConvertible(let convertible): return convertible.description
    case .array(let values): return values.map(plainText).joined(separator: ",")
    case .dictionary(let dictionary):
        return dictionary.keys.sorted().map { "\($0)=\(plainText(dictionary[$0]!))" }.joined(separator: ",")
    }
}

/// The handler's, the provider's and the call's metadata, the later ones winning (as swift-log's own handlers do).
func mergedMetadata(
    handler: Logger.Metadata, provider: Logger.MetadataProvider?, event: Logger.Metadata?
) -> Logger.Metadata {
    var merged = handler
    if let provided = provider?.get(), !provided.isEmpty { merged.merge(provided) { _, new in new } }
    if let event, !event.isEmpty { merged.merge(event) { _, new in new } }
    return merged
}
