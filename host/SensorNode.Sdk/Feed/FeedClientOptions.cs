using SensorNode.Core.Protocol;
using SensorNode.Sdk.Mqtt;

namespace SensorNode.Sdk.Feed;

public sealed class FeedClientOptions
{
    public BrokerOptions Broker { get; set; } = new();

    /// <summary>Site to follow; "+" follows every site.</summary>
    public string Site { get; set; } = "+";

    /// <summary>MQTT 5 shared-subscription group. When set, telemetry, alarms and health are subscribed as
    /// <c>$share/&lt;group&gt;/...</c> so the consumers of one group split the feed between them. Birth, status and
    /// acks stay ordinary subscriptions: they are retained or rare, and every instance needs them (brokers do not
    /// deliver retained messages on shared subscriptions).</summary>
    public string? SharedGroup { get; set; }

    /// <summary>Sequence numbers remembered per node and stream for duplicate detection.</summary>
    public int DedupeWindow { get; set; } = 512;

    /// <summary>Report gaps. Defaults to on, and off with a shared group (one member sees only part of the numbers).</summary>
    public bool? DetectGaps { get; set; }

    /// <summary>Capacity of the async event stream; when full, the receive path waits (back-pressure to the broker).</summary>
    public int StreamCapacity { get; set; } = 10_000;

    /// <summary>Subscribe to spectrum snapshot chunks (<see cref="FeedClient.SpectrumChunk"/>). They flow only when
    /// some host asked a node for a snapshot; always an ordinary subscription (the asking instance needs every chunk).</summary>
    public bool Spectrum { get; set; } = true;

    /// <summary>Subscribe to the nodes' retained reported config (<see cref="FeedClient.ReportedConfig"/>). Off by
    /// default: every consumer would receive the retained document of every node (≈ 2 KB each) at each connect.</summary>
    public bool ReportedConfig { get; set; }

    /// <summary>With false, <see cref="FeedClient.StartAsync"/> fails at once when the broker cannot be reached;
    /// with true it retries by <see cref="BrokerOptions.Reconnect"/>.</summary>
    public bool RetryInitialConnect { get; set; }

    internal bool GapsEnabled => DetectGaps ?? SharedGroup == null;

    public void Validate()
    {
        Broker.Validate();
        if (Site != "+" && !Topics.IsValidSegment(Site))
            throw new ArgumentException($"Site filter '{Site}' is neither '+' nor a valid site id (1-32 of A-Z a-z 0-9 - _).", nameof(Site));
        if (SharedGroup != null && (SharedGroup.Length == 0 || SharedGroup.IndexOfAny(['/', '+', '#']) >= 0))
            throw new ArgumentException($"Shared group '{SharedGroup}' must be non-empty without '/', '+' or '#'.", nameof(SharedGroup));
        if (DedupeWindow is < 8 or > 1 << 20) throw new ArgumentException("DedupeWindow must be 8..1048576.", nameof(DedupeWindow));
        if (StreamCapacity < 1) throw new ArgumentException("StreamCapacity must be >= 1.", nameof(StreamCapacity));
    }
}
