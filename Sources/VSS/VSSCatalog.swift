/// A VSS leaf's datatype, as the specification spells it.
public enum VSSDataType: String, Sendable, Hashable, Codable {
    case boolean, string
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float, double

    /// Whether values are whole numbers.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    /// The values an integer type holds; `nil` for the others.
    public var integerRange: ClosedRange<Double>? {
        switch self {
        case .int8: -128...127
        case .int16: -32768...32767
        case .int32: -2_147_483_648...2_147_483_647
        case .int64: -9.2e18...9.2e18
        case .uint8: 0...255
        case .uint16: 0...65535
        case .uint32: 0...4_294_967_295
        case .uint64: 0...1.8e19
        default: nil
        }
    }
}

/// Whether a VSS leaf is measured, commanded or fixed.
public enum VSSNodeType: String, Sendable, Hashable, Codable {
    case sensor, actuator, attribute
}

/// What VSS says about one leaf: its datatype, unit and allowed values.
public struct VSSSignalInfo: Sendable, Hashable {
    /// The dotted path, `Vehicle.Speed`.
    public var path: String
    public var datatype: VSSDataType
    /// The VSS unit name (`km/h`, `celsius`, `percent`); `nil` for booleans, strings and counts.
    public var unit: String?
    public var type: VSSNodeType
    /// Allowed string values (`OPEN`, `CLOSED`); empty when any value is allowed.
    public var allowed: [String]
    public var minimum: Double?
    public var maximum: Double?
    /// Whether the path is this project's overlay rather than standard VSS 4.2.
    public var isOverlay: Bool

    public init(
        path: String, datatype: VSSDataType, unit: String? = nil, type: VSSNodeType = .sensor, allowed: [String] = [],
        minimum: Double? = nil, maximum: Double? = nil, isOverlay: Bool = false
    ) {
        self.path = path
        self.datatype = datatype
        self.unit = unit
        self.type = type
        self.allowed = allowed
        self.minimum = minimum
        self.maximum = maximum
        self.isOverlay = isOverlay
    }
}

/// The VSS 4.2 leaves Car Genius knows (the ones the demo car maps and a few more), plus its overlay.
public enum VSSCatalog {
    /// Every known leaf by path.
    public static let vss42: [String: VSSSignalInfo] = {
        var table: [String: VSSSignalInfo] = [:]
        for line in vss42Table.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 8, let datatype = VSSDataType(rawValue: fields[1]),
                let type = VSSNodeType(rawValue: fields[3])
            else { continue }
            table[fields[0]] = VSSSignalInfo(
                path: fields[0], datatype: datatype, unit: fields[2].isEmpty ? nil : fields[2], type: type,
                allowed: fields[4].isEmpty ? [] : fields[4].split(separator: ",").map(String.init),
                minimum: Double(fields[5]), maximum: Double(fields[6]), isOverlay: fields[7] == "overlay")
        }
        return table
    }()

    /// The leaf at `path`, if known.
    public static func info(_ path: String) -> VSSSignalInfo? { vss42[path] }
}

/// Path patterns: `Vehicle.Cabin.Door.*` (a branch and everything below), `Vehicle.Cabin.Door.*.IsOpen`
/// (`*` matches exactly one path element), or an exact path.
public struct VSSPathPattern: Sendable, Hashable {
    let elements: [Substring]
    let isBranch: Bool

    public init(_ pattern: String) {
        var parts = pattern.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "*" || parts.last == "**" {
            parts.removeLast()
            isBranch = true
        } else {
            isBranch = false
        }
        elements = parts
    }

    /// Whether `path` is matched.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        if isBranch {
            guard parts.count > elements.count else { return false }
        } else {
            guard parts.count == elements.count else { return false }
        }
        for (pattern, part) in zip(elements, parts) where pattern != "*" && pattern != part { return false }
        return true
    }
}
