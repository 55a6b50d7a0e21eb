namespace SensorNode.Sdk.Feed;

/// <summary>Per-node state the feed keeps: one sequence window per stream and the last known status.</summary>
internal sealed class NodeTracker
{
    public readonly object Gate = new();
    public readonly SequenceWindow Telemetry;
    public readonly SequenceWindow Alarm;
    public bool? Online;
    public uint BootCount;
    public bool HasBoot;

    public NodeTracker(int window)
    {
        Telemetry = new SequenceWindow(window);
        Alarm = new SequenceWindow(window);
    }
}
