using SensorNode.Simulator.Machines;

namespace SensorNode.Simulator;

/// <summary>A feature threshold written into a virtual node's config (feature keys as in the telemetry JSON).</summary>
public sealed record ThresholdSpec(string Feature, float Warning, float Alarm, int Axis = -1, float Hysteresis = 0, int OnDelayWindows = 2);

/// <summary>Everything one virtual node is: identity, machine, broker login and the config it boots with.</summary>
public sealed record VirtualNodeOptions
{
    public required string NodeId { get; init; }

    public required string Site { get; init; }

    public string AssetName { get; init; } = "";

    public MachineSpec Machine { get; init; } = new();

    public MotorLoadProfile Motor { get; init; } = MotorLoadProfile.Continuous;

    public required string BrokerHost { get; init; }

    public int BrokerPort { get; init; } = 1883;

    public bool BrokerTls { get; init; }

    public string? BrokerCaPem { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Key for signed config and commands (null: the node accepts none until provisioned with one).</summary>
    public byte[]? CommandKey { get; init; }

    public int ReportIntervalSeconds { get; init; } = 10;

    public int AlarmReportIntervalSeconds { get; init; } = 2;

    public int HealthIntervalSeconds { get; init; } = 60;

    public IReadOnlyList<ThresholdSpec> Thresholds { get; init; } = [];

    /// <summary>Baseline windows before learned thresholds apply.</summary>
    public int BaselineWindows { get; init; } = 300;

    /// <summary>Where this node starts reading its machine's shared table (spreads identical nodes apart).</summary>
    public long PhaseSamples { get; init; }

    /// <summary>This node's amplitude relative to its kind (mounting, machine-to-machine spread).</summary>
    public float Gain { get; init; } = 1f;

    public int Seed { get; init; } = 1;
}
