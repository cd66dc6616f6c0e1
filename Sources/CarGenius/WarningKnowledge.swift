import Speech

// What warning lamps and OBD-II trouble codes mean, and what the driver should do, per language: the data is
// Resources/warnings.json; this file reads it and describes codes the file does not list.
// Lamps come from the private telltale list (see docs/car-genius.md); codes from Vehicle.OBD.DTCList.

struct LampInfo: Sendable {
    /// 3 = stop safely now, 2 = see a workshop soon, 1 = informational.
    var severity: Int
    var label: [Language: String]
    var advice: [Language: String]
    /// Words that name this lamp in a question ("check engine", "abs").
    var concepts: [Concept] = []
}

enum WarningKnowledge {
    /// Signals that mean a lamp's warning even where the car shows no such lamp.
    static let impliedLamps: [(path: String, lamp: String)] = [
        ("Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow", "WasherFluid"), ("Vehicle.Service.IsServiceDue", "Service"),
    ]

    /// Lamps by their name in the telltale overlay, `Vehicle.Cabin.Telltale.<name>.IsOn` (Resources/warnings.json).
    static let lamps: [String: LampInfo] = WarningData.shared.lamps

    static func lamp(_ name: String) -> LampInfo { lamps[name] ?? genericLamp(name) }

    static func genericLamp(_ id: String) -> LampInfo {
        var words = ""
        for ch in id {
            if ch.isUppercase, !words.isEmpty { words.append(" ") }
            words += ch.lowercased()
        }
        return LampInfo(
            severity: 2, label: [.en: "\(words) warning", .de: "die Warnung \(words)", .zh: "\(words)警告"],
            advice: [.en: "have it checked soon", .de: "bald prüfen lassen", .zh: "请尽快检查"])
    }

    /// Standard meanings of common generic (SAE J2012) OBD-II codes (Resources/warnings.json).
    static let codes: [String: [Language: String]] = WarningData.shared.codes

    /// The standard meaning of `code`, or a description built from its structure (system and subsystem).
    static func meaning(of code: String, language: Language) -> String {
        if let known = codes[code]?[language] { return known }
        let chars = Array(code)
        guard chars.count == 5 else { return fallbackText[language]! }
        let system: String
        switch chars[0] {
        case "P": system = ["powertrain", "Antrieb", "动力系统"][index(language)]
        case "C": system = ["chassis", "Fahrwerk", "底盘"][index(language)]
        case "B": system = ["body", "Karosserie", "车身"][index(language)]
        default: system = ["network", "Netzwerk", "网络通信"][index(language)]
        }
        let manufacturer = chars[1] != "0" && chars[1] != "2"
        var area: String? = nil
        if chars[0] == "P", !manufacturer, let d = chars[2].wholeNumberValue {
            let areas: [[String]] = [
                ["fuel and air metering", "Gemischaufbereitung", "燃油和空气计量"],
                ["fuel and air metering", "Gemischaufbereitung", "燃油和空气计量"],
                ["the fuel injector circuit", "Einspritzdüsen", "喷油器电路"],
                ["the ignition system or misfires", "Zündung oder Zündaussetzer", "点火系统或失火"],
                ["the emission controls", "Abgasreinigung", "排放控制"],
                ["speed and idle control", "Geschwindigkeit und Leerlauf", "车速和怠速控制"],
                ["the engine computer and its circuits", "Steuergerät und Stromkreise", "发动机电脑及电路"],
                ["the transmission", "Getriebe", "变速箱"],
                ["the transmission", "Getriebe", "变速箱"],
                ["the transmission", "Getriebe", "变速箱"],
            ]
            area = areas[d][index(language)]
        }
        switch language {
        case .en:
            return "a \(manufacturer ? "manufacturer-specific" : "generic") \(system) fault" + (area.map { " in \($0)" } ?? "")
                + "; a workshop can read out the details"
        case .de:
            return "ein \(manufacturer ? "herstellerspezifischer" : "allgemeiner") Fehler im Bereich \(system)"
                + (area.map { " (\($0))" } ?? "") + "; eine Werkstatt kann die Details auslesen"
        case .zh:
            return "\(manufacturer ? "厂商自定义的" : "通用的")\(system)故障" + (area.map { "，涉及\($0)" } ?? "") + "，维修站可以读取详细信息"
        }
    }

    private static func index(_ language: Language) -> Int {
        switch language {
        case .en: 0
        case .de: 1
        case .zh: 2
        }
    }

    private static let fallbackText: [Language: String] = [
        .en: "a fault a workshop can read out", .de: "ein Fehler, den eine Werkstatt auslesen kann", .zh: "一个故障，维修站可以读取",
    ]
}
