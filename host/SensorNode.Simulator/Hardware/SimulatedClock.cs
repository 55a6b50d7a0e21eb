using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Hardware;

/// <summary>A node's clocks over a <see cref="TimeProvider"/>: wall time from it, monotonic time since this node booted.
/// <see cref="IsSynced"/> starts as given (a real node is unsynced until SNTP answers).</summary>
public sealed class SimulatedClock : IClock
{
    private readonly TimeProvider _time;
    private readonly long _bootTimestamp;

    public SimulatedClock(TimeProvider time, bool synced = true)
    {
        _time = time;
        _bootTimestamp = time.GetTimestamp();
        IsSynced = synced;
    }

    /// <summary>Added to the wall clock, ms: lets a test make the node's clock jump.</summary>
    public long WallOffsetMs { get; set; }

    public long UtcNowUnixMs => _time.GetUtcNow().ToUnixTimeMilliseconds() + WallOffsetMs;

    public bool IsSynced { get; set; }

    public long MonotonicMs => (long)_time.GetElapsedTime(_bootTimestamp).TotalMilliseconds;
}
