using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;

namespace SensorNode.Load;

public sealed record ConsumerWindow(long Count, double P50Ms, double P99Ms, double MaxMs);

public sealed record ConsumerTotals(long Received, long Duplicates, long Gaps, int Reconnects, Dictionary<string, long> PerNode,
    double CpuSeconds, double WorkingSetMb, double GcHeapMb, double GcPauseSeconds);

/// <summary>The SDK consumer of a load run: the FeedClient with a telemetry handler that records the latency
/// (SDK event time − measurement time) of every record.</summary>
public interface ILoadConsumer : IAsyncDisposable
{
    Task StartAsync(int port, CancellationToken cancellationToken);

    Task<ConsumerWindow> WindowAsync(long fromUnixMs, long toUnixMs);

    Task<ConsumerTotals> TotalsAsync();
}

/// <summary>The consumer in the driver's own process.</summary>
public sealed class InProcessConsumer : ILoadConsumer
{
    private readonly object _gate = new();
    private readonly List<(long At, double LatencyMs)> _samples = new(1 << 16);
    private readonly Dictionary<string, long> _perNode = new(StringComparer.Ordinal);
    private FeedClient? _feed;
    private long _received;

    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        _feed = new FeedClient(new FeedClientOptions
        {
            Site = "load",
            Broker = new BrokerOptions { Host = "127.0.0.1", Port = port, ClientId = "load-consumer" },
            DedupeWindow = 64,
        });
        _feed.Telemetry += t =>
        {
            long at = t.ReceivedAt.ToUnixTimeMilliseconds();
            double ms = (t.ReceivedAt - DateTimeOffset.FromUnixTimeMilliseconds(t.Record.TimestampUnixMs)).TotalMilliseconds;
            lock (_gate)
            {
                _received++;
                _samples.Add((at, ms));
                _perNode[t.Node.NodeId] = _perNode.GetValueOrDefault(t.Node.NodeId) + 1;
            }
        };
        await _feed.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<ConsumerWindow> WindowAsync(long fromUnixMs, long toUnixMs)
    {
        double[] sorted;
        lock (_gate) sorted = [.. _samples.Where(s => s.At >= fromUnixMs && s.At < toUnixMs).Select(s => s.LatencyMs).Order()];
        return Task.FromResult(new ConsumerWindow(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]));
    }

    public Task<ConsumerTotals> TotalsAsync()
    {
        var stats = _feed!.Statistics;
        using var self = Process.GetCurrentProcess();
        lock (_gate)
        {
            return Task.FromResult(new ConsumerTotals(_received, stats.Duplicates, stats.GapsReported, stats.Reconnects, new Dictionary<string, long>(_perNode),
                self.TotalProcessorTime.TotalSeconds, self.WorkingSet64 / 1048576.0, GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0, GC.GetTotalPauseDuration().TotalSeconds));
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public async ValueTask DisposeAsync()
    {
        if (_feed != null) await _feed.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Child-process side: `SensorNode.Load consumer &lt;port&gt;`, driven by lines on stdin
    /// ("window &lt;from&gt; &lt;to&gt;", "totals", "quit"), answering one JSON line each on stdout.</summary>
    public static async Task<int> ServeAsync(int port)
    {
        await using var consumer = new InProcessConsumer();
        await consumer.StartAsync(port, CancellationToken.None).ConfigureAwait(false);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        string? line;
        while ((line = await Console.In.ReadLineAsync().ConfigureAwait(false)) != null)
        {
            string[] p = line.Split(' ');
            if (p[0] == "window")
            {
                var w = await consumer.WindowAsync(long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture)).ConfigureAwait(false);
                Console.Out.WriteLine(JsonSerializer.Serialize(w));
            }
            else if (p[0] == "totals")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(await consumer.TotalsAsync().ConfigureAwait(false)));
            }
            else if (p[0] == "quit")
            {
                break;
            }

            Console.Out.Flush();
        }

        return 0;
    }
}

/// <summary>The consumer in its own process (as a real host would run), so the simulated fleet and the SDK do not
/// share one thread pool.</summary>
public sealed class ChildProcessConsumer : ILoadConsumer
{
    private Process? _child;

    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        string self = typeof(ChildProcessConsumer).Assembly.Location;
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        _child = Process.Start(new ProcessStartInfo(host, [self, "consumer", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("consumer process did not start");
        string? ready = await _child.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (ready != "ready") throw new InvalidOperationException($"consumer process said '{ready}' instead of ready");
    }

    private async Task<T> AskAsync<T>(string request)
    {
        await _child!.StandardInput.WriteLineAsync(request).ConfigureAwait(false);
        await _child.StandardInput.FlushAsync().ConfigureAwait(false);
        string line = await _child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("consumer process ended");
        return JsonSerializer.Deserialize<T>(line)!;
    }

    public Task<ConsumerWindow> WindowAsync(long fromUnixMs, long toUnixMs) =>
        AskAsync<ConsumerWindow>(string.Create(CultureInfo.InvariantCulture, $"window {fromUnixMs} {toUnixMs}"));

    public Task<ConsumerTotals> TotalsAsync() => AskAsync<ConsumerTotals>("totals");

    public async ValueTask DisposeAsync()
    {
        if (_child == null) return;
        try
        {
            await _child.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
            await _child.StandardInput.FlushAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            _child.Kill(entireProcessTree: true);
        }

        _child.Dispose();
    }
}
