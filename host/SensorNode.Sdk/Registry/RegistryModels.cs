namespace SensorNode.Sdk.Registry;

/// <summary>Lifecycle of a node in the registry: seen on the feed (discovered) or taken into service by a user (adopted).</summary>
public enum NodeState
{
    Discovered,
    Adopted,
}

public sealed record SiteInfo(string Id, string Name);

/// <summary>A machine the retrofit kit is mounted on. Nameplate fields are what the retrofitter knows.</summary>
public sealed record AssetInfo(
    long Id,
    string SiteId,
    string Name,
    string? Manufacturer = null,
    string? Model = null,
    string? SerialNumber = null,
    string? Location = null);

public sealed record NodeInfo(
    string NodeId,
    string SiteId,
    NodeState State,
    long? AssetId,
    string? DisplayName,
    string? FirmwareVersion,
    string? Board,
    string? ConfigHash,
    DateTimeOffset FirstSeen,
    DateTimeOffset? LastSeen,
    bool Online,
    DateTimeOffset? AdoptedAt,
    string? LastConfigResult);

/// <summary>One sensor a node announced in its birth message.</summary>
public sealed record SensorInfo(string Kind, string? Model, string? Unit, double? SampleRateHz, int? Channels);

public sealed record CalibrationEntry(string NodeId, string Sensor, string Parameter, double Value, DateTimeOffset UpdatedAt);

public sealed record ThresholdEntry(
    string NodeId,
    string Feature,
    double? Warning,
    double? Alarm,
    double? Hysteresis,
    int? OnDelaySeconds,
    DateTimeOffset UpdatedAt);

public sealed record FirmwareInfo(string Version, string Board, string? Sha256, DateTimeOffset AddedAt, string? Notes = null);

/// <summary>What a birth message tells the registry about a node.</summary>
public sealed record NodeBirthInfo(
    string SiteId,
    string NodeId,
    string? FirmwareVersion,
    string? Board,
    string? ConfigHash,
    IReadOnlyList<SensorInfo> Sensors,
    DateTimeOffset SeenAt);

/// <summary>Result of recording a birth: whether the node was new to the registry.</summary>
public enum BirthOutcome
{
    /// <summary>First birth of this node: it is now in state Discovered.</summary>
    NewlyDiscovered,
    /// <summary>Known node (discovered or adopted); its firmware, board, sensors and last seen were updated.</summary>
    Updated,
}

public sealed record LastSeenUpdate(string NodeId, DateTimeOffset SeenAt);

/// <summary>What a user gives when adopting a node: the machine it is mounted on.</summary>
public sealed record AdoptRequest(string NodeId, long AssetId, string? DisplayName = null);
