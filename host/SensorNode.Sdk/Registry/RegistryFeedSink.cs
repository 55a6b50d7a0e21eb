using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;

namespace SensorNode.Sdk.Registry;

/// <summary>
/// Keeps the registry in step with a feed: a birth discovers or updates the node, a status change records
/// online/offline, and every message moves last seen forward. Births and status go through one ordered queue;
/// last-seen times are merged in memory and written in one transaction per flush interval, so a busy feed costs
/// one registry commit per interval instead of one per message.
/// </summary>
public sealed class RegistryFeedSink : IAsyncDisposable
{
    private readonly INodeRegistry _registry;
    private readonly ILogger _logger;
    private readonly Channel<FeedEvent> _queue = Channel.CreateUnbounded<FeedEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, long> _lastSeen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private readonly Task _flusher;
    private readonly TimeSpan _flushInterval;
    private readonly FeedClient _feed;
    private long _errors;
    private long _pending;

    public RegistryFeedSink(FeedClient feed, INodeRegistry registry, TimeSpan? flushInterval = null, ILogger<RegistryFeedSink>? logger = null)
    {
        _feed = feed;
        _registry = registry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _flushInterval = flushInterval ?? TimeSpan.FromSeconds(1);
        feed.Birth += OnBirth;
        feed.StatusChanged += OnStatus;
        feed.Telemetry += OnTelemetry;
        feed.Alarm += OnAlarm;
        feed.Health += OnHealth;
        _worker = Task.Run(WorkAsync);
        _flusher = Task.Run(FlushLoopAsync);
    }

    /// <summary>Registry writes that failed (logged; the feed goes on).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    private void OnBirth(BirthReceived e) { Touch(e); Enqueue(e); }
    private void OnStatus(NodeStatusChanged e) => Enqueue(e);

    private void Enqueue(FeedEvent e)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(e)) Interlocked.Decrement(ref _pending);
    }
    private void OnTelemetry(TelemetryReceived e) => Touch(e);
    private void OnAlarm(AlarmReceived e) => Touch(e);
    private void OnHealth(HealthReceived e) => Touch(e);

    internal void Touch(FeedEvent e)
    {
        long ms = e.ReceivedAt.ToUnixTimeMilliseconds();
        _lastSeen.AddOrUpdate(e.Node.NodeId, ms, (_, old) => Math.Max(old, ms));
    }

    /// <summary>The registry's view of a birth message.</summary>
    public static NodeBirthInfo ToBirthInfo(NodeRef node, BirthInfo birth, DateTimeOffset seenAt)
    {
        var sensors = new List<SensorInfo>();
        if (birth.AccelerometerModel != null)
            sensors.Add(new SensorInfo("accelerometer", birth.AccelerometerModel, "m/s2", birth.AccelerometerRateHz, birth.AxisCount));
        if (birth.TemperatureModel != null)
            sensors.Add(new SensorInfo("temperature", birth.TemperatureModel, "degC", null, 1));
        if (birth.CurrentModel != null)
            sensors.Add(new SensorInfo("current", birth.CurrentModel, "A", birth.CurrentRateHz, 1));
        return new NodeBirthInfo(node.Site, node.NodeId, birth.FirmwareVersion, birth.Board, birth.ConfigHash, sensors, seenAt);
    }

    private async Task WorkAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                switch (e)
                {
                    case BirthReceived b:
                        await _registry.RecordBirthAsync(ToBirthInfo(b.Node, b.Birth, b.ReceivedAt)).ConfigureAwait(false);
                        break;
                    case NodeStatusChanged s:
                        await _registry.SetOnlineAsync(s.Node.NodeId, s.Online, s.ReceivedAt).ConfigureAwait(false);
                        break;
                }
            }
            catch (RegistryException ex)
            {
                Interlocked.Increment(ref _errors);
                _logger.LogError("Registry update for {Node} failed: {Reason}", e.Node.ToString(), ex.Message);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task FlushLoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_flushInterval, _stop.Token).ConfigureAwait(false);
                await FlushLastSeenAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Writes pending births/status and last-seen times now.</summary>
    public async Task FlushAsync()
    {
        while (Interlocked.Read(ref _pending) > 0) await Task.Delay(5).ConfigureAwait(false);
        await FlushLastSeenAsync().ConfigureAwait(false);
    }

    private async Task FlushLastSeenAsync()
    {
        if (_lastSeen.IsEmpty) return;
        var batch = new List<LastSeenUpdate>();
        foreach (var key in _lastSeen.Keys)
        {
            if (_lastSeen.TryRemove(key, out var ms)) batch.Add(new LastSeenUpdate(key, DateTimeOffset.FromUnixTimeMilliseconds(ms)));
        }
        try
        {
            await _registry.RecordLastSeenAsync(batch).ConfigureAwait(false);
        }
        catch (RegistryException ex)
        {
            Interlocked.Increment(ref _errors);
            _logger.LogError("Writing last-seen times failed: {Reason}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _feed.Birth -= OnBirth;
        _feed.StatusChanged -= OnStatus;
        _feed.Telemetry -= OnTelemetry;
        _feed.Alarm -= OnAlarm;
        _feed.Health -= OnHealth;
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _stop.Cancel();
        await _flusher.ConfigureAwait(false);
        await FlushLastSeenAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
