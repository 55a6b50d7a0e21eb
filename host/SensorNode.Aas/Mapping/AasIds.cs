namespace SensorNode.Aas.Mapping;

/// <summary>
/// The identifier scheme. Machine-specific ids hang below <see cref="AasMappingOptions.IdBase"/>
/// (default <c>urn:sensornode</c>: <c>urn:sensornode:aas:&lt;site&gt;:&lt;assetKey&gt;</c>, assetKey = registry key or
/// node id; an https base gives
/// <c>https://…/aas/&lt;site&gt;/&lt;assetKey&gt;</c>). Concept descriptions are the project's own, fixed and shared
/// by every machine: <c>urn:sensornode:cd:1:0:&lt;Concept&gt;</c>.
/// </summary>
public sealed class AasIds
{
    public const string ConceptPrefix = "urn:sensornode:cd:1:0:";

    private readonly string _base;
    private readonly bool _urn;

    public AasIds(string idBase)
    {
        if (string.IsNullOrWhiteSpace(idBase)) throw new ArgumentException("The id base must not be empty.", nameof(idBase));
        _urn = idBase.StartsWith("urn:", StringComparison.OrdinalIgnoreCase);
        _base = _urn ? idBase.TrimEnd(':') : idBase.TrimEnd('/');
    }

    public static string Concept(string name) => ConceptPrefix + name;

    public string Asset(string site, string assetKey) => Join("asset", site, assetKey);

    public string Shell(string site, string assetKey) => Join("aas", site, assetKey);

    public string Submodel(string site, string assetKey, string kind) => Join("sm", site, assetKey, kind);

    /// <summary>The asset key used in ids: the registry's key for the asset when given, else the node id (unique
    /// per site, so two machines with the same name never clash). Throws for a key outside [A-Za-z0-9_-]{1,64}.</summary>
    public static string AssetKeyOf(MachineDescription m)
    {
        string key = m.AssetKey ?? m.NodeId;
        if (key.Length is 0 or > 64 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Asset key '{key}' must be 1-64 of A-Z a-z 0-9 - _.", nameof(m));
        return key;
    }

    private string Join(params string[] parts) =>
        _urn ? _base + ":" + string.Join(':', parts) : _base + "/" + string.Join('/', parts.Select(Uri.EscapeDataString));
}

/// <summary>Options of the machine → AAS mapping.</summary>
public sealed class AasMappingOptions
{
    /// <summary>Base of machine-specific ids (an URN or an https IRI the plant owns).</summary>
    public string IdBase { get; set; } = "urn:sensornode";

    /// <summary>The broker named in the AAS (Time Series LinkedSegment, Asset Interfaces Description) for machines whose
    /// description names none: the broker the host itself consumes the feed from.</summary>
    public MqttEndpoint Broker { get; set; } = new("127.0.0.1", 1883, UseTls: false, RequiresCredentials: false);

    /// <summary>How many recent records the Time Series internal segment keeps.</summary>
    public int TimeSeriesCapacity { get; set; } = 60;

    /// <summary>Features written as time-series variables (per axis where the feature is per axis).</summary>
    public IReadOnlyList<string> TimeSeriesKeys { get; set; } = ["vrms", "arms", "temp", "irms"];

    /// <summary>Nominal telemetry interval of the nodes, written as SamplingInterval (seconds); null = unknown.</summary>
    public int? TelemetryIntervalSeconds { get; set; } = 10;

    internal void Validate()
    {
        if (TimeSeriesCapacity is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(TimeSeriesCapacity), "1..10000");
        foreach (var key in TimeSeriesKeys)
            if (!FeatureCatalog.TryGet(key, out var f) || f.ValueType != Model.DataTypeDefXsd.Double)
                throw new ArgumentException($"'{key}' is not a numeric feature key.", nameof(TimeSeriesKeys));
        _ = new AasIds(IdBase);
    }
}
