import Speech

// What warning lamps and OBD-II trouble codes mean, and what the driver should do, per language.
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

    /// Lamps by their name in the telltale overlay, `Vehicle.Cabin.Telltale.<name>.IsOn`.
    static let lamps: [String: LampInfo] = [
        "Powertrain": LampInfo(
            severity: 2,
            label: [
                .en: "check engine light (powertrain warning)", .de: "die Motorkontrollleuchte (Antriebswarnung)",
                .zh: "发动机故障灯（动力系统故障灯）",
            ],
            advice: [
                .en: "the drive system has a fault; you can keep driving gently, but have it checked soon",
                .de: "der Antrieb meldet einen Fehler; vorsichtig weiterfahren und bald in die Werkstatt",
                .zh: "动力系统有故障，可以平稳行驶，但请尽快检修",
            ], concepts: [.checkEngine]),
        "TirePressure": LampInfo(
            severity: 2,
            label: [.en: "tire pressure warning", .de: "die Reifendruckwarnung", .zh: "胎压报警灯"],
            advice: [
                .en: "a tire is low; slow down and check the pressures at the next stop",
                .de: "ein Reifen hat zu wenig Druck; langsamer fahren und beim nächsten Halt den Druck prüfen",
                .zh: "有轮胎胎压偏低，请减速并在下次停车时检查胎压",
            ], concepts: [.tyre, .pressure]),
        "BrakeFluid": LampInfo(
            severity: 3,
            label: [.en: "brake warning light", .de: "die Bremswarnleuchte", .zh: "制动系统警告灯"],
            advice: [
                .en: "the brake system has a problem; stop safely and call for assistance",
                .de: "die Bremsanlage hat ein Problem; sicher anhalten und Hilfe rufen",
                .zh: "制动系统有问题，请安全停车并寻求救援",
            ]),
        "LowVoltageBattery": LampInfo(
            severity: 3,
            label: [.en: "battery charging warning", .de: "die Ladekontrollleuchte", .zh: "蓄电池充电警告灯"],
            advice: [
                .en: "the low-voltage battery isn't being charged; turn off what you don't need and drive to a workshop",
                .de: "die Starterbatterie wird nicht geladen; unnötige Verbraucher ausschalten und eine Werkstatt anfahren",
                .zh: "低压蓄电池没有在充电，请关闭不必要的用电设备并尽快去维修站",
            ], concepts: [.lowVoltage]),
        "OilPressure": LampInfo(
            severity: 3,
            label: [.en: "oil pressure warning", .de: "die Öldruckwarnleuchte", .zh: "机油压力警告灯"],
            advice: [
                .en: "stop safely and switch off the engine, then check the oil level",
                .de: "sicher anhalten, Motor abstellen und den Ölstand prüfen",
                .zh: "请安全停车并熄火，然后检查机油液位",
            ]),
        "CoolantTemperature": LampInfo(
            severity: 3,
            label: [.en: "engine temperature warning", .de: "die Kühlmitteltemperaturwarnung", .zh: "水温过高警告灯"],
            advice: [
                .en: "the engine is overheating; stop safely and let it cool down",
                .de: "der Motor überhitzt; sicher anhalten und abkühlen lassen",
                .zh: "发动机过热，请安全停车让发动机冷却",
            ], concepts: [.temperature]),
        "ABS": LampInfo(
            severity: 2,
            label: [.en: "ABS warning light", .de: "die ABS-Warnleuchte", .zh: "ABS故障灯"],
            advice: [
                .en: "the brakes still work but without anti-lock; drive carefully and have it checked",
                .de: "die Bremsen funktionieren, aber ohne ABS; vorsichtig fahren und prüfen lassen",
                .zh: "刹车仍然有效但没有防抱死功能，请谨慎驾驶并尽快检修",
            ]),
        "Airbag": LampInfo(
            severity: 2,
            label: [.en: "airbag warning light", .de: "die Airbag-Warnleuchte", .zh: "安全气囊故障灯"],
            advice: [
                .en: "the airbags may not deploy; have them checked soon",
                .de: "die Airbags lösen womöglich nicht aus; bald prüfen lassen",
                .zh: "安全气囊可能无法弹出，请尽快检修",
            ]),
        "ESC": LampInfo(
            severity: 2,
            label: [.en: "stability control warning", .de: "die ESP-Warnleuchte", .zh: "车身稳定系统故障灯"],
            advice: [
                .en: "stability control is off or faulty; drive gently, especially on wet roads",
                .de: "das ESP ist aus oder gestört; besonders bei Nässe vorsichtig fahren",
                .zh: "车身稳定系统关闭或故障，请平稳驾驶，雨天尤其注意",
            ]),
        "LowFuel": LampInfo(
            severity: 1,
            label: [.en: "low fuel light", .de: "die Tankreserveleuchte", .zh: "低油量警告灯"],
            advice: [.en: "refuel soon", .de: "bald tanken", .zh: "请尽快加油"], concepts: [.fuel]),
        "LowCharge": LampInfo(
            severity: 1,
            label: [.en: "low charge warning", .de: "die Warnung für niedrigen Ladestand", .zh: "低电量警告"],
            advice: [.en: "charge soon", .de: "bald laden", .zh: "请尽快充电"], concepts: [.soc]),
        "WasherFluid": LampInfo(
            severity: 1,
            label: [.en: "washer fluid light", .de: "die Wischwasserwarnung", .zh: "玻璃水不足提示"],
            advice: [.en: "top up the washer fluid when you can", .de: "bei Gelegenheit Wischwasser nachfüllen", .zh: "有空时加注玻璃水"],
            concepts: [.washer]),
        "SeatBelt": LampInfo(
            severity: 1,
            label: [.en: "seat belt reminder", .de: "die Gurtwarnung", .zh: "安全带未系提示"],
            advice: [.en: "someone isn't buckled up", .de: "jemand ist nicht angeschnallt", .zh: "有人没有系安全带"], concepts: [.seatbelt]),
        "DoorOpen": LampInfo(
            severity: 1,
            label: [.en: "door open warning", .de: "die Tür-offen-Warnung", .zh: "车门未关提示"],
            advice: [.en: "a door isn't fully closed", .de: "eine Tür ist nicht ganz geschlossen", .zh: "有车门没有关好"], concepts: [.door]),
        "Service": LampInfo(
            severity: 1,
            label: [.en: "service reminder", .de: "die Serviceanzeige", .zh: "保养提示"],
            advice: [.en: "book a service appointment", .de: "einen Servicetermin vereinbaren", .zh: "请预约保养"], concepts: [.service]),
        "TCS": LampInfo(
            severity: 2,
            label: [.en: "traction control warning", .de: "die ASR-Warnleuchte", .zh: "牵引力控制系统故障灯"],
            advice: [
                .en: "traction control is off or faulty; accelerate gently, especially on slippery roads",
                .de: "die Antriebsschlupfregelung ist aus oder gestört; auf glatter Straße vorsichtig beschleunigen",
                .zh: "牵引力控制关闭或故障，请平稳加速，湿滑路面尤其注意",
            ]),
        "ParkingBrake": LampInfo(
            severity: 1,
            label: [.en: "parking brake light", .de: "die Feststellbremsleuchte", .zh: "驻车制动指示灯"],
            advice: [
                .en: "the parking brake is on; release it before driving off", .de: "die Feststellbremse ist angezogen; vor dem Losfahren lösen",
                .zh: "手刹已拉起，起步前请松开",
            ], concepts: [.parkingBrake]),
        "TractionBatteryTemperature": LampInfo(
            severity: 3,
            label: [.en: "high-voltage battery temperature warning", .de: "die Warnung für die Akkutemperatur", .zh: "动力电池温度警告灯"],
            advice: [
                .en: "the drive battery is too hot or too cold; stop safely and contact service if it stays on",
                .de: "der Antriebsakku ist zu heiß oder zu kalt; sicher anhalten und den Service kontaktieren, falls sie an bleibt",
                .zh: "动力电池温度异常，请安全停车，如持续亮起请联系售后",
            ]),
    ]

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

    /// Standard meanings of common generic (SAE J2012) OBD-II codes.
    static let codes: [String: [Language: String]] = [
        "P0101": [.en: "the mass air flow sensor reads out of range", .de: "der Luftmassenmesser liefert unplausible Werte", .zh: "空气流量传感器读数超出范围"],
        "P0113": [
            .en: "the intake air temperature sensor signal is too high", .de: "das Signal des Ansauglufttemperatursensors ist zu hoch",
            .zh: "进气温度传感器信号过高",
        ],
        "P0128": [
            .en: "the engine is warming up too slowly, often a stuck-open thermostat",
            .de: "der Motor wird zu langsam warm, oft ein klemmendes Thermostat", .zh: "发动机升温过慢，通常是节温器常开",
        ],
        "P0171": [.en: "the engine runs too lean", .de: "das Gemisch ist zu mager", .zh: "混合气过稀"],
        "P0172": [.en: "the engine runs too rich", .de: "das Gemisch ist zu fett", .zh: "混合气过浓"],
        "P0174": [
            .en: "the engine runs too lean on the other cylinder bank", .de: "das Gemisch ist auf der anderen Zylinderbank zu mager",
            .zh: "另一侧气缸组混合气过稀",
        ],
        "P0300": [.en: "random or multiple cylinder misfires", .de: "zufällige oder mehrfache Zündaussetzer", .zh: "随机或多缸失火"],
        "P0301": [
            .en: "a single cylinder is misfiring (the code names which)", .de: "ein einzelner Zylinder hat Zündaussetzer (der Code nennt welcher)",
            .zh: "单个气缸失火（故障码指明了是哪一个）",
        ],
        "P0302": [
            .en: "a single cylinder is misfiring (the code names which)", .de: "ein einzelner Zylinder hat Zündaussetzer (der Code nennt welcher)",
            .zh: "单个气缸失火（故障码指明了是哪一个）",
        ],
        "P0303": [
            .en: "a single cylinder is misfiring (the code names which)", .de: "ein einzelner Zylinder hat Zündaussetzer (der Code nennt welcher)",
            .zh: "单个气缸失火（故障码指明了是哪一个）",
        ],
        "P0304": [
            .en: "a single cylinder is misfiring (the code names which)", .de: "ein einzelner Zylinder hat Zündaussetzer (der Code nennt welcher)",
            .zh: "单个气缸失火（故障码指明了是哪一个）",
        ],
        "P0335": [
            .en: "the crankshaft position sensor circuit has a fault", .de: "der Kurbelwellensensor-Stromkreis ist gestört", .zh: "曲轴位置传感器电路故障",
        ],
        "P0340": [
            .en: "the camshaft position sensor circuit has a fault", .de: "der Nockenwellensensor-Stromkreis ist gestört", .zh: "凸轮轴位置传感器电路故障",
        ],
        "P0401": [.en: "exhaust gas recirculation flow is too low", .de: "die Abgasrückführung hat zu wenig Durchfluss", .zh: "废气再循环流量不足"],
        "P0420": [
            .en: "the catalytic converter efficiency is below threshold", .de: "der Katalysator arbeitet unter dem Schwellwert", .zh: "三元催化器效率低于阈值",
        ],
        "P0430": [
            .en: "the catalytic converter efficiency is below threshold on the other cylinder bank",
            .de: "der Katalysator auf der anderen Zylinderbank arbeitet unter dem Schwellwert", .zh: "另一侧气缸组三元催化器效率低于阈值",
        ],
        "P0440": [.en: "the evaporative emission system has a fault", .de: "das Tankentlüftungssystem ist gestört", .zh: "燃油蒸发排放系统故障"],
        "P0442": [
            .en: "a small leak in the evaporative emission system, often a loose fuel cap",
            .de: "ein kleines Leck in der Tankentlüftung, oft ein lockerer Tankdeckel", .zh: "燃油蒸发系统有小泄漏，常见原因是油箱盖没拧紧",
        ],
        "P0455": [
            .en: "a large leak in the evaporative emission system, often a missing fuel cap",
            .de: "ein großes Leck in der Tankentlüftung, oft ein fehlender Tankdeckel", .zh: "燃油蒸发系统有大泄漏，常见原因是油箱盖缺失",
        ],
        "P0456": [
            .en: "a very small leak in the evaporative emission system", .de: "ein sehr kleines Leck in der Tankentlüftung", .zh: "燃油蒸发系统有微小泄漏",
        ],
        "P0500": [.en: "the vehicle speed sensor has a fault", .de: "der Geschwindigkeitssensor ist gestört", .zh: "车速传感器故障"],
        "P0507": [.en: "the idle speed is higher than expected", .de: "die Leerlaufdrehzahl ist zu hoch", .zh: "怠速转速高于预期"],
        "P0562": [.en: "the system voltage is low", .de: "die Bordnetzspannung ist zu niedrig", .zh: "系统电压过低"],
        "P0563": [.en: "the system voltage is high", .de: "die Bordnetzspannung ist zu hoch", .zh: "系统电压过高"],
        "P0700": [.en: "the transmission control system reported a fault", .de: "die Getriebesteuerung meldet einen Fehler", .zh: "变速箱控制系统故障"],
        "P0A80": [.en: "the hybrid battery pack needs replacement", .de: "die Hybridbatterie muss ersetzt werden", .zh: "混合动力电池组需要更换"],
        "U0100": [
            .en: "communication with the engine control module was lost", .de: "die Kommunikation mit dem Motorsteuergerät ist ausgefallen",
            .zh: "与发动机控制模块通信丢失",
        ],
        "C0035": [
            .en: "the front left wheel speed sensor circuit has a fault", .de: "der Raddrehzahlsensor vorne links ist gestört", .zh: "左前轮速传感器电路故障",
        ],
        "B0001": [.en: "the driver frontal airbag circuit has a fault", .de: "der Stromkreis des Fahrerairbags ist gestört", .zh: "主驾正面气囊电路故障"],
        // More generic codes (SAE J2012 / ISO 15031-6 descriptions, in the driver's words).
        "P0011": [
            .en: "the intake camshaft timing is over-advanced", .de: "die Einlassnockenwelle ist zu weit auf früh verstellt",
            .zh: "进气凸轮轴正时过度提前",
        ],
        "P0016": [
            .en: "the crankshaft and camshaft positions do not match",
            .de: "Kurbelwelle und Nockenwelle stimmen in der Stellung nicht überein", .zh: "曲轴与凸轮轴位置不对应",
        ],
        "P0087": [.en: "the fuel rail pressure is too low", .de: "der Kraftstoffdruck im Verteilerrohr ist zu niedrig", .zh: "油轨燃油压力过低"],
        "P0102": [.en: "the mass air flow sensor signal is too low", .de: "das Signal des Luftmassenmessers ist zu niedrig", .zh: "空气流量传感器信号过低"],
        "P0106": [
            .en: "the manifold pressure sensor reads out of range", .de: "der Saugrohrdrucksensor misst außerhalb des Bereichs",
            .zh: "进气歧管压力传感器读数超出范围",
        ],
        "P0117": [
            .en: "the engine coolant temperature sensor signal is too low", .de: "das Signal des Kühlmitteltemperatursensors ist zu niedrig",
            .zh: "发动机冷却液温度传感器信号过低",
        ],
        "P0118": [
            .en: "the engine coolant temperature sensor signal is too high", .de: "das Signal des Kühlmitteltemperatursensors ist zu hoch",
            .zh: "发动机冷却液温度传感器信号过高",
        ],
        "P0121": [
            .en: "the throttle position sensor reads out of range", .de: "der Drosselklappensensor misst außerhalb des Bereichs",
            .zh: "节气门位置传感器读数超出范围",
        ],
        "P0125": [
            .en: "the coolant takes too long to get warm enough for closed-loop fuel control",
            .de: "das Kühlmittel wird zu langsam warm für die Gemischregelung", .zh: "冷却液温度上升太慢，无法进入闭环燃油控制",
        ],
        "P0130": [
            .en: "the upstream oxygen sensor circuit has a fault", .de: "der Stromkreis der vorderen Lambdasonde ist gestört",
            .zh: "前氧传感器电路故障",
        ],
        "P0131": [
            .en: "the upstream oxygen sensor voltage is too low", .de: "die Spannung der vorderen Lambdasonde ist zu niedrig",
            .zh: "前氧传感器电压过低",
        ],
        "P0133": [
            .en: "the upstream oxygen sensor responds too slowly", .de: "die vordere Lambdasonde reagiert zu langsam",
            .zh: "前氧传感器响应过慢",
        ],
        "P0135": [
            .en: "the upstream oxygen sensor heater circuit has a fault", .de: "die Heizung der vorderen Lambdasonde ist gestört",
            .zh: "前氧传感器加热电路故障",
        ],
        "P0141": [
            .en: "the downstream oxygen sensor heater circuit has a fault", .de: "die Heizung der hinteren Lambdasonde ist gestört",
            .zh: "后氧传感器加热电路故障",
        ],
        "P0175": [
            .en: "the engine runs too rich on the second cylinder bank", .de: "das Gemisch ist zu fett auf der zweiten Zylinderbank",
            .zh: "混合气过浓（第二列气缸）",
        ],
        "P0217": [.en: "the engine is overheating", .de: "der Motor ist überhitzt", .zh: "发动机过热"],
        "P0218": [.en: "the transmission fluid is overheating", .de: "das Getriebeöl ist überhitzt", .zh: "变速箱油过热"],
        "P0299": [.en: "the turbocharger gives too little boost", .de: "der Turbolader liefert zu wenig Ladedruck", .zh: "涡轮增压压力不足"],
        "P0305": [.en: "cylinder five is misfiring", .de: "Zylinder fünf hat Zündaussetzer", .zh: "第五缸失火"],
        "P0306": [.en: "cylinder six is misfiring", .de: "Zylinder sechs hat Zündaussetzer", .zh: "第六缸失火"],
        "P0325": [.en: "the knock sensor circuit has a fault", .de: "der Stromkreis des Klopfsensors ist gestört", .zh: "爆震传感器电路故障"],
        "P0351": [.en: "the ignition coil A circuit has a fault", .de: "der Stromkreis der Zündspule A ist gestört", .zh: "点火线圈A电路故障"],
        "P0411": [
            .en: "the secondary air injection flow is incorrect", .de: "die Sekundärluftzufuhr hat einen falschen Durchfluss", .zh: "二次空气喷射流量不正确",
        ],
        "P0441": [.en: "the evaporative emission purge flow is incorrect", .de: "der Spülstrom der Tankentlüftung ist falsch", .zh: "燃油蒸发系统清污流量不正确"],
        "P0446": [
            .en: "the evaporative emission vent control circuit has a fault", .de: "das Belüftungsventil der Tankentlüftung ist gestört",
            .zh: "燃油蒸发系统通风控制电路故障",
        ],
        "P0457": [
            .en: "a leak in the evaporative emission system: the fuel cap is loose or off",
            .de: "ein Leck in der Tankentlüftung: der Tankdeckel ist locker oder fehlt", .zh: "燃油蒸发系统泄漏：油箱盖松动或未盖",
        ],
        "P0505": [.en: "the idle air control system has a fault", .de: "die Leerlaufregelung ist gestört", .zh: "怠速控制系统故障"],
        "P0606": [
            .en: "the engine control module has an internal processor fault", .de: "das Motorsteuergerät hat einen internen Prozessorfehler",
            .zh: "发动机控制模块内部处理器故障",
        ],
        "P0715": [
            .en: "the transmission input speed sensor circuit has a fault", .de: "der Eingangsdrehzahlsensor des Getriebes ist gestört",
            .zh: "变速箱输入转速传感器电路故障",
        ],
        "P0740": [
            .en: "the torque converter clutch circuit has a fault", .de: "der Stromkreis der Wandlerüberbrückungskupplung ist gestört",
            .zh: "变矩器离合器电路故障",
        ],
        "P0750": [.en: "shift solenoid A has a fault", .de: "das Schaltmagnetventil A ist gestört", .zh: "换挡电磁阀A故障"],
        "P0A7F": [.en: "the hybrid battery pack has deteriorated", .de: "die Hybridbatterie hat nachgelassen", .zh: "混合动力电池组性能衰退"],
        "U0073": [
            .en: "the control module communication bus is off", .de: "der Kommunikationsbus der Steuergeräte ist ausgefallen", .zh: "控制模块通信总线关闭",
        ],
        "U0121": [
            .en: "communication with the ABS control module was lost", .de: "die Kommunikation mit dem ABS-Steuergerät ist ausgefallen",
            .zh: "与ABS控制模块通信丢失",
        ],
        "U0155": [
            .en: "communication with the instrument cluster was lost", .de: "die Kommunikation mit dem Kombiinstrument ist ausgefallen",
            .zh: "与仪表板通信丢失",
        ],
    ]

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
