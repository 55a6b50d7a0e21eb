using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Machines;

/// <summary>Bearing-housing temperature: ambient plus a rise that depends on the fault (a failing bearing runs hot),
/// a slow drift and sensor noise.</summary>
public sealed class SyntheticTemperatureSensor(MachineSpec spec, IClock clock, int seed = 3) : ITemperatureSensor
{
    private readonly Random _noise = new(seed);

    public bool Failed { get; set; }

    public double AmbientC { get; init; } = 24;

    public bool TryRead(out float celsius)
    {
        celsius = 0;
        if (Failed) return false;
        var rise = spec.Kind switch
        {
            MachineKind.OuterRace or MachineKind.InnerRace => 26 * spec.Severity,
            MachineKind.Misalignment => 14 * spec.Severity,
            _ => 11,
        };
        var t = clock.MonotonicMs / 1000.0;
        celsius = (float)(AmbientC + rise * (0.7 + 0.3 * (1 - Math.Exp(-t / 600))) + 0.8 * Math.Sin(2 * Math.PI * t / 900) + (_noise.NextDouble() - 0.5) * 0.2);
        return true;
    }
}
