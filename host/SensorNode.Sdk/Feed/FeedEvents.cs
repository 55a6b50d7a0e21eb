using SensorNode.Core.Config;
using SensorNode.Core.Features;
using SensorNode.Core.Protocol;

namespace SensorNode.Sdk.Feed;

/// <summary>A node's identity on the feed: the site and node id segments of its topics.</summary>
public readonly record struct NodeRef(string Site, string NodeId)
{
    public override string ToString() => $"{Site}/{NodeId}";
}

/// <summary>Base of everything the feed client reports. <see cref="ReceivedAt"/> is host time; measurement
/// times are in the payloads (a queued record is measured long before it is received).</summary>
public abstract record FeedEvent(NodeRef Node, DateTimeOffset ReceivedAt);

/// <summary>A birth message (retained): firmware, board, sensors, config hash, next sequence numbers.</summary>
public sealed record BirthReceived(NodeRef Node, DateTimeOffset ReceivedAt, BirthInfo Birth) : FeedEvent(Node, ReceivedAt);

/// <summary>One measurement window. <see cref="Historical"/> marks a record sent from the node's store-and-forward
/// queue after an outage; <see cref="Late"/> one that arrived after higher sequence numbers (it fills a gap).</summary>
public sealed record TelemetryReceived(NodeRef Node, DateTimeOffset ReceivedAt, MeasurementRecord Record, bool Historical, bool Late)
    : FeedEvent(Node, ReceivedAt)
{
    public long Sequence => Record.Sequence;
    public DateTimeOffset MeasuredAt => DateTimeOffset.FromUnixTimeMilliseconds(Record.TimestampUnixMs);
}

/// <summary>An alarm state change of one feature.</summary>
public sealed record AlarmReceived(NodeRef Node, DateTimeOffset ReceivedAt, AlarmEvent Alarm, bool Historical, bool Late)
    : FeedEvent(Node, ReceivedAt)
{
    public string Level => AlarmEvent.LevelName(Alarm.Level) ?? "unknown";
}

/// <summary>The node's own health report.</summary>
public sealed record HealthReceived(NodeRef Node, DateTimeOffset ReceivedAt, HealthSnapshot Health) : FeedEvent(Node, ReceivedAt);

/// <summary>The node went online or offline (retained status; offline is the node's MQTT Will).
/// Raised on changes only; <see cref="FromRetained"/> marks the state found at subscribe time.</summary>
public sealed record NodeStatusChanged(NodeRef Node, DateTimeOffset ReceivedAt, bool Online, uint BootCount, bool FromRetained)
    : FeedEvent(Node, ReceivedAt);

/// <summary>The node answered a desired config.</summary>
public sealed record ConfigAckReceived(NodeRef Node, DateTimeOffset ReceivedAt, ConfigAck Ack) : FeedEvent(Node, ReceivedAt)
{
    public string ResultName => ResultCode.Name(Ack.Result);
}

/// <summary>The node answered a command.</summary>
public sealed record CommandAckReceived(NodeRef Node, DateTimeOffset ReceivedAt, CommandAck Ack) : FeedEvent(Node, ReceivedAt)
{
    public string ResultName => ResultCode.Name(Ack.Result);
}

/// <summary>One chunk of a spectrum snapshot (QoS 0, not retained): the answer to a <c>spectrum</c> command comes as
/// several of these; <see cref="SpectrumReassembler"/> puts them back together.</summary>
public sealed record SpectrumChunkReceived(NodeRef Node, DateTimeOffset ReceivedAt, SpectrumChunk Chunk) : FeedEvent(Node, ReceivedAt);

/// <summary>The node's config in force (retained, secrets redacted), with the counter of the last desired config it
/// applied and the config hash. Only with <see cref="FeedClientOptions.ReportedConfig"/>.</summary>
public sealed record ReportedConfigReceived(NodeRef Node, DateTimeOffset ReceivedAt, NodeConfig Config, long Counter, string Hash)
    : FeedEvent(Node, ReceivedAt);

/// <summary>Which per-node sequence a gap belongs to (telemetry and alarms are numbered separately).</summary>
public enum SequenceStream
{
    Telemetry,
    Alarm,
}

/// <summary>Sequence numbers <see cref="From"/>..<see cref="To"/> (inclusive) of a node were skipped. They may still
/// arrive later (store-and-forward replay); such arrivals come as Late.</summary>
public sealed record SequenceGap(NodeRef Node, DateTimeOffset ReceivedAt, SequenceStream Stream, long From, long To)
    : FeedEvent(Node, ReceivedAt)
{
    public long Missing => To - From + 1;
}

/// <summary>A message on the tree that could not be decoded; it is counted and dropped, the feed goes on.</summary>
public sealed record DecodeFailed(NodeRef Node, DateTimeOffset ReceivedAt, string Topic, string Reason) : FeedEvent(Node, ReceivedAt);
