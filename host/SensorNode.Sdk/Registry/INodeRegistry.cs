namespace SensorNode.Sdk.Registry;

/// <summary>
/// The node registry: sites, assets (machines), nodes, their sensors, calibration, thresholds, firmware and last
/// seen. <see cref="SqliteNodeRegistry"/> is the single-host implementation; a PostgreSQL implementation for
/// several host instances sharing one registry can implement this same interface.
/// </summary>
public interface INodeRegistry : IAsyncDisposable
{
    /// <summary>Schema version the store is at after opening (see the migrations).</summary>
    int SchemaVersion { get; }

    Task UpsertSiteAsync(SiteInfo site, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<SiteInfo>> ListSitesAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a machine and returns its id. The site is created if it does not exist.</summary>
    Task<long> AddAssetAsync(AssetInfo asset, CancellationToken cancellationToken = default);
    Task<AssetInfo?> GetAssetAsync(long assetId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<AssetInfo>> ListAssetsAsync(string? siteId = null, CancellationToken cancellationToken = default);

    /// <summary>Records a birth: a new node becomes Discovered; a known one keeps its state and gets the new details.</summary>
    Task<BirthOutcome> RecordBirthAsync(NodeBirthInfo birth, CancellationToken cancellationToken = default);

    /// <summary>Moves last seen forward (never back) for several nodes in one transaction. Unknown nodes are ignored.</summary>
    Task RecordLastSeenAsync(IReadOnlyCollection<LastSeenUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>Records the retained online/offline status.</summary>
    Task SetOnlineAsync(string nodeId, bool online, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<NodeInfo?> GetNodeAsync(string nodeId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<NodeInfo>> ListNodesAsync(NodeState? state = null, string? siteId = null, CancellationToken cancellationToken = default);

    /// <summary>Takes a discovered node into service on a machine. Throws <see cref="RegistryException"/> for an
    /// unknown node or asset, or an asset on another site.</summary>
    Task AdoptAsync(AdoptRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a node with its sensors, calibration, thresholds and key. Returns false if unknown.
    /// If it births again it comes back as Discovered.</summary>
    Task<bool> RemoveAsync(string nodeId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SensorInfo>> GetSensorsAsync(string nodeId, CancellationToken cancellationToken = default);

    Task SetCalibrationAsync(CalibrationEntry entry, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CalibrationEntry>> GetCalibrationAsync(string nodeId, CancellationToken cancellationToken = default);

    Task SetThresholdAsync(ThresholdEntry entry, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ThresholdEntry>> GetThresholdsAsync(string nodeId, CancellationToken cancellationToken = default);

    Task AddFirmwareAsync(FirmwareInfo firmware, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<FirmwareInfo>> ListFirmwareAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the node's command key (set during serial provisioning). Secret: never logged.</summary>
    Task SetNodeKeyAsync(string nodeId, byte[] key, CancellationToken cancellationToken = default);
    Task<byte[]?> GetNodeKeyAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Reserves the next command counter for a node (monotonic across host restarts; the node rejects a
    /// counter it has seen, which stops replays). Durable before it returns.</summary>
    Task<long> ReserveCommandCounterAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of the last config push ("applied", "rejected: ...", "no answer").</summary>
    Task SetConfigResultAsync(string nodeId, string result, string? configHash, CancellationToken cancellationToken = default);
}

/// <summary>A registry operation was refused (unknown node, unknown asset, schema newer than this SDK...).</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(string message, Exception? inner = null) : base(message, inner) { }
}
