public enum GeniusTestSupport {}
