namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// One alarm state change of one feature (published on .../alarm). The alarm engine fills a preallocated
    /// instance; the encoder writes it without allocating.
    /// </summary>
    public sealed class AlarmEvent
    {
        public const int LevelOk = 0;
        public const int LevelWarning = 1;
        public const int LevelAlarm = 2;

        public const int KindThreshold = 0;
        public const int KindIso = 1;
        public const int KindBaseline = 2;

        /// <summary>Per-node alarm sequence (its own counter, separate from telemetry) (json: "seq").</summary>
        public uint Sequence;

        /// <summary>UTC Unix ms of the window that caused the change (json: "ts").</summary>
        public long TimestampUnixMs;

        public bool TimeSynced;

        /// <summary>Sent from the store-and-forward queue (json: "hist").</summary>
        public bool Historical;

        /// <summary>Feature key as in MeasurementRecord's comments, e.g. "vrms", "temp" (json: "feature").</summary>
        public string FeatureKey;

        /// <summary>0..2 for x/y/z, -1 for node-wide features (json: "axis", omitted when -1).</summary>
        public int Axis = -1;

        /// <summary>New level: LevelOk, LevelWarning or LevelAlarm (json: "level": "ok" | "warning" | "alarm").</summary>
        public int Level;

        /// <summary>Level before this change (json: "prev").</summary>
        public int PreviousLevel;

        /// <summary>The feature value that caused the change (json: "value").</summary>
        public float Value;

        /// <summary>The threshold crossed (for a return to ok: the level's threshold minus hysteresis) (json: "threshold").</summary>
        public float Threshold;

        /// <summary>KindThreshold, KindIso or KindBaseline (json: "kind": "threshold" | "iso" | "baseline").</summary>
        public int Kind;

        public void CopyFrom(AlarmEvent other)
        {
            Sequence = other.Sequence;
            TimestampUnixMs = other.TimestampUnixMs;
            TimeSynced = other.TimeSynced;
            Historical = other.Historical;
            FeatureKey = other.FeatureKey;
            Axis = other.Axis;
            Level = other.Level;
            PreviousLevel = other.PreviousLevel;
            Value = other.Value;
            Threshold = other.Threshold;
            Kind = other.Kind;
        }

        public static string LevelName(int level)
        {
            switch (level)
            {
                case LevelOk: return "ok";
                case LevelWarning: return "warning";
                case LevelAlarm: return "alarm";
                default: return null;
            }
        }

        public static int LevelIndex(string name)
        {
            switch (name)
            {
                case "ok": return LevelOk;
                case "warning": return LevelWarning;
                case "alarm": return LevelAlarm;
                default: return -1;
            }
        }

        public static string KindName(int kind)
        {
            switch (kind)
            {
                case KindThreshold: return "threshold";
                case KindIso: return "iso";
                case KindBaseline: return "baseline";
                default: return null;
            }
        }

        public static int KindIndex(string name)
        {
            switch (name)
            {
                case "threshold": return KindThreshold;
                case "iso": return KindIso;
                case "baseline": return KindBaseline;
                default: return -1;
            }
        }
    }
}
