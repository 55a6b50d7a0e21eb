using System;
using nanoFramework.Networking;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Time
{
    /// <summary>
    /// Wall clock from the ESP32 RTC, set by nanoFramework's SNTP client; monotonic clock from
    /// <see cref="Environment.TickCount64"/>. The RTC starts in 1970 after power-up, so the clock counts as synced once
    /// it reads a year the firmware cannot have been built before.
    /// </summary>
    public sealed class SntpClock : IClock
    {
        private const int FirstValidYear = 2025;
        private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

        public SntpClock(string server)
        {
            if (server != null && server.Length > 0)
            {
                Sntp.Server1 = server;
            }
        }

        public long UtcNowUnixMs => (DateTime.UtcNow.Ticks - EpochTicks) / 10000;

        public bool IsSynced => DateTime.UtcNow.Year >= FirstValidYear;

        public long MonotonicMs => Environment.TickCount64;

        /// <summary>Starts the SNTP client (the network adapters call this once the link is up).</summary>
        public void Start()
        {
            if (!Sntp.IsStarted)
            {
                Sntp.Start();
            }
        }
    }
}
