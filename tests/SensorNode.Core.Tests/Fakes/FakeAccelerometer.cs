using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>A synthetic three-axis accelerometer: per axis a sine of given RMS (m/s²) and frequency on top of a
    /// DC offset (gravity on z), continuous in phase from burst to burst. It can fail on demand (returns 0 samples),
    /// refuse configuration, or wedge: a wedged read takes <see cref="HangMs"/> of (manual) clock time, as a FIFO that
    /// never reaches its watermark would; re-configuring clears the wedge unless <see cref="StayWedged"/>.</summary>
    public sealed class FakeAccelerometer : IAccelerometer
    {
        private readonly ManualClock _clock;
        private long _sampleIndex;

        public FakeAccelerometer(ManualClock clock, float sampleRateHz)
        {
            _clock = clock;
            SampleRateHz = sampleRateHz;
        }

        public float[] RmsPerAxis = new float[] { 1f, 1f, 1f };
        public float[] FrequencyHz = new float[] { 50f, 50f, 50f };
        public float[] Offset = new float[] { 0f, 0f, 9.80665f };

        public bool Fail;
        public bool RefuseConfigure;
        public bool Wedged;
        public bool StayWedged;
        public long HangMs = 60000;
        public int ConfigureCount;
        public int ReadCount;

        public float SampleRateHz { get; private set; }

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            ConfigureCount++;
            if (!StayWedged)
            {
                Wedged = false;
            }

            return !RefuseConfigure;
        }

        public int ReadBurst(float[] x, float[] y, float[] z, int count)
        {
            ReadCount++;
            if (Wedged && _clock != null)
            {
                _clock.Advance(HangMs);
            }

            if (Fail)
            {
                return 0;
            }

            Fill(x, 0, count);
            Fill(y, 1, count);
            Fill(z, 2, count);
            _sampleIndex += count;
            return count;
        }

        private void Fill(float[] buffer, int axis, int count)
        {
            double amplitude = RmsPerAxis[axis] * System.Math.Sqrt(2.0);
            double w = 2.0 * System.Math.PI * FrequencyHz[axis] / SampleRateHz;
            for (int i = 0; i < count; i++)
            {
                buffer[i] = (float)(Offset[axis] + (amplitude * System.Math.Sin(w * (_sampleIndex + i))));
            }
        }
    }
}
