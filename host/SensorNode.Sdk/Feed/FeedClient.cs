using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Packets;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Protocol;

namespace SensorNode.Sdk.Feed;

/// <summary>
/// Consumes the node feed of one broker: decodes every message with the firmware core's decoders, drops
/// duplicates, reports gaps, flags historical records, tracks online/offline, and reconnects by itself.
/// Results come as typed events (raised on the receive path: keep handlers short) and as an async stream
/// (<see cref="ReadEventsAsync"/>).
/// </summary>
public sealed class FeedClient : IAsyncDisposable
{
    private readonly FeedClientOptions _options;
    private readonly ILogger _logger;
    private readonly ManagedMqttConnection _connection;
    private readonly ConcurrentDictionary<NodeRef, NodeTracker> _nodes = new();
    private readonly FeedCounters _counters = new();
    private readonly bool _gaps;
    private Channel<FeedEvent>? _stream;
    private int _started;

    public FeedClient(FeedClientOptions options, ILogger<FeedClient>? logger = null)
    {
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gaps = options.GapsEnabled;
        string clientId = options.Broker.ClientId ?? $"sn-feed-{Guid.NewGuid():N}"[..23];
        _connection = new ManagedMqttConnection(options.Broker, clientId, BuildSubscriptions(options), OnMessageAsync, _logger);
        _connection.StateChanged += change => ConnectionStateChanged?.Invoke(change);
    }

    public event Action<BirthReceived>? Birth;
    public event Action<TelemetryReceived>? Telemetry;
    public event Action<AlarmReceived>? Alarm;
    public event Action<HealthReceived>? Health;
    public event Action<NodeStatusChanged>? StatusChanged;
    public event Action<ConfigAckReceived>? ConfigAck;
    public event Action<CommandAckReceived>? CommandAck;
    public event Action<SpectrumChunkReceived>? SpectrumChunk;
    public event Action<ReportedConfigReceived>? ReportedConfig;
    public event Action<SequenceGap>? Gap;
    public event Action<DecodeFailed>? DecodeError;
    public event Action<ConnectionStateChange>? ConnectionStateChanged;

    public ConnectionState ConnectionState => _connection.State;

    public FeedStatistics Statistics => _counters.Snapshot(_connection.Reconnects);

    /// <summary>Nodes currently known online (from the retained status and the Will).</summary>
    public IReadOnlyList<NodeRef> OnlineNodes =>
        _nodes.Where(kv => { lock (kv.Value.Gate) return kv.Value.Online == true; }).Select(kv => kv.Key).OrderBy(n => n.ToString()).ToList();

    /// <summary>True/false when the node's status is known, null otherwise.</summary>
    public bool? IsOnline(NodeRef node)
    {
        if (!_nodes.TryGetValue(node, out var tracker)) return null;
        lock (tracker.Gate) return tracker.Online;
    }

    /// <summary>The subscriptions this client makes (useful for ACLs and logs).</summary>
    public IReadOnlyList<string> SubscriptionTopics => BuildSubscriptions(_options).Select(f => f.Topic).ToList();

    /// <summary>Connects and subscribes. Throws <see cref="MqttConnectionException"/> with the reason when the broker
    /// cannot be reached (unless <see cref="FeedClientOptions.RetryInitialConnect"/>).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("The feed client is already started.");
        return _connection.StartAsync(_options.RetryInitialConnect, cancellationToken);
    }

    /// <summary>Every event as an async stream. Call before <see cref="StartAsync"/> to miss nothing; one reader only.
    /// When the reader falls behind by <see cref="FeedClientOptions.StreamCapacity"/> events, receiving waits.</summary>
    public async IAsyncEnumerable<FeedEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(_options.StreamCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (Interlocked.CompareExchange(ref _stream, channel, null) != null)
            throw new InvalidOperationException("ReadEventsAsync supports one reader per feed client.");
        while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (channel.Reader.TryRead(out var item)) yield return item;
        }
    }

    private static List<MqttTopicFilter> BuildSubscriptions(FeedClientOptions options)
    {
        string site = options.Site;
        string Leaf(string leaf) => $"{Topics.Root}/{site}/+/{leaf}";
        string Shared(string leaf) => options.SharedGroup == null ? Leaf(leaf) : $"$share/{options.SharedGroup}/{Leaf(leaf)}";
        var filters = new List<MqttTopicFilter>
        {
            ManagedMqttConnection.Filter(Leaf(Topics.BirthLeaf)),
            ManagedMqttConnection.Filter(Leaf(Topics.StatusLeaf)),
            ManagedMqttConnection.Filter(Leaf(Topics.ConfigAckLeaf)),
            ManagedMqttConnection.Filter(Leaf(Topics.CommandAckLeaf)),
            ManagedMqttConnection.Filter(Shared(Topics.TelemetryLeaf)),
            ManagedMqttConnection.Filter(Shared(Topics.AlarmLeaf)),
            ManagedMqttConnection.Filter(Shared(Topics.HealthLeaf)),
        };
        if (options.Spectrum) filters.Add(ManagedMqttConnection.Filter(Leaf(Topics.SpectrumLeaf)));
        if (options.ReportedConfig) filters.Add(ManagedMqttConnection.Filter(Leaf(Topics.ConfigReportedLeaf)));
        return filters;
    }

    private async Task OnMessageAsync(MqttApplicationMessage message)
    {
        Interlocked.Increment(ref _counters.MessagesReceived);
        var now = DateTimeOffset.UtcNow;
        if (!Topics.TryParse(message.Topic, out var site, out var nodeId, out var leaf))
        {
            Interlocked.Increment(ref _counters.DecodeErrors);
            _logger.LogDebug("Ignoring a message on {Topic}: not a SensorNode topic", message.Topic);
            return;
        }
        var node = new NodeRef(site, nodeId);
        FeedEvent? feedEvent;
        try
        {
            feedEvent = Process(node, leaf, message, now, out var gap);
            if (gap != null) await PublishAsync(gap).ConfigureAwait(false);
        }
        catch (PayloadDecodeException ex)
        {
            Interlocked.Increment(ref _counters.DecodeErrors);
            _logger.LogWarning("Dropping an undecodable message from {Node} on {Leaf}: {Reason}", node.ToString(), leaf, ex.Message);
            feedEvent = new DecodeFailed(node, now, message.Topic, ex.Message);
        }
        if (feedEvent != null) await PublishAsync(feedEvent).ConfigureAwait(false);
    }

    /// <summary>Decodes, dedupes and classifies one message; returns the event to deliver (null when dropped).</summary>
    internal FeedEvent? Process(NodeRef node, string leaf, MqttApplicationMessage message, DateTimeOffset now, out SequenceGap? gap)
    {
        gap = null;
        var payload = message.Payload;
        switch (leaf)
        {
            case Topics.TelemetryLeaf:
            {
                var record = PayloadDecoder.Telemetry(payload);
                var verdict = Track(node, SequenceStream.Telemetry, record.Sequence, record.Historical, now, out gap);
                if (verdict == SequenceVerdict.Duplicate) return null;
                Interlocked.Increment(ref _counters.Telemetry);
                return new TelemetryReceived(node, now, record, record.Historical, verdict == SequenceVerdict.Late);
            }
            case Topics.AlarmLeaf:
            {
                var alarm = PayloadDecoder.Alarm(payload);
                var verdict = Track(node, SequenceStream.Alarm, alarm.Sequence, alarm.Historical, now, out gap);
                if (verdict == SequenceVerdict.Duplicate) return null;
                Interlocked.Increment(ref _counters.Alarms);
                return new AlarmReceived(node, now, alarm, alarm.Historical, verdict == SequenceVerdict.Late);
            }
            case Topics.HealthLeaf:
                Interlocked.Increment(ref _counters.Health);
                return new HealthReceived(node, now, PayloadDecoder.Health(payload));
            case Topics.BirthLeaf:
            {
                var birth = PayloadDecoder.Birth(payload);
                var tracker = TrackerOf(node);
                lock (tracker.Gate)
                {
                    // A birth announces the next numbers; if they are not ahead of what we saw, the node renumbered.
                    if (tracker.Telemetry.Highest >= 0 && birth.NextTelemetrySequence <= tracker.Telemetry.Highest)
                    {
                        tracker.Telemetry.Reset();
                        Interlocked.Increment(ref _counters.SequenceResets);
                    }
                    if (tracker.Alarm.Highest >= 0 && birth.NextAlarmSequence <= tracker.Alarm.Highest)
                    {
                        tracker.Alarm.Reset();
                        Interlocked.Increment(ref _counters.SequenceResets);
                    }
                }
                Interlocked.Increment(ref _counters.Births);
                return new BirthReceived(node, now, birth);
            }
            case Topics.StatusLeaf:
            {
                Interlocked.Increment(ref _counters.StatusMessages);
                if (payload.IsEmpty) return null; // a cleared retained status (node removed)
                var status = PayloadDecoder.Status(payload);
                bool online = status.State == StatusMessage.Online;
                var tracker = TrackerOf(node);
                lock (tracker.Gate)
                {
                    // The Will of an older connection may land after the newer connection's online status.
                    if (tracker.HasBoot && status.BootCount < tracker.BootCount) return null;
                    bool changed = tracker.Online != online || tracker.BootCount != status.BootCount || !tracker.HasBoot;
                    tracker.Online = online;
                    tracker.BootCount = status.BootCount;
                    tracker.HasBoot = true;
                    if (!changed) return null;
                }
                return new NodeStatusChanged(node, now, online, status.BootCount, message.Retain);
            }
            case Topics.ConfigAckLeaf:
                Interlocked.Increment(ref _counters.Acks);
                return new ConfigAckReceived(node, now, PayloadDecoder.ConfigAck(payload));
            case Topics.CommandAckLeaf:
                Interlocked.Increment(ref _counters.Acks);
                return new CommandAckReceived(node, now, PayloadDecoder.CommandAck(payload));
            case Topics.SpectrumLeaf:
                Interlocked.Increment(ref _counters.SpectrumChunks);
                return new SpectrumChunkReceived(node, now, PayloadDecoder.Spectrum(payload));
            case Topics.ConfigReportedLeaf:
            {
                if (payload.IsEmpty) return null; // a cleared retained document (node removed)
                var (config, counter, hash) = ReportedConfigDecoder.Decode(payload);
                Interlocked.Increment(ref _counters.ReportedConfigs);
                return new ReportedConfigReceived(node, now, config, counter, hash);
            }
            default:
                return null;
        }
    }

    /// <summary>Forgets all per-node sequence state (benchmarks replay the same numbers).</summary>
    internal void ResetTracking() => _nodes.Clear();

    private NodeTracker TrackerOf(NodeRef node) => _nodes.GetOrAdd(node, static (_, w) => new NodeTracker(w), _options.DedupeWindow);

    private SequenceVerdict Track(NodeRef node, SequenceStream stream, long sequence, bool historical, DateTimeOffset now, out SequenceGap? gap)
    {
        gap = null;
        var tracker = TrackerOf(node);
        SequenceVerdict verdict;
        long from, to;
        lock (tracker.Gate)
        {
            var window = stream == SequenceStream.Telemetry ? tracker.Telemetry : tracker.Alarm;
            verdict = window.Observe(sequence, historical, out from, out to);
        }
        switch (verdict)
        {
            case SequenceVerdict.Duplicate:
                Interlocked.Increment(ref _counters.Duplicates);
                return verdict;
            case SequenceVerdict.AfterGap when _gaps:
                Interlocked.Increment(ref _counters.GapsReported);
                Interlocked.Add(ref _counters.MissingReported, to - from + 1);
                gap = new SequenceGap(node, now, stream, from, to);
                break;
            case SequenceVerdict.Late:
                Interlocked.Increment(ref _counters.Late);
                break;
            case SequenceVerdict.BeyondWindow:
                Interlocked.Increment(ref _counters.BeyondWindow);
                break;
            case SequenceVerdict.Reset:
                Interlocked.Increment(ref _counters.SequenceResets);
                _logger.LogInformation("Node {Node} restarted its {Stream} numbering at {Sequence}", node.ToString(), stream, sequence);
                break;
        }
        if (historical) Interlocked.Increment(ref _counters.Historical);
        return verdict;
    }

    private async ValueTask PublishAsync(FeedEvent feedEvent)
    {
        try
        {
            switch (feedEvent)
            {
                case TelemetryReceived t: Telemetry?.Invoke(t); break;
                case AlarmReceived a: Alarm?.Invoke(a); break;
                case HealthReceived h: Health?.Invoke(h); break;
                case BirthReceived b: Birth?.Invoke(b); break;
                case NodeStatusChanged s: StatusChanged?.Invoke(s); break;
                case ConfigAckReceived c: ConfigAck?.Invoke(c); break;
                case CommandAckReceived c: CommandAck?.Invoke(c); break;
                case SpectrumChunkReceived c: SpectrumChunk?.Invoke(c); break;
                case ReportedConfigReceived r: ReportedConfig?.Invoke(r); break;
                case SequenceGap g: Gap?.Invoke(g); break;
                case DecodeFailed d: DecodeError?.Invoke(d); break;
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A feed event handler threw on {EventType} from {Node}", feedEvent.GetType().Name, feedEvent.Node.ToString());
        }
        var stream = Volatile.Read(ref _stream);
        if (stream != null) await stream.Writer.WriteAsync(feedEvent).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        Volatile.Read(ref _stream)?.Writer.TryComplete();
    }
}
