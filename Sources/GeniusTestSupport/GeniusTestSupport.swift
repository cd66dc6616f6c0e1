/// A small deterministic random number generator (SplitMix64), so tests and benchmarks that use random
/// frames are reproducible from their seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// DBC texts shared by tests: small, but using every construct the parser knows.
public enum DBCFixtures {
    /// Two nodes, a standard and an extended message, Intel and Motorola, signed and float signals, simple
    /// and extended multiplexing, value tables, comments, attributes (cycle time, CAN FD frame format).
    public static let vehicle = #"""
        VERSION "1.2"

        NS_ :
            NS_DESC_
            CM_
            BA_DEF_
            BA_
            VAL_
            SIG_VALTYPE_
            SG_MUL_VAL_

        BS_:

        BU_: Gateway Cluster

        VAL_TABLE_ OnOff 0 "Off" 1 "On" ;

        BO_ 256 Powertrain: 8 Gateway
         SG_ StateOfCharge : 0|10@1+ (0.1,0) [0|100] "%" Cluster
         SG_ BatteryTemp : 16|8@1- (1,-40) [-40|85] "degC" Cluster,Gateway
         SG_ Range : 31|16@0+ (1,0) [0|1000] "km" Cluster
         SG_ Power : 40|24@1- (10,0) [-83886080|83886070] "W" Cluster

        BO_ 2147484160 Diagnostics: 8 Gateway
         SG_ Mode M : 0|8@1+ (1,0) [0|255] "" Cluster
         SG_ Odometer m1 : 8|32@1+ (0.1,0) [0|429496729.5] "km" Cluster
         SG_ FaultCount m2 : 8|8@1+ (1,0) [0|255] "" Cluster
         SG_ Temperature m2 : 16|32@1- (1,0) [0|0] "degC" Cluster

        BO_ 768 Location: 24 Gateway
         SG_ Latitude : 0|64@1- (1,0) [0|0] "deg" Cluster
         SG_ Longitude : 64|64@1- (1,0) [0|0] "deg" Cluster
         SG_ Heading : 128|32@1- (1,0) [0|360] "deg" Cluster

        BO_ 1024 Extended: 8 Gateway
         SG_ Page M : 0|4@1+ (1,0) [0|15] "" Cluster
         SG_ SubPage m1M : 4|4@1+ (1,0) [0|15] "" Cluster
         SG_ Deep m0 : 8|8@1+ (1,0) [0|255] "" Cluster
         SG_ Other : 56|8@1+ (1,0) [0|255] "" Cluster

        BO_TX_BU_ 256 : Gateway,Cluster;

        EV_ EnvSpeed: 0 [0|300] "km/h" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;
        ENVVAR_DATA_ EnvBlob: 8;

        CM_ "The demo network.";
        CM_ BU_ Gateway "Central gateway";
        CM_ BO_ 256 "Powertrain status";
        CM_ SG_ 256 StateOfCharge "Displayed state of charge";
        BA_DEF_ BO_ "GenMsgCycleTime" INT 0 65535;
        BA_DEF_ SG_ "GenSigStartValue" INT 0 100000;
        BA_DEF_ "BusType" STRING ;
        BA_DEF_ BO_ "VFrameFormat" ENUM "StandardCAN","ExtendedCAN","reserved","J1939PG","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","StandardCAN_FD","ExtendedCAN_FD";
        BA_DEF_DEF_ "GenMsgCycleTime" 0;
        BA_DEF_DEF_ "GenSigStartValue" 0;
        BA_DEF_DEF_ "BusType" "CAN";
        BA_DEF_DEF_ "VFrameFormat" "StandardCAN";
        BA_ "BusType" "CAN FD";
        BA_ "GenMsgCycleTime" BO_ 256 100;
        BA_ "GenMsgCycleTime" BO_ 768 1000;
        BA_ "VFrameFormat" BO_ 768 14;
        BA_ "GenSigStartValue" SG_ 256 BatteryTemp 60;
        VAL_ 256 BatteryTemp 255 "SNA" ;
        VAL_ 2147484160 Mode 1 "Odometer" 2 "Faults" 3 "Reserved" ;
        SIG_VALTYPE_ 768 Latitude : 2;
        SIG_VALTYPE_ 768 Longitude : 2;
        SIG_VALTYPE_ 768 Heading : 1;
        SG_MUL_VAL_ 1024 SubPage Page 1-1;
        SG_MUL_VAL_ 1024 Deep SubPage 0-0, 3-5;
        SIG_GROUP_ 256 Battery 1 : StateOfCharge BatteryTemp;
        """#
}
