namespace SensorNode.Simulator.Machines;

/// <summary>What a synthetic machine is: its fault, speed, bearing, structure and motor. Nodes built from equal
/// specs share one set of read-only waveform tables.</summary>
public sealed record MachineSpec
{
    public MachineKind Kind { get; init; } = MachineKind.Healthy;

    /// <summary>Shaft speed, Hz (24.75 Hz = 1485 r/min, a 4-pole motor at 50 Hz with 1 % slip).</summary>
    public double ShaftHz { get; init; } = 24.75;

    /// <summary>Scales the fault's signature (1 = a clearly developed fault, zone C or worse where the fault raises velocity).</summary>
    public double Severity { get; init; } = 1.0;

    public MachineBearing Bearing { get; init; } = MachineBearing.Skf6205;

    /// <summary>The structural resonance bearing impacts ring, Hz; capped below Nyquist when the table is built.</summary>
    public double ResonanceHz { get; init; } = 1150;

    /// <summary>Damping ratio of that resonance.</summary>
    public double ResonanceDamping { get; init; } = 0.04;

    /// <summary>Broadband sensor + machine noise per axis, m/s² RMS.</summary>
    public double NoiseRms { get; init; } = 0.04;

    /// <summary>Index of the axis that carries gravity (2 = z, sensor mounted upright).</summary>
    public int GravityAxis { get; init; } = 2;

    /// <summary>Motor rated current, A RMS.</summary>
    public double RatedCurrentA { get; init; } = 12;

    /// <summary>Mains frequency, Hz.</summary>
    public double LineHz { get; init; } = 50;

    /// <summary>Seed of the table's random parts (noise, phases, impact jitter).</summary>
    public int Seed { get; init; } = 17;

    public double Bpfo => Bearing.Bpfo(ShaftHz);

    public double Bpfi => Bearing.Bpfi(ShaftHz);

    public static MachineSpec For(MachineKind kind) => new() { Kind = kind };

    /// <summary>Parses "healthy", "imbalance", "misalignment", "looseness", "outer-race", "inner-race" (case-insensitive).</summary>
    public static bool TryParseKind(string text, out MachineKind kind)
    {
        var normalized = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse(normalized, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    public static string KindName(MachineKind kind) => kind switch
    {
        MachineKind.OuterRace => "outer-race",
        MachineKind.InnerRace => "inner-race",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
