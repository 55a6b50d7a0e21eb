using SensorNode.Core.Features;
using SensorNode.Core.Protocol;

namespace SensorNode.Aas.Mapping;

/// <summary>The kind of a sensor wired to a node.</summary>
public enum SensorKind { Accelerometer, Temperature, Current }

/// <summary>One sensor of the node (e.g. ADXL345 accelerometer on the drive-end bearing).</summary>
public sealed record SensorDescription(SensorKind Kind, string Model, string? MountingLocation = null);

/// <summary>Where the node publishes: MQTT broker and the protocol's topic root.</summary>
public sealed record MqttEndpoint(string Host, int Port = 8883, bool UseTls = true, bool RequiresCredentials = true)
{
    /// <summary>The protocol's topic root (firmware/SensorNode.Core/Protocol/Topics.cs).</summary>
    public string TopicRoot { get; init; } = Topics.Root;

    public string BaseUri => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}

/// <summary>
/// What the retrofitter and the node know about one monitored machine. Site and NodeId follow the topic
/// segment rules (1–32 of A–Z a–z 0–9 - _); AssetName is free text (Korean welcome) and becomes the shell's
/// displayName, its sanitized form the idShort.
/// </summary>
public sealed record MachineDescription
{
    public required string Site { get; init; }
    public required string AssetName { get; init; }
    public required string NodeId { get; init; }

    /// <summary>Stable key of the asset in the registry; the sanitized asset name when absent. Used in the ids.</summary>
    public string? AssetKey { get; init; }

    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? SerialNumber { get; init; }
    public int? YearOfConstruction { get; init; }
    public string? Location { get; init; }
    public string? ProductUri { get; init; }
    public string? OrderCode { get; init; }

    /// <summary>The node's firmware version and board (they describe the sensor, not the machine).</summary>
    public string? FirmwareVersion { get; init; }
    public string? Board { get; init; }
    public IReadOnlyList<SensorDescription> Sensors { get; init; } = [];

    /// <summary>Number of vibration axes the node reports (1–3).</summary>
    public int AxisCount { get; init; } = 3;

    /// <summary>The broker consumers reach the node's feed on; AasMappingOptions.Broker when null.</summary>
    public MqttEndpoint? Broker { get; init; }

    /// <summary>Language of AssetName/Location; detected (Hangul → "ko", else "en") when null.</summary>
    public string? Language { get; init; }

    internal bool Has(SensorKind kind) => Sensors.Count == 0 || Sensors.Any(s => s.Kind == kind);
}

/// <summary>
/// One reading keyed by the MeasurementRecord JSON key ("vrms", "temp", "irms" …). Per-axis features need
/// Axis "x"/"y"/"z". Unit is optional; when given it must match the feature's unit (AAS symbol such as "m/s²"
/// or the protocol spelling "m/s2"). "zone" takes 0..3 for A..D, "run" 1/0.
/// </summary>
public readonly record struct Reading(string Key, double Value, string? Axis = null, string? Unit = null);

/// <summary>One telemetry message of a node: its readings with the UTC measurement time.</summary>
public sealed record TelemetrySample(string NodeId, DateTimeOffset Timestamp, IReadOnlyList<Reading> Readings)
{
    public uint? Sequence { get; init; }

    /// <summary>Backfilled from the node's store-and-forward queue: goes to the time series, not the live values.</summary>
    public bool Historical { get; init; }

    /// <summary>Sensor status bits (MeasurementRecord.Status*).</summary>
    public int Status { get; init; }

    /// <summary>Every value the record carries, as the telemetry encoder writes it (failed sensors are left out).
    /// When the node's clock was not synced (<c>tsync</c> false, <c>ts</c> is then time since boot) the host's
    /// <paramref name="receivedAt"/> is used as the measurement time if given.</summary>
    public static TelemetrySample FromRecord(string nodeId, MeasurementRecord r, DateTimeOffset? receivedAt = null)
    {
        var list = new List<Reading>(64);
        int axes = Math.Min(r.AxisCount, MeasurementRecord.MaxAxes);
        if ((r.Status & MeasurementRecord.StatusAccelerometerFailed) == 0)
        {
            for (int a = 0; a < axes; a++)
            {
                string ax = FeatureKeys.AxisNames[a];
                list.Add(new("vrms", r.VelocityRms[a], ax));
                list.Add(new("arms", r.AccelerationRms[a], ax));
                list.Add(new("hf", r.HighFrequencyRms[a], ax));
                list.Add(new("pk", r.Peak[a], ax));
                list.Add(new("p2p", r.PeakToPeak[a], ax));
                list.Add(new("cf", r.CrestFactor[a], ax));
                list.Add(new("kurt", r.Kurtosis[a], ax));
                list.Add(new("skew", r.Skewness[a], ax));
                list.Add(new("dc", r.Mean[a], ax));
                if (r.IsoZone[a] is >= 0 and <= 3) list.Add(new("zone", r.IsoZone[a], ax));
                list.Add(new("o1", r.Order1[a], ax));
                list.Add(new("o2", r.Order2[a], ax));
                list.Add(new("o3", r.Order3[a], ax));
                list.Add(new("bpfo", r.Bpfo[a], ax));
                list.Add(new("bpfi", r.Bpfi[a], ax));
                list.Add(new("bsf", r.Bsf[a], ax));
                list.Add(new("ftf", r.Ftf[a], ax));
                list.Add(new("fpk", r.DominantFrequency[a], ax));
            }
        }
        list.Add(new("shaft", r.ShaftSpeedHz));
        if ((r.Status & MeasurementRecord.StatusTemperatureFailed) == 0) list.Add(new("temp", r.TemperatureC));
        if (r.HasCurrent && (r.Status & MeasurementRecord.StatusCurrentFailed) == 0)
        {
            list.Add(new("irms", r.CurrentRms));
            list.Add(new("icf", r.CurrentCrestFactor));
            list.Add(new("hz", r.LineFrequencyHz));
            list.Add(new("thd", r.CurrentThdPercent));
            list.Add(new("va", r.ApparentPowerVa));
            list.Add(new("kwh", r.EnergyKwh));
            list.Add(new("run", r.Running ? 1 : 0));
            list.Add(new("runh", r.RunHours));
            list.Add(new("starts", r.StartCount));
        }
        var time = !r.TimeSynced && receivedAt is { } at ? at : DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampUnixMs);
        return new TelemetrySample(nodeId, time, list)
        {
            Sequence = r.Sequence,
            Historical = r.Historical,
            Status = r.Status,
        };
    }
}

/// <summary>A reading that was not applied, and why.</summary>
public sealed record RejectedReading(Reading Reading, string Reason);

/// <summary>Outcome of one update: how many readings were applied and every rejected one with its reason.</summary>
public sealed record ReadingUpdateResult(int Applied, IReadOnlyList<RejectedReading> Rejected)
{
    public static readonly ReadingUpdateResult UnknownNode = new(0, []) { NodeKnown = false };
    public bool NodeKnown { get; init; } = true;
}
