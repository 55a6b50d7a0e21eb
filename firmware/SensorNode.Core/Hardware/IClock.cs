namespace SensorNode.Core.Hardware
{
    /// <summary>Wall-clock and monotonic time.</summary>
    public interface IClock
    {
        /// <summary>UTC now as Unix milliseconds. Meaningless until <see cref="IsSynced"/>.</summary>
        long UtcNowUnixMs { get; }

        /// <summary>True once the wall clock was set from SNTP (or another trusted source).</summary>
        bool IsSynced { get; }

        /// <summary>Milliseconds since boot; never jumps, never goes back.</summary>
        long MonotonicMs { get; }
    }
}
