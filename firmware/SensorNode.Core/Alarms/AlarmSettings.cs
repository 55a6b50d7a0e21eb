namespace SensorNode.Core.Alarms
{
    /// <summary>What the alarm engine needs from the node configuration.</summary>
    public sealed class AlarmSettings
    {
        /// <summary>Most rules a node runs (configured ones plus the implicit ISO rule); bounds memory and time per window.</summary>
        public const int MaxRules = 16;

        /// <summary>Configured threshold rules (at most <see cref="MaxRules"/> − 1).</summary>
        public AlarmRule[] Rules = new AlarmRule[0];

        /// <summary>ISO 10816 / 20816 velocity RMS zone boundaries (mm/s) of the configured machine class or group
        /// and support; 0 when no ISO table applies.</summary>
        public float IsoBoundaryAB;

        public float IsoBoundaryBC;

        public float IsoBoundaryCD;

        /// <summary>When true (and the boundaries are set), an implicit rule raises a warning on the worst axis in
        /// zone C (≥ B/C) and an alarm in zone D (≥ C/D).</summary>
        public bool IsoZoneAlarms = true;

        /// <summary>On/off delay of the implicit ISO rule, windows.</summary>
        public int IsoDelayWindows = 3;

        /// <summary>Hysteresis of the implicit ISO rule.</summary>
        public float IsoHysteresis = 0.1f;

        /// <summary>Cap on a velocity alarm threshold learned from the baseline, mm/s; 0 = 1.25 × the B/C boundary
        /// (the ISO 10816-3 / 20816-3 advice).</summary>
        public float BaselineCapMmS;

        /// <summary>Windows (while the machine runs) averaged into the baseline.</summary>
        public int BaselineWindows = 300;

        /// <summary>When true, vibration rules are evaluated only while the current channel says the machine runs.</summary>
        public bool RunningGate = true;

        /// <summary>Checks the settings; null when valid, else a short reason naming the offending field.</summary>
        public string Validate()
        {
            if (Rules == null)
            {
                return "rules";
            }

            if (Rules.Length > MaxRules - 1)
            {
                return "rules: too many";
            }

            for (int i = 0; i < Rules.Length; i++)
            {
                AlarmRule r = Rules[i];
                if (r == null || !AlarmFeature.IsKnown(r.Feature))
                {
                    return "rules.feature";
                }

                if (r.Axis < -1 || r.Axis > 2)
                {
                    return "rules.axis";
                }

                if (r.Hysteresis < 0f || r.Hysteresis > 0.5f || float.IsNaN(r.Hysteresis) || !(r.HysteresisAbsolute >= 0f))
                {
                    return "rules.hysteresis";
                }

                if (r.OnDelayWindows < 1 || r.OnDelayWindows > 1000 || r.OffDelayWindows < 1 || r.OffDelayWindows > 1000)
                {
                    return "rules.delay";
                }

                if (float.IsNaN(r.Warning) || float.IsNaN(r.Alarm) || float.IsInfinity(r.Warning) || float.IsInfinity(r.Alarm))
                {
                    return "rules.threshold";
                }

                if (r.Warning > 0f && r.Alarm > 0f && r.Alarm < r.Warning)
                {
                    return "rules.alarm below warning";
                }

                if (r.FromBaseline && (r.WarningFactor < 1f || r.AlarmFactor < r.WarningFactor))
                {
                    return "rules.factor";
                }
            }

            if (IsoBoundaryBC < 0f || IsoBoundaryCD < IsoBoundaryBC || IsoBoundaryBC < IsoBoundaryAB)
            {
                return "iso boundaries";
            }

            if (!(BaselineCapMmS >= 0f))
            {
                return "baselineCap";
            }

            if (BaselineWindows < 1 || BaselineWindows > 100000)
            {
                return "baselineWindows";
            }

            if (IsoDelayWindows < 1 || IsoHysteresis < 0f || IsoHysteresis > 0.5f)
            {
                return "iso delay";
            }

            return null;
        }
    }
}
