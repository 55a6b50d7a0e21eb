namespace SensorNode.Core.Protocol
{
    /// <summary>One parsed command from .../cmd. Preallocated and filled by <see cref="CommandParser"/>.</summary>
    public sealed class Command
    {
        public const int None = 0;
        public const int Rebirth = 1;
        public const int Spectrum = 2;
        public const int Identify = 3;
        public const int Reboot = 4;
        public const int BaselineStart = 5;
        public const int BaselineStop = 6;
        public const int ClearAlarms = 7;

        public static readonly string[] Names = { null, "rebirth", "spectrum", "identify", "reboot", "baseline_start", "baseline_stop", "clear_alarms" };

        public const string SpectrumAccel = "accel";
        public const string SpectrumVelocity = "velocity";
        public const string SpectrumEnvelope = "envelope";

        /// <summary>One of the constants above.</summary>
        public int Kind;

        /// <summary>Caller's id, echoed in the ack (json: "id").</summary>
        public string Id;

        /// <summary>Replay counter (json: "ctr").</summary>
        public long Counter;

        /// <summary>spectrum: axis 0..2 (args.axis "x" | "y" | "z", default x).</summary>
        public int Axis;

        /// <summary>spectrum: "accel" (m/s², default), "velocity" (mm/s) or "envelope" (m/s²) (args.kind).</summary>
        public string SpectrumKind;

        /// <summary>spectrum: highest frequency to send, Hz; 0 = up to Nyquist (args.maxHz).</summary>
        public float MaxHz;

        /// <summary>identify: seconds to blink (args.seconds, 1..600, default 10).</summary>
        public int Seconds;

        /// <summary>baseline_start: windows to learn; 0 = the configured number (args.windows).</summary>
        public int Windows;

        public string Name => Kind > 0 && Kind < Names.Length ? Names[Kind] : null;

        public void Clear()
        {
            Kind = None;
            Id = null;
            Counter = 0;
            Axis = 0;
            SpectrumKind = SpectrumAccel;
            MaxHz = 0;
            Seconds = 10;
            Windows = 0;
        }

        public static int KindOf(string name)
        {
            for (int i = 1; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return i;
                }
            }

            return None;
        }
    }
}
