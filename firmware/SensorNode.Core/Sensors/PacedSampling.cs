namespace SensorNode.Core.Sensors
{
    /// <summary>
    /// Timing arithmetic of a software-paced ADC burst (System.Device.Adc has no timed or DMA sampling): the
    /// deadline of every sample is computed from the start, so rounding never accumulates, and the achieved rate
    /// is measured from the timestamps of the first and last conversions (µs, HighResTimer on the device).
    /// </summary>
    public static class PacedSampling
    {
        /// <summary>When sample <paramref name="index"/> is due: start + index × 10⁶ / rate, in µs.</summary>
        public static ulong DeadlineMicroseconds(ulong startMicroseconds, int index, int rateHz)
        {
            if (rateHz <= 0 || index <= 0)
            {
                return startMicroseconds;
            }

            return startMicroseconds + (ulong)index * 1000000UL / (ulong)rateHz;
        }

        /// <summary>Samples per second between the first and last of <paramref name="count"/> conversions; 0 when undefined.</summary>
        public static float AchievedRateHz(ulong firstMicroseconds, ulong lastMicroseconds, int count)
        {
            if (count < 2 || lastMicroseconds <= firstMicroseconds)
            {
                return 0f;
            }

            return (float)((count - 1) * 1000000.0 / (lastMicroseconds - firstMicroseconds));
        }

        /// <summary>True when a conversion started more than one period after its deadline (a thread switch or a
        /// garbage collection stalled the loop); such bursts are still usable for RMS but not for spectra.</summary>
        public static bool IsLate(ulong deadlineMicroseconds, ulong actualMicroseconds, int rateHz)
        {
            if (rateHz <= 0 || actualMicroseconds <= deadlineMicroseconds)
            {
                return false;
            }

            return actualMicroseconds - deadlineMicroseconds > 1000000UL / (ulong)rateHz;
        }
    }
}
