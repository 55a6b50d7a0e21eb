namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// The feature keys of telemetry (the JSON keys in Features/MeasurementRecord.cs), their units, and which
    /// are per axis. Thresholds, alarm events and the birth message's unit table all use these keys.
    /// </summary>
    public static class FeatureKeys
    {
        /// <summary>Per-axis features (inside "vib": {"x": {...}}).</summary>
        public static readonly string[] Axis =
        {
            "vrms", "arms", "hf", "pk", "p2p", "cf", "kurt", "skew", "dc", "o1", "o2", "o3", "bpfo", "bpfi", "bsf", "ftf", "fpk"
        };

        private static readonly string[] AxisUnits =
        {
            "mm/s", "m/s2", "m/s2", "m/s2", "m/s2", "1", "1", "1", "m/s2", "mm/s", "mm/s", "mm/s", "m/s2", "m/s2", "m/s2", "m/s2", "Hz"
        };

        /// <summary>Node-wide features (top level, or inside "cur" for the current ones).</summary>
        public static readonly string[] Scalar =
        {
            "shaft", "temp", "irms", "icf", "hz", "thd", "va", "kwh", "runh", "starts"
        };

        private static readonly string[] ScalarUnits =
        {
            "Hz", "degC", "A", "1", "Hz", "%", "VA", "kWh", "h", "1"
        };

        /// <summary>Axis names as written in JSON: index 0 = "x", 1 = "y", 2 = "z".</summary>
        public static readonly string[] AxisNames = { "x", "y", "z" };

        public static bool IsAxisFeature(string key)
        {
            return IndexOf(Axis, key) >= 0;
        }

        public static bool IsScalarFeature(string key)
        {
            return IndexOf(Scalar, key) >= 0;
        }

        public static bool IsFeature(string key)
        {
            return IsAxisFeature(key) || IsScalarFeature(key);
        }

        /// <summary>Unit of a feature key ("mm/s", "m/s2", "degC", "A", "Hz", "%", "VA", "kWh", "h", "1"), or null.</summary>
        public static string Unit(string key)
        {
            int i = IndexOf(Axis, key);
            if (i >= 0)
            {
                return AxisUnits[i];
            }

            i = IndexOf(Scalar, key);
            return i >= 0 ? ScalarUnits[i] : null;
        }

        /// <summary>0..2 for "x", "y", "z"; -1 otherwise.</summary>
        public static int AxisIndex(string name)
        {
            return IndexOf(AxisNames, name);
        }

        /// <summary>"x", "y", "z" for 0..2; null otherwise.</summary>
        public static string AxisName(int axis)
        {
            return axis >= 0 && axis < 3 ? AxisNames[axis] : null;
        }

        /// <summary>ISO zone letter for 0..3 ("A".."D"), null otherwise.</summary>
        public static string ZoneName(int zone)
        {
            switch (zone)
            {
                case 0: return "A";
                case 1: return "B";
                case 2: return "C";
                case 3: return "D";
                default: return null;
            }
        }

        public static int ZoneIndex(string name)
        {
            switch (name)
            {
                case "A": return 0;
                case "B": return 1;
                case "C": return 2;
                case "D": return 3;
                default: return -1;
            }
        }

        private static int IndexOf(string[] keys, string key)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
