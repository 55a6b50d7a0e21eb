using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>A clock the test moves by hand; the wall clock can be unsynced or made to jump.</summary>
    public sealed class ManualClock : IClock
    {
        public ManualClock(long utcNowUnixMs, bool synced)
        {
            UtcNowUnixMs = utcNowUnixMs;
            IsSynced = synced;
        }

        public long UtcNowUnixMs { get; set; }

        public bool IsSynced { get; set; }

        public long MonotonicMs { get; set; }

        /// <summary>Moves both clocks forward.</summary>
        public void Advance(long milliseconds)
        {
            UtcNowUnixMs += milliseconds;
            MonotonicMs += milliseconds;
        }
    }
}
