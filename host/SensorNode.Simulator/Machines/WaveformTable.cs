namespace SensorNode.Simulator.Machines;

/// <summary>
/// One machine's vibration as three read-only periodic acceleration tables (AC part, m/s²), built once per
/// (spec, sample rate) and shared by every node of that kind. Every tone and impact train is snapped to a whole
/// number of cycles over the table, so a node reading across the wrap sees no step: a healthy machine keeps a
/// kurtosis of 3 and no spurious impulse. Gravity is added by the reader.
/// </summary>
public sealed class WaveformTable
{
    /// <summary>Table length: 65536 samples (20 s at 3.2 kHz), a frequency grid of fs/65536 (0.05 Hz at 3.2 kHz).</summary>
    public const int DefaultLength = 1 << 16;

    public const double StandardGravity = 9.80665;

    private readonly float[][] _axes;

    public MachineSpec Spec { get; }

    public double SampleRateHz { get; }

    public int Length { get; }

    /// <summary>Shaft speed after snapping to the table's frequency grid, Hz.</summary>
    public double ShaftHz { get; }

    /// <summary>The defect frequency the impacts actually repeat at (BPFO or BPFI on the grid), Hz; 0 for other kinds.</summary>
    public double DefectHz { get; }

    /// <summary>The resonance the impacts ring, Hz (0 for kinds without impacts).</summary>
    public double ResonanceHz { get; }

    private WaveformTable(MachineSpec spec, double sampleRateHz, int length, float[][] axes, double shaftHz, double defectHz, double resonanceHz)
    {
        Spec = spec;
        SampleRateHz = sampleRateHz;
        Length = length;
        _axes = axes;
        ShaftHz = shaftHz;
        DefectHz = defectHz;
        ResonanceHz = resonanceHz;
    }

    /// <summary>The AC acceleration of one axis (0 = x, 1 = y, 2 = z), m/s². Read-only by contract: shared between nodes.</summary>
    public ReadOnlySpan<float> Axis(int axis) => _axes[axis];

    internal float[] AxisArray(int axis) => _axes[axis];

    public static WaveformTable Build(MachineSpec spec, double sampleRateHz, int length = DefaultLength)
    {
        if (sampleRateHz <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRateHz));
        if (length < 1024 || (length & (length - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(length), "length must be a power of two ≥ 1024");

        var grid = sampleRateHz / length;
        double Snap(double f) => Math.Max(1, Math.Round(f / grid)) * grid;

        var rng = new Random(spec.Seed);
        var axes = new[] { new double[length], new double[length], new double[length] };
        var shaft = Snap(spec.ShaftHz);
        var sev = spec.Severity;

        // Healthy residual every machine has: a little unbalance and 2×.
        AddVelocityTone(axes[0], shaft, 0.55, 0, sampleRateHz);
        AddVelocityTone(axes[1], shaft, 0.45, Math.PI / 2, sampleRateHz);
        AddVelocityTone(axes[2], shaft, 0.20, 0.3, sampleRateHz);
        AddVelocityTone(axes[0], 2 * shaft, 0.15, 1.1, sampleRateHz);
        AddVelocityTone(axes[1], 2 * shaft, 0.12, 2.0, sampleRateHz);

        double defect = 0, resonance = 0;
        switch (spec.Kind)
        {
            case MachineKind.Imbalance:
                // Radial, once per revolution, x and y in quadrature (the heavy spot rotates).
                AddVelocityTone(axes[0], shaft, 6.0 * sev, 0, sampleRateHz);
                AddVelocityTone(axes[1], shaft, 5.2 * sev, Math.PI / 2, sampleRateHz);
                AddVelocityTone(axes[2], shaft, 0.8 * sev, 0.4, sampleRateHz);
                break;
            case MachineKind.Misalignment:
                // Twice per revolution dominates, axial (z) strongest; some 1× and 3×.
                AddVelocityTone(axes[2], 2 * shaft, 4.5 * sev, 0.2, sampleRateHz);
                AddVelocityTone(axes[0], 2 * shaft, 3.0 * sev, 0.9, sampleRateHz);
                AddVelocityTone(axes[1], 2 * shaft, 2.6 * sev, 2.4, sampleRateHz);
                AddVelocityTone(axes[2], shaft, 1.8 * sev, 1.3, sampleRateHz);
                AddVelocityTone(axes[0], shaft, 1.2 * sev, 0.1, sampleRateHz);
                AddVelocityTone(axes[2], 3 * shaft, 1.2 * sev, 2.8, sampleRateHz);
                AddVelocityTone(axes[0], 3 * shaft, 0.8 * sev, 0.5, sampleRateHz);
                break;
            case MachineKind.Looseness:
                // A long harmonic series (a rattling, truncated response) plus half orders.
                for (var k = 1; k <= 12; k++)
                {
                    var v = 2.4 * sev * Math.Pow(0.82, k - 1);
                    AddVelocityTone(axes[0], k * shaft, v, rng.NextDouble() * 2 * Math.PI, sampleRateHz);
                    AddVelocityTone(axes[1], k * shaft, 0.8 * v, rng.NextDouble() * 2 * Math.PI, sampleRateHz);
                    AddVelocityTone(axes[2], k * shaft, 0.3 * v, rng.NextDouble() * 2 * Math.PI, sampleRateHz);
                    if (k % 2 == 1 && k <= 7)
                        AddVelocityTone(axes[0], (k + 0.5) * shaft, 0.35 * v, rng.NextDouble() * 2 * Math.PI, sampleRateHz);
                }
                break;
            case MachineKind.OuterRace:
            case MachineKind.InnerRace:
                var inner = spec.Kind == MachineKind.InnerRace;
                defect = Snap(inner ? spec.Bearing.Bpfi(shaft) : spec.Bearing.Bpfo(shaft));
                resonance = Math.Min(spec.ResonanceHz, 0.36 * sampleRateHz);
                AddImpacts(axes, defect, inner ? shaft : 0, resonance, spec.ResonanceDamping, 14.0 * sev, sampleRateHz, rng);
                // A developed bearing defect also loosens the fit a little: some 1× growth.
                AddVelocityTone(axes[0], shaft, 1.0 * sev, 0.7, sampleRateHz);
                AddVelocityTone(axes[1], shaft, 0.8 * sev, 2.3, sampleRateHz);
                break;
        }

        AddNoise(axes, spec.NoiseRms, rng);

        var tables = new float[3][];
        for (var a = 0; a < 3; a++)
        {
            tables[a] = new float[length];
            for (var i = 0; i < length; i++) tables[a][i] = (float)axes[a][i];
        }

        return new WaveformTable(spec, sampleRateHz, length, tables, shaft, defect, resonance);
    }

    /// <summary>Adds a sine whose velocity RMS is <paramref name="velocityRmsMmS"/>: acceleration peak = v·√2·2πf.</summary>
    private static void AddVelocityTone(double[] axis, double freqHz, double velocityRmsMmS, double phase, double fs)
    {
        if (freqHz >= fs / 2) return;
        var amplitude = velocityRmsMmS / 1000.0 * Math.Sqrt(2) * 2 * Math.PI * freqHz;
        var step = 2 * Math.PI * freqHz / fs;
        for (var i = 0; i < axis.Length; i++) axis[i] += amplitude * Math.Sin(step * i + phase);
    }

    /// <summary>
    /// Impacts at the defect rate, each ringing a damped resonance. Spacing jitters ±1 % (rolling elements slip),
    /// which smears the carrier but keeps the envelope line at the defect rate. With <paramref name="modulationHz"/>
    /// &gt; 0 the impact strength follows 1 + 0.8·cos(2π f t): the inner-race defect rotating through the load zone.
    /// </summary>
    private static void AddImpacts(double[][] axes, double defectHz, double modulationHz, double resonanceHz, double damping,
        double peakAcceleration, double fs, Random rng)
    {
        var length = axes[0].Length;
        var impactCount = (int)Math.Round(defectHz * length / fs);
        var period = (double)length / impactCount;
        var decay = damping * 2 * Math.PI * resonanceHz / fs;
        var ring = 2 * Math.PI * resonanceHz * Math.Sqrt(1 - damping * damping) / fs;
        var responseLength = (int)Math.Ceiling(7 / decay);
        var response = new double[responseLength];
        for (var i = 0; i < responseLength; i++) response[i] = Math.Exp(-decay * i) * Math.Sin(ring * i);

        // The radial axes see the impacts; the axial one a fraction.
        var axisGain = new[] { 1.0, 0.7, 0.25 };
        for (var k = 0; k < impactCount; k++)
        {
            var t = k * period + (rng.NextDouble() - 0.5) * 0.02 * period;
            var start = (int)Math.Round(t);
            var strength = peakAcceleration * (0.85 + 0.3 * rng.NextDouble());
            if (modulationHz > 0) strength *= 1 + 0.8 * Math.Cos(2 * Math.PI * modulationHz * start / fs);
            for (var a = 0; a < 3; a++)
            {
                var gain = strength * axisGain[a];
                var axis = axes[a];
                for (var i = 0; i < responseLength; i++) axis[(start + i) & (length - 1)] += gain * response[i];
            }
        }
    }

    private static void AddNoise(double[][] axes, double rms, Random rng)
    {
        foreach (var axis in axes)
        {
            for (var i = 0; i < axis.Length; i++)
            {
                // Box-Muller.
                var u1 = 1.0 - rng.NextDouble();
                var u2 = rng.NextDouble();
                axis[i] += rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
        }
    }
}
