namespace SensorNode.Core.Protocol
{
    /// <summary>What a node announces about itself on every (re)connect and on the rebirth command (.../birth, retained).</summary>
    public sealed class BirthInfo
    {
        public long TimestampUnixMs;
        public bool TimeSynced;

        /// <summary>Incremented on every broker connect; the same value is in the status/Will payloads (json: "boot").</summary>
        public uint BootCount;

        /// <summary>Firmware version, e.g. "1.0.0" (json: "fw").</summary>
        public string FirmwareVersion;

        /// <summary>Board profile name, e.g. "esp32-devkitc" (json: "board").</summary>
        public string Board;

        /// <summary>Machine name from the config (json: "asset").</summary>
        public string AssetName;

        /// <summary>The next sequence number the node will use on telemetry and alarm (json: "tseq", "aseq").</summary>
        public uint NextTelemetrySequence;
        public uint NextAlarmSequence;

        /// <summary>Config hash in force (json: "cfg").</summary>
        public string ConfigHash;

        /// <summary>FFT size, points (json: "fft").</summary>
        public int FftSize;

        /// <summary>Accelerometer model (null when absent), axes, output data rate Hz, range ±g.</summary>
        public string AccelerometerModel;
        public int AxisCount;
        public float AccelerometerRateHz;
        public int AccelerometerRangeG;

        /// <summary>Temperature sensor model, null when absent.</summary>
        public string TemperatureModel;

        /// <summary>Current sensor model (e.g. "CT"), null when absent; ADC sample rate Hz.</summary>
        public string CurrentModel;
        public float CurrentRateHz;

        /// <summary>Reporting interval, seconds (json: "intervalS").</summary>
        public int ReportIntervalSeconds;

        /// <summary>What the node can do (json: "caps"), e.g. Capabilities.Default.</summary>
        public string[] Capabilities;

        /// <summary>The capabilities this firmware core implements.</summary>
        public static readonly string[] DefaultCapabilities =
        {
            "rebirth", "spectrum", "identify", "reboot", "baseline", "clear_alarms", "store_forward", "signed_commands", "config_push"
        };
    }
}
