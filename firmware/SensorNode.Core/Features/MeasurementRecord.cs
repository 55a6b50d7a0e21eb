namespace SensorNode.Core.Features
{
    /// <summary>
    /// Everything one measurement window produced: the contract between the DSP (which fills it), the alarm
    /// engine, the encoder (which writes it as telemetry) and the store-and-forward queue (which keeps copies).
    /// Allocated once; <see cref="CopyFrom"/> reuses the arrays, so the steady state allocates nothing.
    /// Units are SI except where the trade uses others (velocity in mm/s, energy in kWh).
    /// The telemetry JSON key of each value is given as "json:".
    /// </summary>
    public sealed class MeasurementRecord
    {
        public const int MaxAxes = 3;

        /// <summary>Sensor status bits (json: "st").</summary>
        public const int StatusAccelerometerFailed = 1;
        public const int StatusTemperatureFailed = 2;
        public const int StatusCurrentFailed = 4;
        public const int StatusClockNotSynced = 8;

        /// <summary>Per-node message sequence, assigned when the record is published or queued (json: "seq").</summary>
        public uint Sequence;

        /// <summary>UTC measurement time, Unix milliseconds, of the end of the window (json: "ts").</summary>
        public long TimestampUnixMs;

        /// <summary>False until the node clock was synced (SNTP); ts is then time since boot (json: "tsync").</summary>
        public bool TimeSynced;

        /// <summary>True when sent from the store-and-forward queue after an outage (json: "hist").</summary>
        public bool Historical;

        /// <summary>Bit set of Status* values (json: "st").</summary>
        public int Status;

        /// <summary>How many vibration axes carry values (0 when the accelerometer failed).</summary>
        public int AxisCount;

        // Per axis, index 0 = x, 1 = y, 2 = z (json object "vib": {"x": {...}, "y": {...}, "z": {...}}).
        /// <summary>Velocity RMS over the configured band, mm/s (json: "vrms").</summary>
        public readonly float[] VelocityRms = new float[MaxAxes];
        /// <summary>AC acceleration RMS, whole band, m/s² (json: "arms").</summary>
        public readonly float[] AccelerationRms = new float[MaxAxes];
        /// <summary>Acceleration RMS over the configured high-frequency band, m/s² (json: "hf").</summary>
        public readonly float[] HighFrequencyRms = new float[MaxAxes];
        /// <summary>Peak |a - mean|, m/s² (json: "pk").</summary>
        public readonly float[] Peak = new float[MaxAxes];
        /// <summary>Peak-to-peak, m/s² (json: "p2p").</summary>
        public readonly float[] PeakToPeak = new float[MaxAxes];
        /// <summary>Crest factor, peak / AC RMS (json: "cf").</summary>
        public readonly float[] CrestFactor = new float[MaxAxes];
        /// <summary>Kurtosis (Gaussian = 3; excess = kurt - 3) (json: "kurt").</summary>
        public readonly float[] Kurtosis = new float[MaxAxes];
        /// <summary>Skewness (json: "skew").</summary>
        public readonly float[] Skewness = new float[MaxAxes];
        /// <summary>Mean (DC, gravity), m/s² (json: "dc").</summary>
        public readonly float[] Mean = new float[MaxAxes];
        /// <summary>ISO zone of the velocity RMS: 0 = A, 1 = B, 2 = C, 3 = D (json: "zone" as "A".."D").</summary>
        public readonly int[] IsoZone = new int[MaxAxes];
        /// <summary>Velocity amplitude at 1×, 2×, 3× shaft speed, mm/s RMS (json: "o1", "o2", "o3").</summary>
        public readonly float[] Order1 = new float[MaxAxes];
        public readonly float[] Order2 = new float[MaxAxes];
        public readonly float[] Order3 = new float[MaxAxes];
        /// <summary>Envelope-spectrum amplitude at the bearing defect frequencies, m/s² (json: "bpfo", "bpfi", "bsf", "ftf").</summary>
        public readonly float[] Bpfo = new float[MaxAxes];
        public readonly float[] Bpfi = new float[MaxAxes];
        public readonly float[] Bsf = new float[MaxAxes];
        public readonly float[] Ftf = new float[MaxAxes];
        /// <summary>Frequency of the largest spectral peak, Hz (json: "fpk").</summary>
        public readonly float[] DominantFrequency = new float[MaxAxes];

        /// <summary>Shaft speed used for orders and bearing frequencies, Hz (json: "shaft"); 0 when unknown.</summary>
        public float ShaftSpeedHz;

        /// <summary>Smoothed temperature, °C (json: "temp"); valid only without StatusTemperatureFailed.</summary>
        public float TemperatureC;

        /// <summary>Whether a current channel is configured and measured (json object "cur" present).</summary>
        public bool HasCurrent;
        /// <summary>RMS current, A (json: "irms").</summary>
        public float CurrentRms;
        /// <summary>Current crest factor (json: "icf").</summary>
        public float CurrentCrestFactor;
        /// <summary>Line frequency, Hz (json: "hz").</summary>
        public float LineFrequencyHz;
        /// <summary>THD over harmonics 2..N, percent of the fundamental (json: "thd").</summary>
        public float CurrentThdPercent;
        /// <summary>Apparent power from nominal voltage, VA (json: "va").</summary>
        public float ApparentPowerVa;
        /// <summary>Accumulated energy, kWh (json: "kwh").</summary>
        public double EnergyKwh;
        /// <summary>Machine running by the current threshold with hysteresis (json: "run").</summary>
        public bool Running;
        /// <summary>Accumulated run hours (json: "runh").</summary>
        public double RunHours;
        /// <summary>Starts counted (idle → running transitions) (json: "starts").</summary>
        public int StartCount;

        /// <summary>Copies every value from <paramref name="other"/> without allocating.</summary>
        public void CopyFrom(MeasurementRecord other)
        {
            Sequence = other.Sequence;
            TimestampUnixMs = other.TimestampUnixMs;
            TimeSynced = other.TimeSynced;
            Historical = other.Historical;
            Status = other.Status;
            AxisCount = other.AxisCount;
            System.Array.Copy(other.VelocityRms, VelocityRms, MaxAxes);
            System.Array.Copy(other.AccelerationRms, AccelerationRms, MaxAxes);
            System.Array.Copy(other.HighFrequencyRms, HighFrequencyRms, MaxAxes);
            System.Array.Copy(other.Peak, Peak, MaxAxes);
            System.Array.Copy(other.PeakToPeak, PeakToPeak, MaxAxes);
            System.Array.Copy(other.CrestFactor, CrestFactor, MaxAxes);
            System.Array.Copy(other.Kurtosis, Kurtosis, MaxAxes);
            System.Array.Copy(other.Skewness, Skewness, MaxAxes);
            System.Array.Copy(other.Mean, Mean, MaxAxes);
            System.Array.Copy(other.IsoZone, IsoZone, MaxAxes);
            System.Array.Copy(other.Order1, Order1, MaxAxes);
            System.Array.Copy(other.Order2, Order2, MaxAxes);
            System.Array.Copy(other.Order3, Order3, MaxAxes);
            System.Array.Copy(other.Bpfo, Bpfo, MaxAxes);
            System.Array.Copy(other.Bpfi, Bpfi, MaxAxes);
            System.Array.Copy(other.Bsf, Bsf, MaxAxes);
            System.Array.Copy(other.Ftf, Ftf, MaxAxes);
            System.Array.Copy(other.DominantFrequency, DominantFrequency, MaxAxes);
            ShaftSpeedHz = other.ShaftSpeedHz;
            TemperatureC = other.TemperatureC;
            HasCurrent = other.HasCurrent;
            CurrentRms = other.CurrentRms;
            CurrentCrestFactor = other.CurrentCrestFactor;
            LineFrequencyHz = other.LineFrequencyHz;
            CurrentThdPercent = other.CurrentThdPercent;
            ApparentPowerVa = other.ApparentPowerVa;
            EnergyKwh = other.EnergyKwh;
            Running = other.Running;
            RunHours = other.RunHours;
            StartCount = other.StartCount;
        }
    }
}
