namespace SensorNode.Sdk.Feed;

/// <summary>Counters of one feed client since start (thread-safe snapshot via <see cref="FeedClient.Statistics"/>).</summary>
public sealed record FeedStatistics
{
    public long MessagesReceived { get; init; }
    public long Births { get; init; }
    public long Telemetry { get; init; }
    public long Alarms { get; init; }
    public long Health { get; init; }
    public long StatusMessages { get; init; }
    public long Acks { get; init; }
    public long SpectrumChunks { get; init; }
    public long ReportedConfigs { get; init; }
    /// <summary>Messages dropped because their (node, stream, sequence) was already delivered.</summary>
    public long Duplicates { get; init; }
    /// <summary>Historical (backfilled) messages delivered.</summary>
    public long Historical { get; init; }
    /// <summary>Messages that arrived below the highest sequence and filled a gap.</summary>
    public long Late { get; init; }
    public long GapsReported { get; init; }
    /// <summary>Sum of the sizes of all gaps reported.</summary>
    public long MissingReported { get; init; }
    /// <summary>Historical messages too old for the dedupe window (delivered unchecked).</summary>
    public long BeyondWindow { get; init; }
    /// <summary>Times a node's numbering restarted.</summary>
    public long SequenceResets { get; init; }
    public long DecodeErrors { get; init; }
    public int Reconnects { get; init; }
}

internal sealed class FeedCounters
{
    public long MessagesReceived, Births, Telemetry, Alarms, Health, StatusMessages, Acks, Duplicates, Historical, Late,
        GapsReported, MissingReported, BeyondWindow, SequenceResets, DecodeErrors, SpectrumChunks, ReportedConfigs;

    public FeedStatistics Snapshot(int reconnects) => new()
    {
        MessagesReceived = Interlocked.Read(ref MessagesReceived),
        Births = Interlocked.Read(ref Births),
        Telemetry = Interlocked.Read(ref Telemetry),
        Alarms = Interlocked.Read(ref Alarms),
        Health = Interlocked.Read(ref Health),
        StatusMessages = Interlocked.Read(ref StatusMessages),
        Acks = Interlocked.Read(ref Acks),
        SpectrumChunks = Interlocked.Read(ref SpectrumChunks),
        ReportedConfigs = Interlocked.Read(ref ReportedConfigs),
        Duplicates = Interlocked.Read(ref Duplicates),
        Historical = Interlocked.Read(ref Historical),
        Late = Interlocked.Read(ref Late),
        GapsReported = Interlocked.Read(ref GapsReported),
        MissingReported = Interlocked.Read(ref MissingReported),
        BeyondWindow = Interlocked.Read(ref BeyondWindow),
        SequenceResets = Interlocked.Read(ref SequenceResets),
        DecodeErrors = Interlocked.Read(ref DecodeErrors),
        Reconnects = reconnects,
    };
}
