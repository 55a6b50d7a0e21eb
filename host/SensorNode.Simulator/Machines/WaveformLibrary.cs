using System.Collections.Concurrent;

namespace SensorNode.Simulator.Machines;

/// <summary>Builds each (machine spec, sample rate) table once and hands the same read-only instance to every node
/// that asks: ten thousand healthy nodes cost one table (768 KB), not ten thousand.</summary>
public sealed class WaveformLibrary
{
    private readonly ConcurrentDictionary<(MachineSpec Spec, double Rate), Lazy<WaveformTable>> _tables = new();
    private readonly ConcurrentDictionary<(int Rate, double LineHz), Lazy<float[]>> _lineCycles = new();

    public int TableCount => _tables.Count;

    public WaveformTable Get(MachineSpec spec, double sampleRateHz) =>
        _tables.GetOrAdd((spec, sampleRateHz), key => new Lazy<WaveformTable>(() => WaveformTable.Build(key.Spec, key.Rate))).Value;

    /// <summary>One second of the unit motor-current waveform at <paramref name="sampleRateHz"/>: the fundamental
    /// with 3 % third and 2 % fifth harmonic (a six-pulse-free induction motor on a slightly distorted grid),
    /// normalised to 1 A RMS. One second holds a whole number of mains cycles, so it wraps seamlessly.</summary>
    public float[] UnitCurrentSecond(int sampleRateHz, double lineHz) =>
        _lineCycles.GetOrAdd((sampleRateHz, lineHz), key => new Lazy<float[]>(() =>
        {
            var table = new float[key.Rate];
            var norm = 1 / Math.Sqrt((1 + 0.03 * 0.03 + 0.02 * 0.02) / 2);
            for (var i = 0; i < table.Length; i++)
            {
                var w = 2 * Math.PI * key.LineHz * i / key.Rate;
                table[i] = (float)(norm * (Math.Sin(w) + 0.03 * Math.Sin(3 * w + 0.4) + 0.02 * Math.Sin(5 * w + 1.1)));
            }
            return table;
        })).Value;
}
