using MQTTnet;
using SensorNode.Core.Hardware;
using SensorNode.Simulator.Machines;
using SensorNode.Simulator.Mqtt;
using SensorNode.Simulator.Scheduling;

namespace SensorNode.Simulator;

/// <summary>How to build a fleet of virtual nodes.</summary>
public sealed record FleetOptions
{
    public int Count { get; init; } = 3;

    public string Site { get; init; } = "sim";

    /// <summary>Node ids are prefix + a zero-padded index (sim-0001 …).</summary>
    public string Prefix { get; init; } = "sim-";

    /// <summary>Machine kinds, assigned round-robin.</summary>
    public IReadOnlyList<MachineKind> Kinds { get; init; } = [MachineKind.Healthy];

    public required MqttEndpoint Broker { get; init; }

    /// <summary>User name and password per node id (null: connect without credentials).</summary>
    public Func<string, (string User, string Password)?>? Credentials { get; init; }

    public int ReportIntervalSeconds { get; init; } = 10;

    public int AlarmReportIntervalSeconds { get; init; } = 2;

    public int HealthIntervalSeconds { get; init; } = 60;

    public IReadOnlyList<ThresholdSpec> Thresholds { get; init; } = [];

    /// <summary>Per-kind overrides (e.g. the demo's bearing machine gets tighter envelope thresholds).</summary>
    public Func<MachineKind, IReadOnlyList<ThresholdSpec>>? ThresholdsFor { get; init; }

    /// <summary>Nodes sharing one MQTT connection (1 = one connection per node, as real nodes; see <see cref="MultiplexedMqtt"/>).</summary>
    public int Multiplex { get; init; } = 1;

    /// <summary>Identity of a shared connection when <see cref="Multiplex"/> &gt; 1 (it must be allowed to write every node's subtree).</summary>
    public (string User, string Password)? MultiplexCredentials { get; init; }

    /// <summary>Scheduler worker threads (0 = one per core).</summary>
    public int Workers { get; init; }

    /// <summary>Names of the machines (asset names) per index; default "&lt;kind&gt; machine &lt;n&gt;".</summary>
    public Func<int, MachineKind, string>? AssetName { get; init; }

    public Func<int, string>? NodeIdFor { get; init; }

    /// <summary>Machine per index (e.g. a milder fault); default <see cref="MachineSpec.For"/> of the kind.</summary>
    public Func<int, MachineKind, MachineSpec>? MachineFor { get; init; }
}

/// <summary>
/// Many virtual nodes in one process: one shared waveform library (a table per machine kind), one scheduler, and
/// per node either its own MQTT connection or a slot on a shared one. First runs are staggered across the report
/// interval so a fleet does not measure (or connect) in lock-step.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];

    private Fleet(FleetOptions options, TimeProvider time)
    {
        Options = options;
        Scheduler = new NodeScheduler(time, options.Workers);
        var factory = new MqttClientFactory();
        var random = new Random(4711);
        MultiplexedMqtt? hub = null;
        for (var i = 0; i < options.Count; i++)
        {
            var kind = options.Kinds[i % options.Kinds.Count];
            var nodeId = options.NodeIdFor?.Invoke(i) ?? $"{options.Prefix}{i + 1:D4}";
            IMqttLink link;
            if (options.Multiplex > 1)
            {
                if (i % options.Multiplex == 0)
                {
                    hub = new MultiplexedMqtt(factory, options.MultiplexCredentials);
                    _owned.Add(hub);
                }
                link = hub!.CreateLink();
            }
            else
            {
                var own = new MqttNetLink(factory);
                _owned.Add(own);
                link = own;
            }

            var credentials = options.Credentials?.Invoke(nodeId);
            var node = new VirtualNode(new VirtualNodeOptions
            {
                NodeId = nodeId,
                Site = options.Site,
                AssetName = options.AssetName?.Invoke(i, kind) ?? $"{MachineSpec.KindName(kind)} machine {i + 1}",
                Machine = options.MachineFor?.Invoke(i, kind) ?? MachineSpec.For(kind),
                BrokerHost = options.Broker.Host,
                BrokerPort = options.Broker.Port,
                BrokerTls = options.Broker.UseTls,
                BrokerCaPem = options.Broker.CaCertificatePem,
                Username = options.Multiplex > 1 ? null : credentials?.User,
                Password = options.Multiplex > 1 ? null : credentials?.Password,
                ReportIntervalSeconds = options.ReportIntervalSeconds,
                AlarmReportIntervalSeconds = options.AlarmReportIntervalSeconds,
                HealthIntervalSeconds = options.HealthIntervalSeconds,
                Thresholds = options.ThresholdsFor?.Invoke(kind) ?? options.Thresholds,
                PhaseSamples = random.Next(0, WaveformTable.DefaultLength),
                Gain = (float)(0.9 + 0.2 * random.NextDouble()),
                Seed = i + 1,
            }, Library, link, time);
            Nodes.Add(node);
            Scheduler.Add(node, (long)(random.NextDouble() * options.ReportIntervalSeconds * 1000));
        }
    }

    public FleetOptions Options { get; }

    public WaveformLibrary Library { get; } = new();

    public NodeScheduler Scheduler { get; }

    public List<VirtualNode> Nodes { get; } = [];

    public static Fleet Create(FleetOptions options, TimeProvider? time = null) => new(options, time ?? TimeProvider.System);

    public int Connected => Nodes.Count(n => n.Link.IsConnected);

    public long Published => _owned.Sum(o => o switch { MqttNetLink l => l.Published, MultiplexedMqtt m => m.Published, _ => 0 });

    public long PublishFailures => _owned.Sum(o => o switch { MqttNetLink l => l.PublishFailures, MultiplexedMqtt m => m.PublishFailures, _ => 0 });

    public Task RunAsync(CancellationToken cancellationToken) => Scheduler.RunAsync(cancellationToken);

    /// <summary>Same as <see cref="RunAsync"/>; reads better at call sites that keep the task.</summary>
    public Task Run(CancellationToken cancellationToken) => Scheduler.RunAsync(cancellationToken);

    /// <summary>Disconnects every node cleanly (each publishes nothing more; the broker sees DISCONNECT, not a lost link).</summary>
    public ValueTask DisposeAsync()
    {
        Parallel.ForEach(Nodes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n => n.Link.Disconnect());
        foreach (var o in _owned) o.Dispose();
        return ValueTask.CompletedTask;
    }
}
