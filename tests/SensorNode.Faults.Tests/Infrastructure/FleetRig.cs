using System.Collections.Concurrent;
using System.Diagnostics;
using SensorNode.Core.Config;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Simulator;
using SensorNode.Simulator.Mqtt;
using SensorNode.Load;
using Xunit.Abstractions;

namespace SensorNode.Faults.Tests.Infrastructure;

/// <summary>What one consumer saw of one node's telemetry stream.</summary>
public sealed class NodeLog
{
    public readonly object Gate = new();
    public readonly HashSet<long> Sequences = [];
    public readonly HashSet<long> HistoricalSequences = [];
    public readonly List<(long Sequence, long TimestampMs, bool Synced, bool Historical)> Arrivals = [];
    public int DeliveredTwice;
}

/// <summary>
/// Virtual nodes (the firmware core's NodeRuntime with synthetic sensors, one MQTTnet connection each — the
/// simulator's MqttNetLink) publishing into a real broker, and the SDK's FeedClient consuming. Collects the figures
/// every fault test reports: sent, received, duplicates, gaps, drops, historical, recovery time.
/// </summary>
public sealed class FleetRig : IAsyncDisposable
{
    public const string Site = "faults";

    private readonly CancellationTokenSource _stop = new();
    private readonly ITestOutputHelper _output;
    private Task? _fleetTask;

    private FleetRig(MosquittoProcess broker, Fleet fleet, FeedClient feed, ITestOutputHelper output)
    {
        Broker = broker;
        Fleet = fleet;
        Feed = feed;
        _output = output;
    }

    public MosquittoProcess Broker { get; }

    public Fleet Fleet { get; }

    public FeedClient Feed { get; }

    public ConcurrentDictionary<string, NodeLog> Logs { get; } = new();

    public long GapsEvents;

    private readonly Dictionary<string, uint> _droppedAtOpen = new();

    public long GapMissing;

    /// <summary>Starts the consumer, then <paramref name="nodes"/> virtual nodes reporting every second with a RAM
    /// queue of <paramref name="queueCapacity"/> records (no flash spill).</summary>
    public static async Task<FleetRig> StartAsync(MosquittoProcess broker, int nodes, int queueCapacity, ITestOutputHelper output, string prefix = "f-")
    {
        var feed = new FeedClient(new FeedClientOptions
        {
            Site = Site,
            Broker = new BrokerOptions
            {
                Host = "127.0.0.1",
                Port = broker.Port,
                ClientId = "faults-consumer-" + Guid.NewGuid().ToString("N")[..8],
                // The consumer comes back within half a second of the broker; the nodes' own backoff starts at 1 s.
                Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) },
            },
            DedupeWindow = 4096,
        });
        var fleet = Fleet.Create(new FleetOptions
        {
            Count = nodes,
            Site = Site,
            Prefix = prefix,
            Broker = new MqttEndpoint("127.0.0.1", broker.Port),
            ReportIntervalSeconds = 1,
            AlarmReportIntervalSeconds = 1,
            HealthIntervalSeconds = 3600,
            Workers = 1,
        });
        foreach (var node in fleet.Nodes)
        {
            // The node boots from its stored config: give it the queue under test before its first tick.
            NodeConfig config = VirtualNode.BuildConfig(node.Options);
            config.QueueCapacity = queueCapacity;
            config.QueueSpill = false;
            if (!new ConfigStore(node.Store).Save(config)) throw new InvalidOperationException("config did not save");
        }

        var rig = new FleetRig(broker, fleet, feed, output);
        feed.Telemetry += rig.OnTelemetry;
        feed.Gap += g =>
        {
            if (g.Stream != SequenceStream.Telemetry) return;
            Interlocked.Increment(ref rig.GapsEvents);
            Interlocked.Add(ref rig.GapMissing, g.Missing);
        };
        await feed.StartAsync().ConfigureAwait(false);
        rig._fleetTask = fleet.RunAsync(rig._stop.Token);
        return rig;
    }

    private void OnTelemetry(TelemetryReceived t)
    {
        var log = Logs.GetOrAdd(t.Node.NodeId, _ => new NodeLog());
        lock (log.Gate)
        {
            if (!log.Sequences.Add(t.Sequence)) log.DeliveredTwice++;
            if (t.Historical) log.HistoricalSequences.Add(t.Sequence);
            log.Arrivals.Add((t.Sequence, t.Record.TimestampUnixMs, t.Record.TimeSynced, t.Historical));
        }
    }

    public int Received(string nodeId)
    {
        if (!Logs.TryGetValue(nodeId, out var log)) return 0;
        lock (log.Gate) return log.Sequences.Count;
    }

    /// <summary>Waits until every node has had at least <paramref name="records"/> records received live.</summary>
    public async Task WaitForLiveAsync(int records, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Fleet.Nodes.Any(n => Received(n.NodeId) < records))
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"not every node delivered {records} records within {timeout.TotalSeconds} s: "
                    + string.Join(", ", Fleet.Nodes.Select(n => $"{n.NodeId}={Received(n.NodeId)}")) + $"; broker log:\n{Broker.ReadLog()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until each node's queue is empty and the consumer holds every sequence the node measured
    /// (less the ones the queue dropped). Returns the time it took, or null on timeout.</summary>
    public async Task<TimeSpan?> WaitForCatchUpAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (Fleet.Nodes.All(n => n.Runtime.Queue.Count == 0 && n.Link.IsConnected && Missing(n) == 0)) return watch.Elapsed;
            await Task.Delay(50).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Measured sequences of the node that the consumer has not got, the queue's counted drops excluded.</summary>
    public long Missing(VirtualNode n)
    {
        var (first, last) = Range(n);
        if (last < first) return 0;
        long have = 0;
        if (Logs.TryGetValue(n.NodeId, out var log))
        {
            lock (log.Gate) have = log.Sequences.Count(s => s >= first && s <= last);
        }

        return last - first + 1 - have - n.Runtime.Queue.Dropped;
    }

    /// <summary>First and last sequence number the node has measured (numbering is consecutive per node).</summary>
    public static (long First, long Last) Range(VirtualNode n)
    {
        long cycles = n.Runtime.CyclesCompleted;
        long last = n.Runtime.LastRecord.Sequence;
        return (last - cycles + 1, last);
    }

    /// <summary>Takes every node's IP link down or up (the node keeps measuring and queueing while it is down).</summary>
    public void SetNodeNetwork(bool up)
    {
        foreach (var n in Fleet.Nodes) n.Network.Up = up;
    }

    /// <summary>Waits until the consumer is connected and subscribed again.</summary>
    public async Task WaitForConsumerAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Feed.ConnectionState != ConnectionState.Connected)
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"the feed client did not reconnect within {timeout.TotalSeconds} s ({Feed.ConnectionState})");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Restarts the broker so that the consumer is subscribed again before any node reconnects: the nodes'
    /// links are held down until then. Without this ordering a node can replay its backlog into a broker that has no
    /// subscriber yet (see <c>BrokerRestartRaceIsReportedAsGaps</c>). Returns each node's backlog (the sequence range
    /// in its queue when the links come back up).</summary>
    public async Task<Dictionary<string, (long First, long Last)>> RestartBrokerConsumerFirstAsync()
    {
        SetNodeNetwork(false);
        await Broker.StartAsync().ConfigureAwait(false);
        await WaitForConsumerAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var backlog = new Dictionary<string, (long, long)>();
        foreach (var n in Fleet.Nodes)
        {
            // RAM queue without spill: the waiting records are consecutive, oldest first. The node measures on its own
            // thread meanwhile (once a second): read until two readings agree.
            for (int attempt = 0; attempt < 100; attempt++)
            {
                var q = n.Runtime.Queue;
                uint dropped = q.Dropped;
                if (!q.TryPeekSequence(out uint first)) break;
                int count = q.Count;
                if (q.TryPeekSequence(out uint again) && again == first && q.Count == count && q.Dropped == dropped)
                {
                    backlog[n.NodeId] = (first, first + count - 1);
                    _droppedAtOpen[n.NodeId] = dropped;
                    break;
                }
            }
        }

        SetNodeNetwork(true);
        return backlog;
    }

    /// <summary>Waits until the consumer holds every record of every node's backlog; returns how long that took.</summary>
    public async Task<TimeSpan?> WaitForBacklogAsync(Dictionary<string, (long First, long Last)> backlog, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (backlog.All(b => MissingOf(b.Key, BacklogStart(b.Key, b.Value.First), b.Value.Last).Count == 0)) return watch.Elapsed;
            await Task.Delay(50).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>A full queue keeps dropping its oldest record until the node is connected again: the backlog's oldest
    /// records may be dropped (and counted) after the links came back up.</summary>
    private long BacklogStart(string nodeId, long first)
    {
        var node = Fleet.Nodes.First(n => n.NodeId == nodeId);
        return first + (node.Runtime.Queue.Dropped - _droppedAtOpen.GetValueOrDefault(nodeId));
    }

    /// <summary>Sequences in [first, last] of the node that the consumer has not received.</summary>
    public List<long> MissingOf(string nodeId, long first, long last)
    {
        var log = Logs.GetOrAdd(nodeId, _ => new NodeLog());
        lock (log.Gate)
        {
            var missing = new List<long>();
            for (long s = first; s <= last; s++) if (!log.Sequences.Contains(s)) missing.Add(s);
            return missing;
        }
    }

    /// <summary>Backlog records the consumer received without the historical flag.</summary>
    public long BacklogNotFlagged(Dictionary<string, (long First, long Last)> backlog) => backlog.Sum(b =>
    {
        var log = Logs.GetOrAdd(b.Key, _ => new NodeLog());
        lock (log.Gate)
        {
            long n = 0;
            for (long s = b.Value.First; s <= b.Value.Last; s++) if (log.Sequences.Contains(s) && !log.HistoricalSequences.Contains(s)) n++;
            return n;
        }
    });

    /// <summary>Stops the nodes (measurement ends) and gives in-flight messages time to land.</summary>
    public async Task StopNodesAsync()
    {
        _stop.Cancel();
        if (_fleetTask != null)
        {
            try
            {
                await _fleetTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public Figures Collect(string scenario, TimeSpan? recovery)
    {
        var stats = Feed.Statistics;
        long sent = 0, received = 0, dropped = 0, historical = 0, lost = 0, deliveredTwice = 0;
        foreach (var n in Fleet.Nodes)
        {
            sent += n.Runtime.CyclesCompleted;
            dropped += n.Runtime.Queue.Dropped;
            lost += Missing(n);
            if (Logs.TryGetValue(n.NodeId, out var log))
            {
                lock (log.Gate)
                {
                    received += log.Sequences.Count;
                    historical += log.HistoricalSequences.Count;
                    deliveredTwice += log.DeliveredTwice;
                }
            }
        }

        var f = new Figures(scenario, Fleet.Nodes.Count, sent, received, dropped, lost, historical, stats.Duplicates, deliveredTwice,
            Interlocked.Read(ref GapsEvents), Interlocked.Read(ref GapMissing), stats.Late, recovery, Fleet.PublishFailures);
        _output.WriteLine(f.ToString());
        foreach (var n in Fleet.Nodes.Where(n => Missing(n) != 0).Take(5))
        {
            var (first, last) = Range(n);
            string? have;
            lock (Logs.GetOrAdd(n.NodeId, _ => new NodeLog()).Gate) have = string.Join(",", Logs[n.NodeId].Sequences.Order());
            var link = n.Link as MqttNetLink;
            _output.WriteLine($"  {n.NodeId}: state={n.Runtime.State} measured {first}..{last} queued={n.Runtime.Queue.Count} dropped={n.Runtime.Queue.Dropped} "
                + $"missing={Missing(n)} link-connected={n.Link.IsConnected} link-published={link?.Published} link-failures={link?.PublishFailures} received=[{have}]");
        }

        return f;
    }

    public async ValueTask DisposeAsync()
    {
        await StopNodesAsync().ConfigureAwait(false);
        await Fleet.DisposeAsync().ConfigureAwait(false);
        await Feed.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>The figures of one fault run, as written to the test output and docs/faults.md.</summary>
public sealed record Figures(string Scenario, int Nodes, long Sent, long Received, long Dropped, long Lost, long Historical,
    long DuplicatesDropped, long DeliveredTwice, long GapEvents, long GapMissing, long Late, TimeSpan? Recovery, long PublishFailures)
{
    public override string ToString() =>
        $"FIGURES {Scenario}: nodes={Nodes} sent={Sent} received={Received} dropped(queue full, counted)={Dropped} lost(uncounted)={Lost} "
        + $"historical={Historical} duplicates(dropped by SDK)={DuplicatesDropped} delivered-twice={DeliveredTwice} gaps-reported={GapEvents} "
        + $"missing-reported={GapMissing} late-filled={Late} publish-failures(link)={PublishFailures} recovery={(Recovery is { } r ? $"{r.TotalSeconds:F1} s" : "none (timed out)")}";
}
