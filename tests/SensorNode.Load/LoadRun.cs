using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using MQTTnet.Protocol;
using SensorNode.Core.Features;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Simulator;
using SensorNode.Simulator.Mqtt;

namespace SensorNode.Load;

/// <summary>What the load driver runs.</summary>
public sealed record LoadOptions
{
    /// <summary>"runtime": virtual nodes running the whole firmware core (acquisition, DSP, alarms, queue, encoder) via
    /// the simulator. "wire": the same telemetry payloads (core encoder) from N MQTT connections without the DSP —
    /// isolates broker + SDK ingest.</summary>
    public string Mode { get; init; } = "runtime";

    public int Nodes { get; init; } = 200;

    /// <summary>Measured period after warm-up, seconds.</summary>
    public int Seconds { get; init; } = 20;

    /// <summary>Seconds after which every node is connected and publishing before figures are taken.</summary>
    public int WarmupSeconds { get; init; } = 10;

    /// <summary>Nodes per MQTT connection (1 = one per node, like real nodes).</summary>
    public int Multiplex { get; init; } = 1;

    /// <summary>Scheduler workers of the runtime mode (0 = one per core).</summary>
    public int Workers { get; init; }

    /// <summary>Run the SDK consumer in its own process (as a real host would), not in the simulator's process.</summary>
    public bool SeparateConsumer { get; init; }

    /// <summary>Seconds after the nodes stop for in-flight messages to land before counting.</summary>
    public int DrainSeconds { get; init; } = 5;
}

/// <summary>The figures of one load run.</summary>
public sealed record LoadResult
{
    public required LoadOptions Options { get; init; }
    public int Connected { get; init; }
    public long SentInWindow { get; init; }
    public long ReceivedInWindow { get; init; }
    public double ThroughputPerSecond { get; init; }
    public double LatencyP50Ms { get; init; }
    public double LatencyP99Ms { get; init; }
    public double LatencyMaxMs { get; init; }
    public long Sent { get; init; }
    public long Received { get; init; }
    public long Lost { get; init; }
    public long Dropped { get; init; }
    public long Duplicates { get; init; }
    public long Gaps { get; init; }
    public double HostCpuSeconds { get; init; }
    public double BrokerCpuSeconds { get; init; }
    public double GcPauseSeconds { get; init; }
    public int Gen0 { get; init; }
    public int Gen1 { get; init; }
    public int Gen2 { get; init; }
    public double WorkingSetMb { get; init; }
    public double PeakWorkingSetMb { get; init; }
    public double GcHeapMb { get; init; }
    public double BrokerRssMb { get; init; }
    public double SchedulerLagP99Ms { get; init; }
    public double WindowSeconds { get; init; }
    public int ConsumerReconnects { get; init; }
    public long ThreadPoolQueue { get; init; }
    public int ThreadPoolThreads { get; init; }
    public double ConsumerCpuSeconds { get; init; }
    public double ConsumerWorkingSetMb { get; init; }
    public double ConsumerGcHeapMb { get; init; }
    public string BrokerNotes { get; init; } = "";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LOAD mode={Options.Mode} nodes={Options.Nodes} multiplex={Options.Multiplex} connected={Connected} window={WindowSeconds:F1}s "
        + $"throughput={ThroughputPerSecond:F0} msg/s (target {Options.Nodes}/s) sent-in-window={SentInWindow} received-in-window={ReceivedInWindow} "
        + $"latency p50={LatencyP50Ms:F1} ms p99={LatencyP99Ms:F1} ms max={LatencyMaxMs:F0} ms | total sent={Sent} received={Received} undelivered-at-end={Lost} dropped={Dropped} duplicates={Duplicates} gaps={Gaps} "
        + $"| driver-process cpu={HostCpuSeconds:F1}s ({HostCpuSeconds / WindowSeconds * 100:F0}% of one core) gc-pause={GcPauseSeconds:F2}s gen0/1/2={Gen0}/{Gen1}/{Gen2} "
        + $"ws={WorkingSetMb:F0} MB peak-ws={PeakWorkingSetMb:F0} MB gc-heap={GcHeapMb:F0} MB "
        + $"| consumer {(Options.SeparateConsumer ? "process" : "in-process")} cpu={ConsumerCpuSeconds:F1}s ws={ConsumerWorkingSetMb:F0} MB gc-heap={ConsumerGcHeapMb:F0} MB reconnects={ConsumerReconnects} "
        + $"| broker cpu={BrokerCpuSeconds:F1}s rss={BrokerRssMb:F0} MB | scheduler-lag p99={SchedulerLagP99Ms:F0} ms | driver thread pool: {ThreadPoolThreads} threads, {ThreadPoolQueue} queued work items")
        + (BrokerNotes.Length > 0 ? "\nbroker log about the consumer:\n" + BrokerNotes : "");
}

/// <summary>
/// Runs N nodes against a Mosquitto started here (127.0.0.1, free port) with the SDK FeedClient consuming; the
/// latency of a record is SDK event time minus the record's measurement timestamp (same host clock).
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadOptions o, TextWriter log, CancellationToken cancellationToken = default)
    {
        if (o.Nodes is < 1 or > 20_000) throw new ArgumentOutOfRangeException(nameof(o), "nodes must be 1..20000");
        if (o.Seconds is < 1 or > 3600) throw new ArgumentOutOfRangeException(nameof(o), "seconds must be 1..3600");
        await using var broker = await MosquittoProcess.StartAsync().ConfigureAwait(false);
        log.WriteLine($"broker on 127.0.0.1:{broker.Port}, {o.Nodes} nodes, mode {o.Mode}");

        await using ILoadConsumer consumer = o.SeparateConsumer ? new ChildProcessConsumer() : new InProcessConsumer();
        await consumer.StartAsync(broker.Port, cancellationToken).ConfigureAwait(false);
        var consumerStart = await consumer.TotalsAsync().ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Func<long> sentCount;
        Func<int> connected;
        Func<long> dropped;
        Func<double> lagP99 = () => 0;
        Func<long> lost;
        Task runner;
        Fleet? fleet = null;
        WirePublisher? wire = null;
        if (o.Mode == "runtime")
        {
            fleet = Fleet.Create(new FleetOptions
            {
                Count = o.Nodes,
                Site = "load",
                Prefix = "ld-",
                Broker = new MqttEndpoint("127.0.0.1", broker.Port) { ConnectTimeout = TimeSpan.FromSeconds(30) },
                ReportIntervalSeconds = 1,
                AlarmReportIntervalSeconds = 1,
                HealthIntervalSeconds = 3600,
                Multiplex = o.Multiplex,
                Workers = o.Workers,
            });
            runner = fleet.RunAsync(stop.Token);
            sentCount = () => fleet.Nodes.Sum(n => (long)n.Runtime.CyclesCompleted);
            connected = () => fleet.Nodes.Count(n => n.Link.IsConnected);
            dropped = () => fleet.Nodes.Sum(n => (long)n.Runtime.Queue.Dropped);
            lagP99 = () => fleet.Scheduler.Lag.P99Ms;
            lost = () => 0;
        }
        else if (o.Mode == "wire")
        {
            wire = new WirePublisher(broker.Port, o.Nodes);
            await wire.ConnectAsync(log, stop.Token).ConfigureAwait(false);
            runner = wire.RunAsync(stop.Token);
            sentCount = () => wire.Sent;
            connected = () => wire.Connected;
            dropped = () => 0;
            lost = () => 0;
        }
        else
        {
            throw new ArgumentException($"unknown mode '{o.Mode}' (runtime|wire)");
        }

        // Warm-up: connections, first windows, JIT.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < o.WarmupSeconds || (connected() < o.Nodes && warm.Elapsed.TotalSeconds < o.WarmupSeconds + 120))
        {
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        log.WriteLine($"warm-up done after {warm.Elapsed.TotalSeconds:F0} s: {connected()} of {o.Nodes} connected");
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpu0 = self.TotalProcessorTime;
        var broker0 = BrokerCpu(broker.Pid);
        var pause0 = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long sent0 = sentCount();
        var c0 = await consumer.TotalsAsync().ConfigureAwait(false);
        long from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var window = Stopwatch.StartNew();
        for (int s = 0; s < o.Seconds; s++)
        {
            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
            if ((s + 1) % 10 == 0) log.WriteLine($"  t+{s + 1}s sent {sentCount() - sent0} in window");
        }

        long to = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        double windowSeconds = window.Elapsed.TotalSeconds;
        long sentWindow = sentCount() - sent0;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpu0;
        var brokerCpu = BrokerCpu(broker.Pid) - broker0;
        var pause = GC.GetTotalPauseDuration() - pause0;
        double ws = self.WorkingSet64 / 1048576.0, peak = self.PeakWorkingSet64 / 1048576.0;
        double heap = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0;
        double brokerRss = BrokerRss(broker.Pid);
        double lag = lagP99();
        long poolQueue = ThreadPool.PendingWorkItemCount;
        int poolThreads = ThreadPool.ThreadCount;

        stop.Cancel();
        try
        {
            await runner.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.Delay(TimeSpan.FromSeconds(o.DrainSeconds), cancellationToken).ConfigureAwait(false);
        var w = await consumer.WindowAsync(from, to).ConfigureAwait(false);
        var c1 = await consumer.TotalsAsync().ConfigureAwait(false);
        long lostTotal = fleet != null
            ? fleet.Nodes.Sum(n => n.Runtime.CyclesCompleted - n.Runtime.Queue.Dropped - n.Runtime.Queue.Count - c1.PerNode.GetValueOrDefault(n.NodeId))
            : wire!.Acked - c1.Received;
        var result = new LoadResult
        {
            Options = o,
            Connected = connected(),
            SentInWindow = sentWindow,
            ReceivedInWindow = w.Count,
            ThroughputPerSecond = w.Count / windowSeconds,
            LatencyP50Ms = w.P50Ms,
            LatencyP99Ms = w.P99Ms,
            LatencyMaxMs = w.MaxMs,
            Sent = sentCount(),
            Received = c1.Received,
            Lost = lostTotal,
            Dropped = dropped(),
            Duplicates = c1.Duplicates,
            Gaps = c1.Gaps,
            ConsumerCpuSeconds = o.SeparateConsumer ? c1.CpuSeconds - c0.CpuSeconds : double.NaN,
            ConsumerWorkingSetMb = c1.WorkingSetMb,
            ConsumerGcHeapMb = c1.GcHeapMb,
            HostCpuSeconds = cpu.TotalSeconds,
            BrokerCpuSeconds = brokerCpu,
            GcPauseSeconds = pause.TotalSeconds,
            Gen0 = GC.CollectionCount(0) - g0,
            Gen1 = GC.CollectionCount(1) - g1,
            Gen2 = GC.CollectionCount(2) - g2,
            WorkingSetMb = ws,
            PeakWorkingSetMb = peak,
            GcHeapMb = heap,
            BrokerRssMb = brokerRss,
            SchedulerLagP99Ms = lag,
            WindowSeconds = windowSeconds,
            ConsumerReconnects = c1.Reconnects,
            ThreadPoolQueue = poolQueue,
            ThreadPoolThreads = poolThreads,
            BrokerNotes = string.Join("\n", broker.ReadLog().Split('\n').Where(l => l.Contains("load-consumer", StringComparison.Ordinal)).TakeLast(8)),
        };
        if (fleet != null) await fleet.DisposeAsync().ConfigureAwait(false);
        if (wire != null) await wire.DisposeAsync().ConfigureAwait(false);
        log.WriteLine(result.ToString());
        return result;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>User + system CPU seconds of a process from /proc/&lt;pid&gt;/stat (Linux).</summary>
    private static double BrokerCpu(int? pid)
    {
        if (pid is null) return 0;
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static double BrokerRss(int? pid)
    {
        if (pid is null) return 0;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line == null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>
/// The "wire" mode: N MQTT connections (one per node, client id = node id) each publishing one telemetry record per
/// second, encoded by the core's ProtocolEncoder with the send time as measurement time. No DSP: this isolates what
/// the broker and the SDK cost per message.
/// </summary>
public sealed class WirePublisher(int port, int nodes) : IAsyncDisposable
{
    private readonly IMqttClient[] _clients = new IMqttClient[nodes];
    private long _sent;
    private long _acked;

    public long Sent => Interlocked.Read(ref _sent);

    public long Acked => Interlocked.Read(ref _acked);

    public int Connected => _clients.Count(c => c is { IsConnected: true });

    public async Task ConnectAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, nodes, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var client = factory.CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId($"wr-{i:D5}")
                .WithCleanSession(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
                .WithTimeout(TimeSpan.FromSeconds(30))
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
                .Build();
            await client.ConnectAsync(options, ct).ConfigureAwait(false);
            _clients[i] = client;
        }).ConfigureAwait(false);
        log.WriteLine($"wire: {nodes} connections in {watch.Elapsed.TotalSeconds:F1} s");
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Node i publishes at phase i/N of every second; one loop walks the schedule in 10 ms steps.
        var start = Stopwatch.StartNew();
        var next = new long[nodes];
        var seq = new uint[nodes];
        for (int i = 0; i < nodes; i++) next[i] = (long)i * 1000 / nodes;
        var record = new MeasurementRecord { AxisCount = 3, TimeSynced = true, HasCurrent = true, CurrentRms = 12.5f, TemperatureC = 41f, Running = true };
        for (int a = 0; a < 3; a++)
        {
            record.VelocityRms[a] = 1.2f + a;
            record.Kurtosis[a] = 3.1f;
        }

        var writer = new JsonWriter(new byte[4096]);
        var topics = new string[nodes];
        for (int i = 0; i < nodes; i++) topics[i] = new Topics("load", $"wr-{i:D5}").Telemetry;
        int cursor = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long now = start.ElapsedMilliseconds;
            int budget = nodes;
            while (budget-- > 0 && next[cursor] <= now)
            {
                int i = cursor;
                record.Sequence = seq[i]++;
                record.TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                writer.Restart();
                ProtocolEncoder.Telemetry(writer, record);
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topics[i])
                    .WithPayload(writer.Buffer.AsSpan(writer.Offset, writer.Length).ToArray())
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                Interlocked.Increment(ref _sent);
                _ = PublishAsync(_clients[i], message);
                next[i] += 1000;
                cursor = (cursor + 1) % nodes;
            }

            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(IMqttClient client, MqttApplicationMessage message)
    {
        try
        {
            var r = await client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (r.IsSuccess) Interlocked.Increment(ref _acked);
        }
        catch (Exception)
        {
            // Counted as sent, not acked: shows up as the difference.
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients)
        {
            if (c == null) continue;
            try
            {
                if (c.IsConnected) await c.DisconnectAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
            }

            c.Dispose();
        }
    }
}
