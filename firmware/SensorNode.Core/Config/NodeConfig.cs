namespace SensorNode.Core.Config
{
    /// <summary>One per-feature alarm threshold (config "thresholds": [...]).</summary>
    public sealed class FeatureThreshold
    {
        /// <summary>Feature key as in MeasurementRecord's comments, e.g. "vrms", "kurt", "temp", "irms" (json: "feature").</summary>
        public string Feature;

        /// <summary>0..2 for x/y/z, -1 for all axes or a node-wide feature (json: "axis": "x" | "y" | "z" | "all").</summary>
        public int Axis = -1;

        /// <summary>Warning and alarm levels in the feature's unit (json: "warning", "alarm"); alarm ≥ warning.</summary>
        public float Warning;
        public float Alarm;

        /// <summary>How far below a level the value must fall to leave it (json: "hysteresis").</summary>
        public float Hysteresis;

        /// <summary>Consecutive windows above a level before it is entered (json: "onDelay").</summary>
        public int OnDelayWindows;

        public void CopyFrom(FeatureThreshold other)
        {
            Feature = other.Feature;
            Axis = other.Axis;
            Warning = other.Warning;
            Alarm = other.Alarm;
            Hysteresis = other.Hysteresis;
            OnDelayWindows = other.OnDelayWindows;
        }
    }

    /// <summary>
    /// The node's whole configuration: one versioned document (docs/protocol.md "Config document"). Defaults
    /// are those of a fresh node; identity, network and broker must be provisioned. Secrets (Wi-Fi and broker
    /// passwords, the command key) are never written by the redacted codec.
    /// </summary>
    public sealed class NodeConfig
    {
        public const int SchemaVersion = 1;
        public const int MaxThresholds = 16;

        public const int IsoNone = 0;
        public const int Iso10816Part1 = 1;
        public const int Iso10816Part3 = 3;

        public const int ShaftNone = 0;
        public const int ShaftFixed = 1;
        public const int ShaftEstimate = 2;

        // ---- identity ----
        public string NodeId;
        public string Site;
        public string AssetName;

        // ---- Wi-Fi (absent on Ethernet boards) ----
        public string WifiSsid;
        public string WifiPassword;

        // ---- broker ----
        public string BrokerHost;
        public int BrokerPort = 8883;
        public bool BrokerTls = true;
        /// <summary>CA certificate(s), PEM; null to use the device's stored CA.</summary>
        public string BrokerCaPem;
        public string BrokerUsername;
        public string BrokerPassword;
        /// <summary>MQTT client id; null means the node id.</summary>
        public string BrokerClientId;

        // ---- security ----
        /// <summary>Per-node HMAC-SHA256 key for desired config and commands, 32 bytes; null until provisioned.</summary>
        public byte[] CommandKey;

        // ---- accelerometer and sampling ----
        public int AccelRangeG = 8;
        public int AccelOdrHz = 3200;
        public int FftSize = 2048;
        /// <summary>Samples per axis per window (≥ FftSize; more gives Welch averaging).</summary>
        public int BurstLength = 2048;
        public int CurrentSampleRateHz = 2000;
        /// <summary>Current samples per window: a power of two 256–8192 (ConfigValidator.IsCurrentWindow).</summary>
        public int CurrentSamples = 1024;

        // ---- bands, Hz ----
        public float VelocityBandLowHz = 10;
        public float VelocityBandHighHz = 1000;
        public float HfBandLowHz = 1000;
        public float HfBandHighHz = 1600;
        public float EnvelopeBandLowHz = 500;
        public float EnvelopeBandHighHz = 1500;

        // ---- ISO severity ----
        public int IsoStandard = Iso10816Part3;
        /// <summary>ISO 10816-1 machine class 1..4 (I–IV).</summary>
        public int IsoClass = 2;
        /// <summary>ISO 10816-3 group 1 or 2.</summary>
        public int IsoGroup = 2;
        /// <summary>ISO 10816-3 foundation: true = flexible, false = rigid.</summary>
        public bool IsoFlexible;

        // ---- bearing geometry (BearingBalls = 0: not configured) ----
        public int BearingBalls;
        public float BearingBallDiameterMm;
        public float BearingPitchDiameterMm;
        public float BearingContactAngleDeg;

        // ---- shaft speed ----
        public int ShaftMode = ShaftNone;
        public float ShaftRpm;
        public float ShaftMinRpm;
        public float ShaftMaxRpm;

        // ---- CT clamp calibration ----
        public bool CtEnabled;
        public float CtTurns = 2000;
        public float CtBurdenOhm = 33;
        public float CtAdcReferenceV = 3.3f;
        public float CtGain = 1;
        public float CtOffsetA;
        public float NominalVoltageV = 230;
        public float PowerFactor = 0.85f;
        public float LineFrequencyHz = 50;

        // ---- running detection ----
        public float RunningThresholdA = 0.5f;
        public float RunningHysteresisA = 0.1f;

        // ---- thresholds ----
        public readonly FeatureThreshold[] Thresholds = new FeatureThreshold[MaxThresholds];
        public int ThresholdCount;

        // ---- baseline learning ----
        public int BaselineWindows = 300;
        public float BaselineK = 2;
        /// <summary>Cap on a learned velocity threshold, mm/s; 0 = the ISO zone C/D boundary.</summary>
        public float BaselineCapMmS;

        // ---- reporting ----
        public int ReportIntervalS = 60;
        public int AlarmReportIntervalS = 10;
        public int HealthIntervalS = 300;

        // ---- temperature ----
        /// <summary>Exponential smoothing factor per window, 0 &lt; α ≤ 1 (1 = no smoothing).</summary>
        public float TemperatureSmoothing = 0.2f;

        // ---- store-and-forward ----
        public int QueueCapacity = 64;
        public bool QueueSpill;
        public int SpillCapacity = 1024;

        public NodeConfig()
        {
            for (int i = 0; i < MaxThresholds; i++)
            {
                Thresholds[i] = new FeatureThreshold();
            }
        }

        /// <summary>The MQTT client id in use.</summary>
        public string EffectiveClientId => BrokerClientId == null || BrokerClientId.Length == 0 ? NodeId : BrokerClientId;

        public FeatureThreshold AddThreshold(string feature, int axis, float warning, float alarm, float hysteresis, int onDelay)
        {
            if (ThresholdCount >= MaxThresholds)
            {
                return null;
            }

            FeatureThreshold t = Thresholds[ThresholdCount++];
            t.Feature = feature;
            t.Axis = axis;
            t.Warning = warning;
            t.Alarm = alarm;
            t.Hysteresis = hysteresis;
            t.OnDelayWindows = onDelay;
            return t;
        }

        /// <summary>Deep copy (the key bytes are copied too).</summary>
        public void CopyFrom(NodeConfig o)
        {
            NodeId = o.NodeId;
            Site = o.Site;
            AssetName = o.AssetName;
            WifiSsid = o.WifiSsid;
            WifiPassword = o.WifiPassword;
            BrokerHost = o.BrokerHost;
            BrokerPort = o.BrokerPort;
            BrokerTls = o.BrokerTls;
            BrokerCaPem = o.BrokerCaPem;
            BrokerUsername = o.BrokerUsername;
            BrokerPassword = o.BrokerPassword;
            BrokerClientId = o.BrokerClientId;
            if (o.CommandKey == null)
            {
                CommandKey = null;
            }
            else
            {
                CommandKey = new byte[o.CommandKey.Length];
                System.Array.Copy(o.CommandKey, CommandKey, o.CommandKey.Length);
            }

            AccelRangeG = o.AccelRangeG;
            AccelOdrHz = o.AccelOdrHz;
            FftSize = o.FftSize;
            BurstLength = o.BurstLength;
            CurrentSampleRateHz = o.CurrentSampleRateHz;
            CurrentSamples = o.CurrentSamples;
            VelocityBandLowHz = o.VelocityBandLowHz;
            VelocityBandHighHz = o.VelocityBandHighHz;
            HfBandLowHz = o.HfBandLowHz;
            HfBandHighHz = o.HfBandHighHz;
            EnvelopeBandLowHz = o.EnvelopeBandLowHz;
            EnvelopeBandHighHz = o.EnvelopeBandHighHz;
            IsoStandard = o.IsoStandard;
            IsoClass = o.IsoClass;
            IsoGroup = o.IsoGroup;
            IsoFlexible = o.IsoFlexible;
            BearingBalls = o.BearingBalls;
            BearingBallDiameterMm = o.BearingBallDiameterMm;
            BearingPitchDiameterMm = o.BearingPitchDiameterMm;
            BearingContactAngleDeg = o.BearingContactAngleDeg;
            ShaftMode = o.ShaftMode;
            ShaftRpm = o.ShaftRpm;
            ShaftMinRpm = o.ShaftMinRpm;
            ShaftMaxRpm = o.ShaftMaxRpm;
            CtEnabled = o.CtEnabled;
            CtTurns = o.CtTurns;
            CtBurdenOhm = o.CtBurdenOhm;
            CtAdcReferenceV = o.CtAdcReferenceV;
            CtGain = o.CtGain;
            CtOffsetA = o.CtOffsetA;
            NominalVoltageV = o.NominalVoltageV;
            PowerFactor = o.PowerFactor;
            LineFrequencyHz = o.LineFrequencyHz;
            RunningThresholdA = o.RunningThresholdA;
            RunningHysteresisA = o.RunningHysteresisA;
            ThresholdCount = o.ThresholdCount;
            for (int i = 0; i < MaxThresholds; i++)
            {
                Thresholds[i].CopyFrom(o.Thresholds[i]);
            }

            BaselineWindows = o.BaselineWindows;
            BaselineK = o.BaselineK;
            BaselineCapMmS = o.BaselineCapMmS;
            ReportIntervalS = o.ReportIntervalS;
            AlarmReportIntervalS = o.AlarmReportIntervalS;
            HealthIntervalS = o.HealthIntervalS;
            TemperatureSmoothing = o.TemperatureSmoothing;
            QueueCapacity = o.QueueCapacity;
            QueueSpill = o.QueueSpill;
            SpillCapacity = o.SpillCapacity;
        }

        /// <summary>Back to the defaults of a fresh node.</summary>
        public void ResetToDefaults()
        {
            CopyFrom(Defaults);
        }

        private static readonly NodeConfig Defaults = new NodeConfig();
    }
}
