using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Machines;

/// <summary>
/// The accelerometer on a synthetic machine: reads a window of the shared table at the position the node's clock
/// says (so consecutive bursts are consecutive in time), scaled by this node's gain, with gravity on one axis and
/// clipped at the configured range like a real part.
/// </summary>
public sealed class SyntheticAccelerometer : IAccelerometer
{
    private static readonly int[] SupportedRates = [3200, 1600, 800, 400, 200, 100];

    private readonly WaveformLibrary _library;
    private readonly IClock _clock;
    private readonly long _phaseSamples;
    private readonly float _gain;
    private WaveformTable? _table;
    private float _clip = (float)(16 * WaveformTable.StandardGravity);

    public SyntheticAccelerometer(WaveformLibrary library, MachineSpec spec, IClock clock, long phaseSamples = 0, float gain = 1f)
    {
        _library = library;
        Spec = spec;
        _clock = clock;
        _phaseSamples = phaseSamples;
        _gain = gain;
    }

    public MachineSpec Spec { get; }

    /// <summary>When set, the machine vibrates only while its motor runs (stopped: sensor noise floor only).</summary>
    public MotorLoadProfile? Motor { get; init; }

    /// <summary>Rated current of the motor driving <see cref="Motor"/>, A.</summary>
    private double RatedCurrent => Spec.RatedCurrentA;

    /// <summary>When true the part answers nothing, as a broken cable would.</summary>
    public bool Failed { get; set; }

    public float SampleRateHz { get; private set; }

    /// <summary>The table in use after <see cref="Configure"/>.</summary>
    public WaveformTable? Table => _table;

    public bool Configure(int rangeG, int outputDataRateHz)
    {
        if (Failed || rangeG <= 0 || outputDataRateHz <= 0) return false;
        // Like the ADXL345/355: the nearest supported rate at or above the one asked for (or the highest).
        var rate = SupportedRates[0];
        foreach (var r in SupportedRates)
            if (r >= outputDataRateHz) rate = r;
        SampleRateHz = rate;
        _clip = (float)(rangeG * WaveformTable.StandardGravity);
        _table = _library.Get(Spec, rate);
        return true;
    }

    public int ReadBurst(float[] x, float[] y, float[] z, int count)
    {
        if (Failed) return 0;
        _table ??= _library.Get(Spec, SampleRateHz = SupportedRates[0]);
        count = Math.Min(count, Math.Min(x.Length, Math.Min(y.Length, z.Length)));
        var mask = _table.Length - 1;
        var nowMs = _clock.MonotonicMs;
        var start = (int)((_phaseSamples + nowMs * (long)SampleRateHz / 1000) & mask);
        var gain = _gain;
        if (Motor is not null && Motor.CurrentRms(nowMs / 1000.0, RatedCurrent) <= 0) gain *= 0.02f;
        Fill(_table.AxisArray(0), x, start, count, mask, gain, Spec.GravityAxis == 0);
        Fill(_table.AxisArray(1), y, start, count, mask, gain, Spec.GravityAxis == 1);
        Fill(_table.AxisArray(2), z, start, count, mask, gain, Spec.GravityAxis == 2);
        return count;
    }

    private void Fill(float[] source, float[] target, int start, int count, int mask, float gain, bool gravity)
    {
        var g = gravity ? (float)WaveformTable.StandardGravity : 0f;
        for (var i = 0; i < count; i++)
        {
            var v = source[(start + i) & mask] * gain + g;
            target[i] = Math.Clamp(v, -_clip, _clip);
        }
    }
}
