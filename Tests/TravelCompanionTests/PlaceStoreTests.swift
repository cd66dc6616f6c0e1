import Testing

@testable import TravelCompanion

@Suite struct PlaceStoreTests {
    func place(_ id: String, _ lat: Double, _ lon: Double) -> Place {
        var p = Place(id: id, name: id, category: .restaurant)
        p.latitude = lat
        p.longitude = lon
        return p
    }

    @Test func radiusQueryMatchesBruteForce() {
        var places: [Place] = []
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for i in 0..<3000 { places.append(place("p\(i)", 48.05 + next() * 0.2, 11.45 + next() * 0.25)) }
        let store = PlaceStore(places: places)
        let center = Coordinate(latitude: 48.137, longitude: 11.576)
        for radius in [300.0, 1500, 5000, 40000] {
            let found = Set(store.places(near: center, within: radius).map(\.place.id))
            let expected = Set(
                places.filter { center.distance(to: Coordinate(latitude: $0.latitude!, longitude: $0.longitude!)) <= radius }.map(\.id))
            #expect(found == expected, "radius \(radius)")
        }
    }

    /// A city's worth of places: the grid finds exactly what a scan of every place finds (its speed is
    /// measured in `travel-bench`, not here).
    @Test func gridFindsWhatAFullScanFinds() {
        var places: [Place] = []
        var seed: UInt64 = 7
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for i in 0..<20_000 { places.append(place("p\(i)", 48.0 + next() * 0.3, 11.35 + next() * 0.45)) }
        let store = PlaceStore(places: places)
        for q in 0..<30 {
            let c = Coordinate(latitude: 48.1 + Double(q) * 0.001, longitude: 11.5 + Double(q) * 0.001)
            let found = Set(store.places(near: c, within: 2000).map(\.place.id))
            let scanned = Set(
                places.filter { c.distance(to: Coordinate(latitude: $0.latitude!, longitude: $0.longitude!)) <= 2000 }.map(\.id))
            #expect(found == scanned, "query \(q)")
        }
    }

    @Test func distanceIsAccurate() {
        // Munich Marienplatz to Munich Hauptbahnhof: about 1.16 km.
        let d = Coordinate(latitude: 48.137154, longitude: 11.576124).distance(to: Coordinate(latitude: 48.140228, longitude: 11.558335))
        #expect(abs(d - 1362) < 30, "\(d)")
    }

    @Test func replacingKeepsOneCopy() {
        var store = PlaceStore(places: [place("a", 48.1, 11.5)])
        store.add(place("a", 48.2, 11.6))
        #expect(store.count == 1)
        #expect(store.places(near: Coordinate(latitude: 48.1, longitude: 11.5), within: 1000).isEmpty)
        #expect(store.places(near: Coordinate(latitude: 48.2, longitude: 11.6), within: 1000).count == 1)
    }
}
