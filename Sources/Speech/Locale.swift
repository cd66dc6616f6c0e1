/// A locale identifier that is not one of en-US, en-GB, de-DE, zh-CN.
public enum SpeechError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedLocale(String)

    public var description: String {
        switch self {
        case .unsupportedLocale(let id): "locale \(id) is not supported (use en-US, en-GB, de-DE or zh-CN)"
        }
    }
}

/// The four locales the agents speak; an answer is in the request's language and units.
public enum GeniusLocale: String, CaseIterable, Sendable {
    case enUS = "en-US"
    case enGB = "en-GB"
    case deDE = "de-DE"
    case zhCN = "zh-CN"

    /// Accepts `en-US`, `en_us`, `de`, `zh-Hans-CN`, `en`, ... and falls back to the language's default region.
    public init(identifier: String) throws(SpeechError) {
        let id = String(identifier.lowercased().map { $0 == "_" ? "-" : $0 })
        switch id {
        case "en-us", "en", "en-ca", "en-au", "en-in": self = .enUS
        case "en-gb", "en-uk", "en-ie": self = .enGB
        case _ where id.hasPrefix("de"): self = .deDE
        case _ where id.hasPrefix("zh"): self = .zhCN
        default: throw .unsupportedLocale(identifier)
        }
    }

    public var language: Language {
        switch self {
        case .enUS, .enGB: .en
        case .deDE: .de
        case .zhCN: .zh
        }
    }

    public var distanceUnit: DistanceUnit { self == .enUS || self == .enGB ? .mile : .km }
    public var usesFahrenheit: Bool { self == .enUS }
    public var pressureUnit: PressureUnit {
        switch self {
        case .enUS, .enGB: .psi
        case .deDE, .zhCN: .bar
        }
    }
    public var decimalSeparator: Character { self == .deDE ? "," : "." }
    /// `nil`: no grouping (Chinese writes 72760).
    public var groupingSeparator: Character? {
        switch self {
        case .enUS, .enGB: ","
        case .deDE: "."
        case .zhCN: nil
        }
    }
}

public enum Language: String, Sendable { case en, de, zh }
public enum DistanceUnit: Sendable { case km, mile }
public enum PressureUnit: Sendable { case psi, bar, kPa }

/// Unit conversions from VSS units, in one place so the answer composer and the grounding check agree.
public enum UnitMath {
    public static let metresPerMile = 1609.344
    public static let kPaPerPsi = 6.894757

    public static func metres(_ value: Double, vssUnit: String?) -> Double {
        switch vssUnit {
        case "km": value * 1000
        case "mi": value * metresPerMile
        default: value
        }
    }
    public static func fahrenheit(celsius c: Double) -> Double { c * 9 / 5 + 32 }
    /// Seconds from a duration in `d`, `h`, `min` or `s` (the VSS default).
    public static func seconds(_ value: Double, unit: String?) -> Double {
        switch unit {
        case "d", "days": value * 86400
        case "h": value * 3600
        case "min": value * 60
        default: value
        }
    }
    /// Kilopascal from a pressure in `bar`, `psi` or `kPa` (the VSS default).
    public static func kPa(_ value: Double, unit: String?) -> Double {
        switch unit {
        case "bar": value * 100
        case "psi": value * kPaPerPsi
        default: value
        }
    }
    public static func psi(kPa: Double) -> Double { kPa / kPaPerPsi }
    public static func bar(kPa: Double) -> Double { kPa / 100 }
    public static func mph(kmh: Double) -> Double { kmh * 1000 / metresPerMile }
}

/// Number formatting per locale: decimal comma and thousands separators.
public struct NumberStyle: Sendable {
    public let locale: GeniusLocale
    public init(_ locale: GeniusLocale) { self.locale = locale }

    /// Rounds to `decimals` places and writes the locale's separators; `-0` becomes `0`.
    public func format(_ value: Double, decimals: Int = 0) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var rounded = (value * scale).rounded() / scale
        if rounded == 0 { rounded = 0 }
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = Int64(magnitude.rounded(.down))
        var fraction = Int64(((magnitude - Double(whole)) * scale).rounded())
        var wholePart = whole
        if decimals > 0, fraction >= Int64(scale) { wholePart += 1; fraction = 0 }
        var digits = String(wholePart)
        if let sep = locale.groupingSeparator, digits.count >= 4 {
            var grouped = ""
            for (i, ch) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { grouped.append(sep) }
                grouped.append(ch)
            }
            digits = grouped
        }
        var out = negative ? "-" + digits : digits
        if decimals > 0 {
            var frac = String(fraction)
            while frac.count < decimals { frac = "0" + frac }
            out.append(locale.decimalSeparator)
            out += frac
        }
        return out
    }
}
