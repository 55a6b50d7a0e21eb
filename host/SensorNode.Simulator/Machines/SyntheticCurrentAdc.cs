using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Machines;

/// <summary>
/// The 12-bit ADC behind a CT clamp on the synthetic motor: mid-rail bias, the load profile's RMS current times a
/// shared one-second unit waveform, one code of noise. Calibration defaults are the SCT-013-000 (2000 turns) with a
/// 22 Ω burden on a 3.3 V ADC: 0.011 V/A, 13.65 codes/A.
/// </summary>
public sealed class SyntheticCurrentAdc : ICurrentAdc
{
    private readonly WaveformLibrary _library;
    private readonly MachineSpec _spec;
    private readonly MotorLoadProfile _profile;
    private readonly IClock _clock;
    private readonly Random _noise;

    public SyntheticCurrentAdc(WaveformLibrary library, MachineSpec spec, MotorLoadProfile profile, IClock clock, int seed = 1)
    {
        _library = library;
        _spec = spec;
        _profile = profile;
        _clock = clock;
        _noise = new Random(seed);
    }

    public int MaxCode => 4095;

    public double TurnsRatio { get; init; } = 2000;

    public double BurdenOhms { get; init; } = 22;

    public double AdcReferenceVolts { get; init; } = 3.3;

    public int BiasCode { get; init; } = 2048;

    public bool Failed { get; set; }

    public double CodesPerAmp => BurdenOhms / TurnsRatio / AdcReferenceVolts * (MaxCode + 1);

    /// <summary>The RMS current the profile asks for right now, A (what the node should measure).</summary>
    public double ExpectedRms => _profile.CurrentRms(_clock.MonotonicMs / 1000.0, _spec.RatedCurrentA);

    public int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz)
    {
        achievedRateHz = 0;
        if (Failed || targetRateHz <= 0) return 0;
        count = Math.Min(count, codes.Length);
        var unit = _library.UnitCurrentSecond(targetRateHz, _spec.LineHz);
        var startMs = _clock.MonotonicMs;
        var startIndex = (int)(startMs * targetRateHz / 1000 % targetRateHz);
        var scale = CodesPerAmp;
        for (var i = 0; i < count; i++)
        {
            // The envelope changes slowly: evaluate it every 64 samples, not per sample.
            if ((i & 63) == 0) scale = CodesPerAmp * _profile.CurrentRms(startMs / 1000.0 + (double)i / targetRateHz, _spec.RatedCurrentA);
            var code = BiasCode + unit[(startIndex + i) % targetRateHz] * scale + (_noise.NextDouble() - 0.5) * 2;
            codes[i] = (ushort)Math.Clamp((int)Math.Round(code), 0, MaxCode);
        }
        // A paced ADC on the ESP32 lands a fraction of a percent under the asked rate.
        achievedRateHz = targetRateHz * 0.9985f;
        return count;
    }
}
