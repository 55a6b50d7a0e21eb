using SensorNode.Core.Features;
using SensorNode.Core.Protocol;

namespace SensorNode.Core.Tests.Protocol
{
    /// <summary>Known messages used by the protocol tests (and, through the desktop tests, the schema checks).</summary>
    public static class ProtocolSamples
    {
        public const string KnownTelemetry =
            "{\"seq\":42,\"ts\":1763900000123,\"tsync\":true,\"hist\":false,\"st\":0,\"vib\":{\"x\":{\"vrms\":2.5,\"arms\":1.25,\"hf\":0.5,\"pk\":4,\"p2p\":8,\"cf\":3.2,\"kurt\":3,\"skew\":-0.1,\"dc\":9.81,\"zone\":\"B\",\"o1\":1.5,\"o2\":0.25,\"o3\":0.125,\"bpfo\":0.01,\"bpfi\":0.02,\"bsf\":0.03,\"ftf\":0.04,\"fpk\":24.75}},\"shaft\":24.75,\"temp\":41.5,\"cur\":{\"irms\":12.5,\"icf\":1.41,\"hz\":50,\"thd\":3.5,\"va\":2875,\"kwh\":1234.5678,\"run\":true,\"runh\":100.25,\"starts\":3}}";

        /// <summary>The record whose telemetry is <see cref="KnownTelemetry"/>.</summary>
        public static MeasurementRecord KnownRecord()
        {
            var r = new MeasurementRecord();
            r.Sequence = 42;
            r.TimestampUnixMs = 1763900000123;
            r.TimeSynced = true;
            r.AxisCount = 1;
            r.VelocityRms[0] = 2.5f;
            r.AccelerationRms[0] = 1.25f;
            r.HighFrequencyRms[0] = 0.5f;
            r.Peak[0] = 4f;
            r.PeakToPeak[0] = 8f;
            r.CrestFactor[0] = 3.2f;
            r.Kurtosis[0] = 3f;
            r.Skewness[0] = -0.1f;
            r.Mean[0] = 9.81f;
            r.IsoZone[0] = 1;
            r.Order1[0] = 1.5f;
            r.Order2[0] = 0.25f;
            r.Order3[0] = 0.125f;
            r.Bpfo[0] = 0.01f;
            r.Bpfi[0] = 0.02f;
            r.Bsf[0] = 0.03f;
            r.Ftf[0] = 0.04f;
            r.DominantFrequency[0] = 24.75f;
            r.ShaftSpeedHz = 24.75f;
            r.TemperatureC = 41.5f;
            r.HasCurrent = true;
            r.CurrentRms = 12.5f;
            r.CurrentCrestFactor = 1.41f;
            r.LineFrequencyHz = 50f;
            r.CurrentThdPercent = 3.5f;
            r.ApparentPowerVa = 2875f;
            r.EnergyKwh = 1234.5678;
            r.Running = true;
            r.RunHours = 100.25;
            r.StartCount = 3;
            return r;
        }

        /// <summary>A full three-axis record with varied values.</summary>
        public static MeasurementRecord ThreeAxisRecord(uint seq)
        {
            var r = KnownRecord();
            r.Sequence = seq;
            r.AxisCount = 3;
            for (int a = 0; a < 3; a++)
            {
                r.VelocityRms[a] = 1.1f * (a + 1);
                r.AccelerationRms[a] = 0.7f + a;
                r.HighFrequencyRms[a] = 0.05f * (a + 1);
                r.Peak[a] = 3.3f + a;
                r.PeakToPeak[a] = 6.6f + a;
                r.CrestFactor[a] = 2.9f;
                r.Kurtosis[a] = 3.01f + a;
                r.Skewness[a] = -0.02f * a;
                r.Mean[a] = a == 2 ? 9.80665f : 0.012f;
                r.IsoZone[a] = a;
                r.Order1[a] = 0.9f;
                r.Order2[a] = 0.31f;
                r.Order3[a] = 0.12f;
                r.Bpfo[a] = 0.004f;
                r.Bpfi[a] = 0.005f;
                r.Bsf[a] = 0.006f;
                r.Ftf[a] = 0.007f;
                r.DominantFrequency[a] = 49.8f;
            }

            return r;
        }

        public static AlarmEvent Alarm()
        {
            var e = new AlarmEvent();
            e.Sequence = 7;
            e.TimestampUnixMs = 1763900000999;
            e.TimeSynced = true;
            e.FeatureKey = "vrms";
            e.Axis = 2;
            e.Level = AlarmEvent.LevelAlarm;
            e.PreviousLevel = AlarmEvent.LevelWarning;
            e.Value = 7.3f;
            e.Threshold = 7.1f;
            e.Kind = AlarmEvent.KindIso;
            return e;
        }

        public static HealthSnapshot Health()
        {
            var h = new HealthSnapshot();
            h.TimestampUnixMs = 1763900001000;
            h.TimeSynced = true;
            h.BootCount = 3;
            h.UptimeSeconds = 86400;
            h.FreeMemoryBytes = 41234;
            h.RssiDbm = -67;
            h.QueueDepth = 5;
            h.QueueCapacity = 64;
            h.DroppedCount = 2;
            h.Reconnects = 4;
            h.LastError = "broker: connack 5";
            h.RejectedUnsigned = 1;
            h.RejectedBadSignature = 2;
            h.RejectedReplayed = 3;
            h.State = "running";
            h.SensorStatus = 2;
            return h;
        }

        public static BirthInfo Birth()
        {
            var b = new BirthInfo();
            b.TimestampUnixMs = 1763900000000;
            b.TimeSynced = true;
            b.BootCount = 3;
            b.FirmwareVersion = "1.0.0";
            b.Board = "esp32-devkitc";
            b.AssetName = "Pump 3 (냉각수)";
            b.NextTelemetrySequence = 42;
            b.NextAlarmSequence = 7;
            b.ConfigHash = "0123456789abcdef";
            b.FftSize = 2048;
            b.AccelerometerModel = "ADXL345";
            b.AxisCount = 3;
            b.AccelerometerRateHz = 3200;
            b.AccelerometerRangeG = 8;
            b.TemperatureModel = "BME280";
            b.CurrentModel = "CT";
            b.CurrentRateHz = 2000;
            b.ReportIntervalSeconds = 60;
            return b;
        }
    }
}
