using SensorNode.Aas.Mapping;
using SensorNode.Aas.Model;

namespace SensorNode.Aas;

/// <summary>Ids of one machine's AAS, for logs, links and API calls.</summary>
public sealed record MachineAasInfo(string NodeId, string ShellId, string ShellIdShort, string GlobalAssetId,
    string NameplateId, string ConditionId, string TimeSeriesId, string InterfacesId);

/// <summary>A read-only view of the repository's content, valid only inside <see cref="IAasRepository.Read{T}"/>.</summary>
public interface IAasView
{
    /// <summary>Shells ordered by id (ordinal): the order the API pages through.</summary>
    IReadOnlyList<AssetAdministrationShell> Shells { get; }

    /// <summary>Submodels ordered by id (ordinal).</summary>
    IReadOnlyList<Submodel> Submodels { get; }

    /// <summary>Concept descriptions ordered by id (ordinal).</summary>
    IReadOnlyList<ConceptDescription> ConceptDescriptions { get; }

    AssetAdministrationShell? FindShell(string id);
    Submodel? FindSubmodel(string id);
    ConceptDescription? FindConceptDescription(string id);

    /// <summary>The whole content as an environment (live objects: serialize it inside the Read call).</summary>
    AasEnvironment ToEnvironment();
}

/// <summary>
/// The AAS store the HTTP API serves and the MQTT feed pushes into. Thread-safe: writers and readers are
/// serialized, so a reader never sees half an update.
/// </summary>
public interface IAasRepository
{
    /// <summary>Creates or replaces the shell and submodels of the machine monitored by <c>machine.NodeId</c>
    /// (call it on every birth: live values and recent records survive a replacement).
    /// Throws ArgumentException for a description that cannot be mapped; the previous state then stays.</summary>
    MachineAasInfo UpsertMachine(MachineDescription machine);

    bool RemoveMachine(string nodeId);

    /// <summary>Applies one telemetry message of a node. Unknown nodes are reported, not thrown.</summary>
    ReadingUpdateResult UpdateReadings(TelemetrySample sample);

    /// <summary>Sets the node's Online property; false when the node is unknown.</summary>
    bool SetOnline(string nodeId, bool online);

    MachineAasInfo? GetMachine(string nodeId);

    IReadOnlyList<MachineAasInfo> Machines { get; }

    /// <summary>Runs <paramref name="reader"/> with a consistent view (no update runs meanwhile). Serialize inside it.</summary>
    T Read<T>(Func<IAasView, T> reader);

    /// <summary>Increases with every change (for caches and tests).</summary>
    long Version { get; }
}

/// <summary>The in-memory repository: one <see cref="MachineTwin"/> per node.</summary>
public sealed class AasRepository : IAasRepository
{
    private readonly object _gate = new();
    private readonly Dictionary<string, MachineTwin> _machines = new(StringComparer.Ordinal);
    private readonly AasMappingOptions _options;
    private readonly TimeProvider _time;
    private View _view = View.Empty;
    private long _version;

    public AasRepository(AasMappingOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new AasMappingOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    public long Version => Interlocked.Read(ref _version);

    public MachineAasInfo UpsertMachine(MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        lock (_gate)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (node, twin) in _machines)
                if (node != machine.NodeId) taken.Add(twin.Shell.IdShort!);
            string idShort = IdShortSanitizer.MakeUnique(IdShortSanitizer.Sanitize(machine.AssetName, "Machine"), taken);
            var created = new MachineTwin(machine, _options, idShort);

            foreach (var (node, twin) in _machines)
                if (node != machine.NodeId && twin.Shell.Id == created.Shell.Id)
                    throw new ArgumentException($"Node '{node}' already publishes the shell '{created.Shell.Id}' (same site and asset key).", nameof(machine));

            if (_machines.TryGetValue(machine.NodeId, out var previous)) created.CarryOver(previous);
            _machines[machine.NodeId] = created;
            Rebuild();
            return Info(created);
        }
    }

    public bool RemoveMachine(string nodeId)
    {
        lock (_gate)
        {
            if (!_machines.Remove(nodeId)) return false;
            Rebuild();
            return true;
        }
    }

    public ReadingUpdateResult UpdateReadings(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (_gate)
        {
            if (!_machines.TryGetValue(sample.NodeId, out var twin)) return ReadingUpdateResult.UnknownNode;
            var result = twin.Apply(sample, _time.GetUtcNow());
            Interlocked.Increment(ref _version);
            return result;
        }
    }

    public bool SetOnline(string nodeId, bool online)
    {
        lock (_gate)
        {
            if (!_machines.TryGetValue(nodeId, out var twin)) return false;
            twin.SetOnline(online);
            Interlocked.Increment(ref _version);
            return true;
        }
    }

    public MachineAasInfo? GetMachine(string nodeId)
    {
        lock (_gate) return _machines.TryGetValue(nodeId, out var t) ? Info(t) : null;
    }

    public IReadOnlyList<MachineAasInfo> Machines
    {
        get { lock (_gate) return _machines.Values.Select(Info).OrderBy(i => i.ShellId, StringComparer.Ordinal).ToList(); }
    }

    public T Read<T>(Func<IAasView, T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (_gate) return reader(_view);
    }

    private static MachineAasInfo Info(MachineTwin t) => new(t.Description.NodeId, t.Shell.Id, t.Shell.IdShort!,
        t.Shell.AssetInformation.GlobalAssetId!, t.Nameplate.Id, t.Condition.Id, t.TimeSeries.Id, t.Interfaces.Id);

    private void Rebuild()
    {
        var shells = _machines.Values.Select(t => t.Shell).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var submodels = _machines.Values.SelectMany(t => t.Submodels).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var concepts = new Dictionary<string, ConceptDescription>(StringComparer.Ordinal);
        foreach (var t in _machines.Values)
            foreach (var cd in t.ConceptDescriptions) concepts.TryAdd(cd.Id, cd);
        _view = new View(shells, submodels, concepts.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
        Interlocked.Increment(ref _version);
    }

    private sealed class View : IAasView
    {
        public static readonly View Empty = new([], [], []);
        private readonly Dictionary<string, AssetAdministrationShell> _shells;
        private readonly Dictionary<string, Submodel> _submodels;
        private readonly Dictionary<string, ConceptDescription> _concepts;

        public View(List<AssetAdministrationShell> shells, List<Submodel> submodels, List<ConceptDescription> concepts)
        {
            Shells = shells;
            Submodels = submodels;
            ConceptDescriptions = concepts;
            _shells = shells.ToDictionary(s => s.Id, StringComparer.Ordinal);
            _submodels = submodels.ToDictionary(s => s.Id, StringComparer.Ordinal);
            _concepts = concepts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        }

        public IReadOnlyList<AssetAdministrationShell> Shells { get; }
        public IReadOnlyList<Submodel> Submodels { get; }
        public IReadOnlyList<ConceptDescription> ConceptDescriptions { get; }
        public AssetAdministrationShell? FindShell(string id) => _shells.GetValueOrDefault(id);
        public Submodel? FindSubmodel(string id) => _submodels.GetValueOrDefault(id);
        public ConceptDescription? FindConceptDescription(string id) => _concepts.GetValueOrDefault(id);

        public AasEnvironment ToEnvironment() => new()
        {
            AssetAdministrationShells = [.. Shells],
            Submodels = [.. Submodels],
            ConceptDescriptions = [.. ConceptDescriptions],
        };
    }
}
