namespace SensorNode.Core.Alarms
{
    /// <summary>One threshold rule of the alarm engine, as configured.</summary>
    public sealed class AlarmRule
    {
        /// <summary>An <see cref="AlarmFeature"/> number.</summary>
        public int Feature;

        /// <summary>Vibration axis 0..2, or -1 for the worst (largest) axis. Ignored for scalar features.</summary>
        public int Axis = -1;

        /// <summary>Warning threshold in the feature's unit; 0 or less disables the warning level.</summary>
        public float Warning;

        /// <summary>Alarm threshold in the feature's unit; 0 or less disables the alarm level.</summary>
        public float Alarm;

        /// <summary>A level is left only when the value falls below threshold × (1 − Hysteresis). 0 … 0.5.</summary>
        public float Hysteresis = 0.1f;

        /// <summary>When above 0, an absolute hysteresis in the feature's unit (a level is left below threshold −
        /// HysteresisAbsolute) instead of the relative <see cref="Hysteresis"/>.</summary>
        public float HysteresisAbsolute;

        /// <summary>Consecutive windows above a threshold before the level is entered (≥ 1).</summary>
        public int OnDelayWindows = 3;

        /// <summary>Consecutive windows below the lowered threshold before the level is left (≥ 1).</summary>
        public int OffDelayWindows = 3;

        /// <summary>When true, the thresholds are replaced by ones derived from the learned baseline once it is known.</summary>
        public bool FromBaseline;

        /// <summary>Baseline factors for features without an ISO reference: warning = WarningFactor × baseline,
        /// alarm = AlarmFactor × baseline.</summary>
        public float WarningFactor = 2f;

        public float AlarmFactor = 3f;

        public AlarmRule()
        {
        }

        public AlarmRule(int feature, int axis, float warning, float alarm)
        {
            Feature = feature;
            Axis = axis;
            Warning = warning;
            Alarm = alarm;
        }
    }
}
