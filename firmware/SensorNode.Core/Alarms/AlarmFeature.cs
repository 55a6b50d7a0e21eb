using SensorNode.Core.Features;

namespace SensorNode.Core.Alarms
{
    /// <summary>The record values an alarm rule can watch. Numbers, not an enum, because nanoFramework's
    /// Enum.ToString gives digits and the names double as the telemetry JSON keys.</summary>
    public static class AlarmFeature
    {
        public const int VelocityRms = 1;
        public const int AccelerationRms = 2;
        public const int HighFrequencyRms = 3;
        public const int Peak = 4;
        public const int CrestFactor = 5;
        public const int Kurtosis = 6;
        public const int Bpfo = 7;
        public const int Bpfi = 8;
        public const int Bsf = 9;
        public const int Ftf = 10;
        public const int Order1 = 11;
        public const int Order2 = 12;
        public const int Temperature = 20;
        public const int CurrentRms = 21;
        public const int CurrentThd = 22;

        /// <summary>Vibration features are per axis, need a working accelerometer and obey the running gate.</summary>
        public static bool IsVibration(int feature)
        {
            return feature >= VelocityRms && feature <= Order2;
        }

        /// <summary>True for a known feature number.</summary>
        public static bool IsKnown(int feature)
        {
            return IsVibration(feature) || feature == Temperature || feature == CurrentRms || feature == CurrentThd;
        }

        /// <summary>The telemetry JSON key of the feature (also its name in config and alarm events); null when unknown.</summary>
        public static string Key(int feature)
        {
            switch (feature)
            {
                case VelocityRms: return "vrms";
                case AccelerationRms: return "arms";
                case HighFrequencyRms: return "hf";
                case Peak: return "pk";
                case CrestFactor: return "cf";
                case Kurtosis: return "kurt";
                case Bpfo: return "bpfo";
                case Bpfi: return "bpfi";
                case Bsf: return "bsf";
                case Ftf: return "ftf";
                case Order1: return "o1";
                case Order2: return "o2";
                case Temperature: return "temp";
                case CurrentRms: return "irms";
                case CurrentThd: return "thd";
                default: return null;
            }
        }

        /// <summary>The feature number of a JSON key, or 0 when unknown.</summary>
        public static int FromKey(string key)
        {
            for (int f = 1; f <= CurrentThd; f++)
            {
                string k = Key(f);
                if (k != null && k == key)
                {
                    return f;
                }
            }

            return 0;
        }

        /// <summary>The value of a vibration feature on one axis.</summary>
        public static float AxisValue(MeasurementRecord record, int feature, int axis)
        {
            switch (feature)
            {
                case VelocityRms: return record.VelocityRms[axis];
                case AccelerationRms: return record.AccelerationRms[axis];
                case HighFrequencyRms: return record.HighFrequencyRms[axis];
                case Peak: return record.Peak[axis];
                case CrestFactor: return record.CrestFactor[axis];
                case Kurtosis: return record.Kurtosis[axis];
                case Bpfo: return record.Bpfo[axis];
                case Bpfi: return record.Bpfi[axis];
                case Bsf: return record.Bsf[axis];
                case Ftf: return record.Ftf[axis];
                case Order1: return record.Order1[axis];
                case Order2: return record.Order2[axis];
                default: return 0f;
            }
        }

        /// <summary>The value of a scalar (non-vibration) feature.</summary>
        public static float ScalarValue(MeasurementRecord record, int feature)
        {
            switch (feature)
            {
                case Temperature: return record.TemperatureC;
                case CurrentRms: return record.CurrentRms;
                case CurrentThd: return record.CurrentThdPercent;
                default: return 0f;
            }
        }
    }

    /// <summary>Alarm levels, ordered by severity.</summary>
    public static class AlarmLevel
    {
        public const int Normal = 0;
        public const int Warning = 1;
        public const int Alarm = 2;

        /// <summary>The protocol name of a level.</summary>
        public static string Name(int level)
        {
            switch (level)
            {
                case Warning: return "warning";
                case Alarm: return "alarm";
                default: return "normal";
            }
        }
    }
}
