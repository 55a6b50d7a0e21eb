using SensorNode.Core.Alarms;

namespace SensorNode.Core.Node
{
    /// <summary>
    /// What the runtime needs from the node configuration, flattened. Filled from the validated config document by
    /// the config source; sizes (samples, queue) are fixed at start-up, intervals and alarm rules can change live.
    /// </summary>
    public sealed class NodeSettings
    {
        public string Site = "site";
        public string NodeId = "node";
        public string FirmwareVersion = "0.1.0";
        public string Board = "unknown";
        public string AssetName = "";
        public string ConfigHash = "";

        // Network and MQTT (secrets: never logged or echoed)
        public string WifiSsid;
        public string WifiPassword;
        public string BrokerHost;
        public int BrokerPort = 8883;
        public bool BrokerTls = true;
        public string BrokerCaPem;
        public string ClientId;
        public string Username;
        public string Password;
        public int KeepAliveSeconds = 30;

        // Cycle
        public int ReportIntervalMs = 10000;

        /// <summary>Interval while any alarm rule is at warning or alarm (faster reporting in alarm).</summary>
        public int AlarmReportIntervalMs = 2000;

        public int HealthIntervalMs = 60000;
        public int SamplesPerAxis = 2048;
        public int AccelerometerRangeG = 4;
        public int AccelerometerRateHz = 3200;
        public bool CurrentEnabled = true;
        public int CurrentSamples = 1024;
        public int CurrentRateHz = 2000;
        public bool TemperatureEnabled = true;

        // Store-and-forward
        public int QueueRamCapacity = 32;

        /// <summary>Flash segments (0 = RAM only).</summary>
        public int SpillSegments;

        public int SpillSegmentRecords = 8;

        /// <summary>Historical records published per tick at most, so live data keeps its place.</summary>
        public int ReplayPerTick = 2;

        /// <summary>Alarm events kept while offline.</summary>
        public int AlarmEventBuffer = 8;

        // Reconnect
        public int NetworkConnectTimeoutMs = 10000;
        public int NetworkBackoffInitialMs = 2000;
        public int NetworkBackoffMaxMs = 300000;
        public int BrokerBackoffInitialMs = 1000;
        public int BrokerBackoffMaxMs = 120000;
        public float BackoffJitter = 0.3f;

        /// <summary>Seed of the back-off jitter; derive it from the MAC on the device so a fleet spreads out.</summary>
        public uint RandomSeed = 1;

        // Supervision
        /// <summary>No completed cycle for this long is a stuck cycle; 0 = max(3 × report interval, report interval + 60 s).</summary>
        public long StuckAfterMs;

        /// <summary>Cycle restarts before supervision reboots.</summary>
        public int MaxCycleRestarts = 3;

        public AlarmSettings Alarms = new AlarmSettings();

        /// <summary>The effective stuck bound.</summary>
        public long EffectiveStuckAfterMs
        {
            get
            {
                if (StuckAfterMs > 0)
                {
                    return StuckAfterMs;
                }

                long a = 3L * ReportIntervalMs;
                long b = ReportIntervalMs + 60000L;
                return a > b ? a : b;
            }
        }

        /// <summary>Checks the runtime's part of the settings; null when valid, else the offending field.</summary>
        public string Validate()
        {
            if (ReportIntervalMs < 1000 || ReportIntervalMs > 86400000)
            {
                return "reportIntervalMs";
            }

            if (AlarmReportIntervalMs < 1000 || AlarmReportIntervalMs > ReportIntervalMs)
            {
                return "alarmReportIntervalMs";
            }

            if (HealthIntervalMs < 1000)
            {
                return "healthIntervalMs";
            }

            if (SamplesPerAxis < 64 || SamplesPerAxis > 8192)
            {
                return "samplesPerAxis";
            }

            if (CurrentEnabled && (CurrentSamples < 64 || CurrentSamples > 8192 || CurrentRateHz < 100))
            {
                return "currentSamples";
            }

            if (QueueRamCapacity < 1 || QueueRamCapacity > 4096)
            {
                return "queueRamCapacity";
            }

            if (SpillSegments < 0 || SpillSegments > 64 || (SpillSegments > 0 && (SpillSegmentRecords < 1 || SpillSegmentRecords > QueueRamCapacity)))
            {
                return "spill";
            }

            if (ReplayPerTick < 1 || ReplayPerTick > 64 || AlarmEventBuffer < 1 || AlarmEventBuffer > 64)
            {
                return "replayPerTick";
            }

            if (NetworkBackoffInitialMs < 1 || NetworkBackoffMaxMs < NetworkBackoffInitialMs
                || BrokerBackoffInitialMs < 1 || BrokerBackoffMaxMs < BrokerBackoffInitialMs
                || BackoffJitter < 0f || BackoffJitter > 1f)
            {
                return "backoff";
            }

            if (MaxCycleRestarts < 0 || MaxCycleRestarts > 100 || (StuckAfterMs != 0 && StuckAfterMs < ReportIntervalMs))
            {
                return "supervision";
            }

            if (Alarms == null)
            {
                return "alarms";
            }

            return Alarms.Validate();
        }
    }
}
