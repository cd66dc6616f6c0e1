@testable import CarGenius
import Speech
import Testing
import VSS

/// The dialogue mechanisms of issue 12, each on its own: language switches, two questions in a turn, aspect
/// and unit follow-ups, references, lamps by symbol, warnings implied by other signals, advice.
@Suite struct DialogueTests {
    @Test(arguments: [
        ("wie viel strom hab ich noch", GeniusLocale.enUS, GeniusLocale.deDE, "78 %"),
        ("电池还剩多少", .deDE, .zhCN, "78%"),
        ("how full is my battery right now", .zhCN, .enUS, "78%"),
        ("how full is my battery right now", .enGB, .enGB, "78%"),
    ])
    func theAnswerIsInTheLanguageSpoken(_ utterance: String, _ session: GeniusLocale, _ spoken: GeniusLocale, _ fact: String) {
        let answer = ask([utterance], session)[0]
        #expect(answer.locale == spoken)
        #expect(answer.intent == "battery_level")
        #expect(answer.text.contains(fact), "\(answer.text)")
    }

    @Test func twoQuestionsInATurnGetBothAnswersInOneSentence() {
        let answer = ask(["how much range do i have and is the parking brake on"], .enUS)[0]
        #expect(answer.intent == "range")
        #expect(answer.text.contains("256 miles") && answer.text.lowercased().contains("parking brake"), "\(answer.text)")
        #expect(answer.values.map(\.path).contains("Vehicle.Chassis.ParkingBrake.IsEngaged"))
        #expect(GroundingCheck.ungroundedNumbers(in: answer.text, values: answer.values, locale: .enUS).isEmpty)
        // One question that names two parts stays one question.
        #expect(ask(["are the doors and windows closed"], .enUS)[0].intent == "open_check")
        // A second half that only refines the first is not a question of its own.
        #expect(ask(["tyre pressure front left and right"], .enGB)[0].intent == "tire_pressure")
    }

    @Test(arguments: [
        ("whats the temperature outside", "and inside the car", GeniusLocale.enUS, "cabin_temperature"),
        ("reifendruck bitte", "und die temperatur", .deDE, "tire_temperature"),
        ("车门关好了吗", "车窗呢", .zhCN, "windows"),
    ])
    func aFollowUpThatNamesAnotherAspectReplacesIt(_ first: String, _ second: String, _ locale: GeniusLocale, _ intent: String) {
        let answers = ask([first, second], locale)
        #expect(answers[1].intent == intent, "\(answers[1].text)")
    }

    @Test func theOtherSideMirrorsTheLastPosition() {
        let answers = ask(["rear left tyre pressure", "what about the other side"], .enGB)
        #expect(answers[1].text.contains("rear right"), "\(answers[1].text)")
        #expect(answers[1].text.contains("35 psi"), "\(answers[1].text)")
    }

    @Test func aUnitAloneAsksTheLastQuestionAgainInThatUnit() {
        var car = parkedCar()
        car.set("Vehicle.Speed", .number(100))
        car.set("Vehicle.IsMoving", .bool(true))
        let answers = ask(["what speed am i doing", "and in km per hour"], .enUS, car)
        #expect(answers[0].text.contains("62 mph"), "\(answers[0].text)")
        #expect(answers[1].intent == "speed")
        #expect(answers[1].text.contains("100 km/h"), "\(answers[1].text)")
    }

    @Test(arguments: [
        ("what is the light that looks like an oil can", GeniusLocale.enUS, "OilPressure", "oil pressure"),
        ("was bedeutet das thermometer symbol", .deDE, "CoolantTemperature", "Kühlmittel"),
        ("仪表盘上有个扳手的标志", .zhCN, "Service", "保养"),
    ])
    func aLampByItsSymbolIsNamed(_ utterance: String, _ locale: GeniusLocale, _ lamp: String, _ label: String) {
        var car = parkedCar()
        car.set(VSSCatalog.telltalePath(lamp), .bool(true))
        let answer = ask([utterance], locale, car)[0]
        #expect(answer.intent == "warnings")
        #expect(answer.text.contains(label), "\(answer.text)")
    }

    @Test func aLowFlagOrAStoredCodeAnswersTheWarningQuestion() {
        var car = parkedCar()
        car.set("Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow", .bool(true))
        let washer = ask(["why is something lit up on the dash"], .enGB, car)[0]
        #expect(washer.intent == "warnings")
        #expect(washer.text.contains("washer fluid"), "\(washer.text)")
        // No lamp at all, only a stored code: the code, not "not available".
        var codes = SnapshotSignals()
        codes.set("Vehicle.OBD.DTCList", .strings(["P0301"]))
        let answer = ask(["are there any warnings"], .enUS, codes)[0]
        #expect(answer.text.contains("P0301"), "\(answer.text)")
    }

    @Test func adviceFollowsTheLastTopicAndTheLampSeverity() {
        var car = parkedCar()
        car.set("Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure", .number(150))
        let tyre = ask(["how are my tyres", "so what do i do"], .enGB, car)
        #expect(tyre[1].intent == "advice")
        #expect(tyre[1].text.contains("front right") && tyre[1].text.contains("pump it up"), "\(tyre[1].text)")
        #expect(GroundingCheck.ungroundedNumbers(in: tyre[1].text, values: tyre[1].values, locale: .enGB).isEmpty)
        var brake = parkedCar()
        brake.set(VSSCatalog.telltalePath("BrakeFluid"), .bool(true))
        let stop = ask(["was soll ich jetzt tun"], .deDE, brake)[0]
        #expect(stop.intent == "advice")
        #expect(stop.text.contains("nicht weiterfahren"), "\(stop.text)")
        // Nothing wrong: say so, and that driving on is fine.
        var fine = parkedCar()
        fine.set("Vehicle.OBD.DTCList", .strings([]))
        #expect(ask(["严重吗"], .zhCN, fine)[0].text.contains("可以放心继续开"))
    }

    /// "Which one is lowest", "am wärmsten", "最高": the extreme wheel, not the whole list; a tie names every tied wheel.
    @Test func aSuperlativeNamesTheExtremeWheel() {
        var car = parkedCar()
        for (row, side, kPa, celsius) in [
            ("Row1", "Left", 230.0, 14.0), ("Row1", "Right", 232.0, 15.0), ("Row2", "Left", 215.0, 13.0), ("Row2", "Right", 234.0, 19.0),
        ] {
            car.set("Vehicle.Chassis.Axle.\(row).Wheel.\(side).Tire.Pressure", .number(kPa))
            car.set("Vehicle.Chassis.Axle.\(row).Wheel.\(side).Tire.Temperature", .number(celsius))
        }
        let lowest = ask(["how are my tyres", "which one is lowest"], .enGB, car)[1]
        #expect(lowest.intent == "tire_pressure" && lowest.text.contains("rear left") && !lowest.text.contains("front"), "\(lowest.text)")
        let warmest = ask(["welcher reifen ist gerade am wärmsten"], .deDE, car)[0]
        #expect(warmest.intent == "tire_temperature" && warmest.text.contains("hinten rechts") && warmest.text.contains("19"), "\(warmest.text)")
        let hottest = ask(["哪个轮胎温度最高"], .zhCN, car)[0]
        #expect(hottest.text.contains("右后"), "\(hottest.text)")
        for answer in [lowest, warmest, hottest] {
            #expect(GroundingCheck.ungroundedNumbers(in: answer.text, values: answer.values, locale: answer.locale).isEmpty)
        }
    }

    /// Word classes of the second natural-speech pass: the car telling the driver something, the speedometer,
    /// the car's whole life, "grad" that means "just now".
    @Test(arguments: [
        ("the car keeps nagging me about something", GeniusLocale.enUS, "warnings"),
        ("das auto meckert wegen irgendwas", .deDE, "warnings"),
        ("仪表上好像报了个什么", .zhCN, "warnings"),
        ("what does the speedo say", .enGB, "speed"),
        ("was zeigt der tacho gerade", .deDE, "speed"),
        ("how many miles has it racked up", .enUS, "odometer"),
        ("这车从提车到现在一共跑了多少公里", .zhCN, "odometer"),
        ("is it ok to ignore it", .enUS, "advice"),
        ("muss ich rechts ran", .deDE, "advice"),
        ("要不要靠边停", .zhCN, "advice"),
        ("wie viel grad hat es draußen", .deDE, "outside_temperature"),
        ("lädt er grad", .deDE, "charging_status"),
    ])
    func colloquialWordClasses(_ utterance: String, _ locale: GeniusLocale, _ intent: String) {
        #expect(ask([utterance], locale, parkedCar())[0].intent == intent)
    }
}

/// The fourth pass of natural speech (session 6), each mechanism on its own: the speaker's seat, the car making a
/// sound, going on after a problem, the engine bay, lamps by colour and picture, a wheel named by its place alone.
@Suite struct SpeakerAndProblemTests {
    /// The driver speaks: "next to me" is their own window but the front passenger's belt; "behind me" is the rear left.
    @Test func theSpeakersSeatPlacesTheQuestion() {
        var car = parkedCar()
        car.set("Vehicle.Cabin.Door.Row2.DriverSide.Window.IsOpen", .bool(true))
        let windows = ask(["is the window next to me open", "and the one behind me"], .enUS, car)
        #expect(windows[0].intent == "windows" && windows[0].text.contains("closed") && !windows[0].text.contains("rear"), "\(windows[0].text)")
        #expect(windows[1].intent == "windows" && windows[1].text.contains("rear left") && windows[1].text.contains("open"), "\(windows[1].text)")
        let belt = ask(["has the guy next to me got his belt on"], .enGB, car)[0]
        #expect(belt.intent == "seat_belts" && belt.text.contains("front passenger") && belt.text.contains("not"), "\(belt.text)")
        let german = ask(["ist das fenster hinter mir zu"], .deDE, car)[0]
        #expect(german.intent == "windows" && german.text.contains("hinten links"), "\(german.text)")
        let cabin = ask(["wie warm ist der akku", "und bei uns hier drin"], .deDE, car)[1]
        #expect(cabin.intent == "cabin_temperature" && cabin.text.contains("22"), "\(cabin.text)")
    }

    /// A chime asks what the car is telling, unless a part is named with it.
    @Test func aSoundTheCarMadeIsAWarningQuestion() {
        var car = parkedCar()
        car.set("Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow", .bool(true))
        let en = ask(["it keeps beeping at me whats it about"], .enUS, car)[0]
        #expect(en.intent == "warnings" && en.text.contains("washer"), "\(en.text)")
        let zh = ask(["刚才车响了一声 怎么了"], .zhCN, car)[0]
        #expect(zh.intent == "warnings", "\(zh.text)")
        #expect(ask(["wieso hat der gurt gepiept"], .deDE, car)[0].intent == "seat_belts")
    }

    /// After a lamp or a low tyre, a question about going on asks what to do; without one it stays a range question.
    @Test func goingOnAfterAProblemIsAdvice() {
        var car = parkedCar()
        car.set(VSSCatalog.telltalePath("BrakeFluid"), .bool(true))
        let turns = ask(["theres something red lit up on the dashboard", "will i get home like this"], .enGB, car)
        #expect(turns[0].intent == "warnings" && turns[0].text.lowercased().contains("brake"), "\(turns[0].text)")
        #expect(turns[1].intent == "advice", "\(turns[1].text)")
        #expect(ask(["komme ich so noch bis nach hause"], .deDE, car)[0].intent != "advice")
        let zh = ask(["是不是哪个胎亏气了", "这样能开到家吗"], .zhCN, car)
        #expect(zh[1].intent == "advice", "\(zh[1].text)")
    }

    /// "Is the engine all right": the check engine lamp is off, but the stored code is said.
    @Test func theEngineBayNamesAStoredCode() {
        for (utterance, locale) in [
            ("everything fine under the hood", GeniusLocale.enUS), ("alles gut unter der motorhaube", .deDE), ("机舱里一切正常吗", .zhCN),
        ] {
            let answer = ask([utterance], locale)[0]
            #expect(answer.intent == "warnings" && answer.text.contains("P0420"), "\(utterance): \(answer.text)")
        }
    }

    /// A colour next to a lamp cue is a lamp, not another domain; pictures match plurals and possessives.
    @Test func lampsByColourAndPicture() {
        var car = parkedCar()
        car.set(VSSCatalog.telltalePath("TirePressure"), .bool(true))
        #expect(ask(["something amber just came up on the display"], .enUS, car)[0].intent == "warnings")
        let pot = ask(["whats the bowl with an exclamation point"], .enUS, car)[0]
        #expect(pot.intent == "warnings" && pot.text.lowercased().contains("tire"), "\(pot.text)")
        #expect(LampSymbols.lamps(in: "a genie lamps thing", language: .en, cue: false).first?.lamp == "OilPressure")
        #expect(LampSymbols.lamps(in: "ein auto das rutscht", language: .de, cue: false).first?.lamp == "ESC")
    }

    /// A wheel's place alone asks its pressure; after another topic it refines that topic instead.
    @Test func aWheelsPlaceAloneIsItsPressure() {
        let alone = ask(["wie viel hat hinten rechts"], .deDE)[0]
        #expect(alone.intent == "tire_pressure" && alone.text.contains("2,4"), "\(alone.text)")
        #expect(ask(["are the doors shut", "and rear right"], .enUS)[1].intent == "doors")
        // Number words in phrases reach the lexicon as digits: "the back pair", "one softer".
        #expect(ask(["out of the back two is one softer"], .enUS)[0].intent == "tire_pressure")
    }
}

/// The fifth pass (session 7): where a turn divides, and what a follow-up keeps from the turn before.
@Suite struct ClauseAndReferenceTests {
    @Test func whereATurnDivides() {
        // "了没(有)" ends a clause; "没" before a verb does not; a particle stays with the first clause.
        #expect(SpokenLanguage.clauseSplits("车锁了没有引擎盖关好了吗", language: .zh).contains { $0 == ("车锁了没有", "引擎盖关好了吗") })
        #expect(!SpokenLanguage.clauseSplits("哪个门没锁", language: .zh).contains { $0.0.hasSuffix("没") })
        #expect(SpokenLanguage.clauseSplits("现在充到多少了还要充多久", language: .zh).contains { $0 == ("现在充到多少了", "还要充多久") })
        // "a hundred and fifty" is one number.
        #expect(SpokenLanguage.clauseSplits("can i do a hundred and fifty miles", language: .en).isEmpty)
        #expect(SpokenLanguage.clauseSplits("is it charging and how far can i go", language: .en).count == 1)
    }

    @Test func twoLooselyWordedHalvesAreBothAnswered() {
        let answer = ask(["whats the trip say and whats on the clock"], .enGB)[0]
        #expect(answer.intent == "trip" && answer.text.contains("30 miles"), "\(answer.text)")
        #expect(ask(["can i do a hundred and fifty miles without charging"], .enUS)[0].intent == "can_reach")
    }

    @Test func aLampFollowUpKeepsTheLamp() {
        var car = parkedCar()
        car.set("Vehicle.Body.Lights.Fog.Rear.IsOn", .bool(true))
        car.set("Vehicle.Body.Lights.Fog.Front.IsOn", .bool(false))
        let turns = ask(["is the rear fog light on", "and the front ones"], .enGB, car)
        #expect(turns[1].intent == "lights" && turns[1].text.lowercased().contains("fog"), "\(turns[0].text) / \(turns[1].text)")
    }

    /// A car question with a request for something else: the car question is answered, the other declined.
    @Test func aCarQuestionWithAnotherRequestIsAnsweredAndTheRestDeclined() {
        let en = ask(["how far can i go and put some music on"], .enUS)[0]
        #expect(en.intent == "range" && en.text.contains("256 miles") && en.text.contains("can't"), "\(en.text)")
        let zh = ask(["还能跑多远 顺便放首歌"], .zhCN)[0]
        #expect(zh.intent == "range", "\(zh.text)")
        // A request alone is still declined.
        #expect(ask(["put some music on"], .enUS)[0].intent == "out_of_scope")
    }

    /// After a weak 12 V battery, "what do I do" is about it, and the answer names the workshop.
    @Test func adviceAfterAWeak12VoltBattery() {
        var car = parkedCar()
        car.set("Vehicle.LowVoltageBattery.CurrentVoltage", .number(11.6))
        let turns = ask(["hows the twelve volt battery", "what should i do about it"], .enGB, car)
        #expect(turns[1].intent == "advice" && turns[1].text.contains("workshop") && turns[1].text.contains("11.6"), "\(turns[1].text)")
        #expect(GroundingCheck.ungroundedNumbers(in: turns[1].text, values: turns[1].values, locale: .enGB).isEmpty)
    }

    /// "The other end" after the frunk is the boot; a bare temperature after a tyre is that tyre's.
    @Test func theOtherEndAndATyresTemperature() {
        var car = parkedCar()
        car.set("Vehicle.Body.Trunk.Front.IsOpen", .bool(true))
        let lids = ask(["is the frunk shut", "and the one at the other end"], .enUS, car)
        #expect(lids[1].intent == "trunk", "\(lids[1].text)")
        let tyre = ask(["front left tyre pressure", "and how about its temperature"], .enGB)
        #expect(tyre[1].intent == "tire_temperature" && tyre[1].text.contains("front left"), "\(tyre[1].text)")
    }

    @Test func theOtherOneMirrorsTheWheelTheAnswerNamed() {
        // The lowest tyre is the front left (236 kPa); "the other one" is then the front right.
        let turns = ask(["which tyre is lowest", "and the other one on that axle"], .enGB)
        #expect(turns[0].text.contains("front left"), "\(turns[0].text)")
        #expect(turns[1].text.contains("front right"), "\(turns[1].text)")
    }
}

/// The similarity fallback, on a bank written for the test.
@Suite struct FallbackTests {
    static let bank = IntentExamples(
        json: Array(
            #"""
            {"intents": {
              "tire_pressure": {"en": ["how much air is in the tyres", "do the tyres need air", "tyre pressure please"]},
              "tire_temperature": {"en": ["how warm are the tyres", "are the tyres cold", "tyre temperature please"]},
              "charging_status": {"en": ["is the cable plugged in", "is the car charging", "is the charger connected"]},
              "out_of_scope": {"en": ["play some music", "call my wife", "whats the weather tomorrow", "navigate to the airport"]}
            }}
            """#.utf8))

    @Test func aNearIntentClearlyAheadIsAnswered() {
        #expect(Self.bank.decide("the charging cable still plugged", language: .en) == .answer("charging_status"))
    }

    @Test func twoCloseIntentsAreAskedBack() {
        guard case .clarify(let a, let b) = Self.bank.decide("the tyres please", language: .en) else {
            Issue.record("expected a clarifying question")
            return
        }
        #expect(Set([a, b]) == ["tire_pressure", "tire_temperature"])
    }

    @Test func nothingNearOrARequestToDeclineIsDeclined() {
        #expect(Self.bank.decide("who won the match", language: .en) == .decline)
        #expect(Self.bank.decide("play music please", language: .en) == .decline)
    }

    @Test func theEngineAsksBackWithTheIntentsLabels() {
        // "The tyres": a topic with no question of its own, between two of its readings.
        let answer = ask(["hmm the tyres"], .enUS)[0]
        #expect(["clarify", "tire_pressure"].contains(answer.intent), "\(answer.text)")
        if answer.intent == "clarify" {
            #expect(answer.text.hasPrefix("Do you mean the tire"), "\(answer.text)")
            #expect(answer.values.isEmpty)
        }
    }
}

/// The embedded data: every intent the agent answers has examples in every language, and every intent the
/// fallback can name has a label for the clarifying question.
@Suite struct UnderstandingDataTests {
    static let notFromExamples: Set<String> = ["explain_code", "temperature_clarify"]

    @Test(arguments: [Language.en, .de, .zh])
    func everyIntentHasExamples(_ language: Language) {
        let have = IntentExamples.shared.intents(language)
        let want = Set(IntentCatalog.answers.keys).subtracting(Self.notFromExamples).union(["out_of_scope"])
        #expect(want.subtracting(have).isEmpty, "missing examples in \(language): \(want.subtracting(have).sorted())")
        #expect(have.subtracting(want).isEmpty, "examples of unknown intents: \(have.subtracting(want).sorted())")
    }

    @Test(arguments: [Language.en, .de, .zh])
    func everyIntentHasALabelAndTheNewTemplates(_ language: Language) {
        let table = AnswerTemplates.table(language)
        for intent in IntentCatalog.answers.keys where !Self.notFromExamples.contains(intent) {
            #expect(table["\(intent).label"] != nil, "\(language): no label for \(intent)")
        }
        for key in [
            "clarify", "advice.tyres", "advice.severity1", "advice.severity2", "advice.severity3", "advice.codes", "advice.none",
            "warnings.withCodes", "warnings.codes", "warnings.codesOnly",
        ] {
            #expect(table[key] != nil, "\(language): no template \(key)")
        }
    }

    @Test func everyLampSymbolIsALampTheAgentKnows() {
        for lamp in LampSymbols.cues.keys { #expect(WarningKnowledge.lamps[lamp] != nil, "\(lamp)") }
    }
}

/// Session 8 (ns9): a speaker taking words back, a service past due, an opening while driving, charge level and time.
@Suite struct CorrectionServiceAndOpeningTests {
    @Test func whatASpeakerTakesBackIsDropped() {
        #expect(SpokenLanguage.afterSelfCorrection("and the front one no wait the rear one", language: .en) == "and the rear one")
        #expect(SpokenLanguage.afterSelfCorrection("und der davor na moment der gegenüber", language: .de) == "und der gegenüber")
        #expect(SpokenLanguage.afterSelfCorrection("那前面那个 不对 对面那个呢", language: .zh) == "那对面那个呢")
        // A marker at the very start takes nothing back, and an utterance without one is unchanged.
        #expect(SpokenLanguage.afterSelfCorrection("i mean is the door open", language: .en) == "i mean is the door open")
        #expect(SpokenLanguage.afterSelfCorrection("is the boot open", language: .en) == "is the boot open")
    }

    @Test func aServicePastDueSaysByHowMuch() {
        var car = parkedCar()
        car.set("Vehicle.Service.DistanceToService", .number(-850))
        let turns = ask(["how overdue is the service", "say that in kilometres"], .enGB, car)
        #expect(turns[0].intent == "service" && turns[0].text.contains("overdue") && turns[0].text.contains("528 miles"), "\(turns[0].text)")
        #expect(turns[1].text.contains("850 km"), "\(turns[1].text)")
    }

    @Test func anOpenDoorWhileDrivingIsTheAdvice() {
        var car = parkedCar()
        car.set("Vehicle.Speed", .number(110))
        car.set("Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen", .bool(true))
        let en = ask(["is a door open", "what should i do"], .enUS, car)
        #expect(en[1].intent == "advice" && en[1].text.contains("stop somewhere safe"), "\(en[1].text)")
        car.set("Vehicle.Speed", .number(0))
        let parked = ask(["is a door open", "what should i do"], .enUS, car)
        #expect(!parked[1].text.contains("stop somewhere safe"), "\(parked[1].text)")
    }

    @Test func theTimeLeftOnAChargeSaysHowFullItIs() {
        var car = parkedCar()
        car.set("Vehicle.Powertrain.TractionBattery.Charging.IsCharging", .bool(true))
        car.set("Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete", .number(720))
        car.set("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", .number(92))
        let answer = ask(["how long till its full"], .enUS, car)[0]
        #expect(answer.intent == "charge_time" && answer.text.contains("92%") && answer.text.contains("12 minutes"), "\(answer.text)")
    }
}

/// Rules of the tenth round's misses (ns10), each checked on sentences that are not the round's.
@Suite struct TenthRoundRuleTests {
    @Test func aCorrectionKeepsTheQuestionItCorrects() {
        #expect(
            SpokenLanguage.afterSelfCorrection("how much air is in the rear left no wait the rear right tyre", language: .en)
                == "how much air is in the rear right tyre")
        // A word taken back for another: the question around it stays.
        #expect(
            SpokenLanguage.afterSelfCorrection("what does the circle with headphones no wait earmuffs mean", language: .en)
                == "what does the circle with earmuffs mean")
        #expect(SpokenLanguage.afterSelfCorrection("is the sunroof no wait the boot open", language: .en) == "is the boot open")
    }

    @Test func twoQuestionsWithoutAJoiningWord() {
        var car = parkedCar()
        car.set("Vehicle.Body.Hood.IsOpen", .bool(true))
        let en = ask(["is the bonnet properly shut how far can we get"], .enGB, car)[0]
        #expect(en.text.contains("bonnet") && en.text.contains("mile"), "\(en.text)")
        let de = ask(["is die motorhaube zu wie weit komm ich noch"], .deDE, car)[0]
        #expect(de.text.contains("Motorhaube") && de.text.contains("km"), "\(de.text)")
        // A question word inside one question is no second question.
        #expect(ask(["how far have we driven on this trip"], .enUS, car)[0].intent == "trip")
        #expect(ask(["wie weit ist das schiebedach offen"], .deDE, car)[0].intent == "sunroof")
    }

    @Test func aRemarkBeforeTheQuestion() {
        let car = parkedCar()
        let answer = ask(["the kids keep moaning about a draught back there are the rear windows closed"], .enUS, car)[0]
        #expect(answer.intent == "windows", "\(answer.text)")
    }

    @Test func theCornerAcrossAndTheOtherChildAndThePacksTemperature() {
        var car = parkedCar()
        car.set("Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked", .bool(false))
        let en = ask(["is the drivers door locked", "what about the one kitty corner from it"], .enUS, car)
        #expect(en[1].intent == "locks" && en[1].text.contains("rear right") && en[1].text.contains("unlocked"), "\(en[1].text)")
        let de = ask(["ist die fahrertür zu", "und die über kreuz"], .deDE, car)
        #expect(de[1].text.contains("hinten rechts") || de[1].text.contains("hintere rechte"), "\(de[1].text)")
        let pack = ask(["how warm are the tyres", "and the traction battery"], .enGB, parkedCar())
        #expect(pack[1].intent == "battery_temperature", "\(pack[1].intent): \(pack[1].text)")
        // A remark with a weather word before a clear question: the question is answered.
        let remark = ask(["its blowing a gale out here are the sunroof and windows shut"], .enGB, parkedCar())[0]
        #expect(remark.intent != "out_of_scope", "\(remark.text)")
    }

    @Test func minutesAfterTheTimeAndChargingWhenNearlyEmpty() {
        var car = parkedCar()
        car.set("Vehicle.Powertrain.TractionBattery.Charging.IsCharging", .bool(true))
        car.set("Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete", .number(6300))
        let turns = ask(["how long until its charged", "in minutes please"], .enUS, car)
        #expect(turns[0].text.contains("1 hour 45 minutes"), "\(turns[0].text)")
        #expect(turns[1].intent == "charge_time" && turns[1].text.contains("105 minutes"), "\(turns[1].text)")
        var low = parkedCar()
        low.set("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", .number(7))
        let advice = ask(["how much battery have i got", "so what should i do"], .enGB, low)
        #expect(advice[1].intent == "advice" && advice[1].text.contains("charger"), "\(advice[1].text)")
    }
}
