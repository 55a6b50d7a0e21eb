using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>A synthetic 12-bit CT-clamp ADC: a sine of <see cref="AmplitudeCodes"/> around mid-scale at the line
    /// frequency. Amplitude 0 is a stopped machine. It can fail on demand.</summary>
    public sealed class FakeCurrentAdc : ICurrentAdc
    {
        private long _sampleIndex;

        public int AmplitudeCodes = 600;
        public float LineFrequencyHz = 50f;
        public int Bias = 2048;
        public bool Fail;
        public int ReadCount;

        public int MaxCode => 4095;

        public int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz)
        {
            ReadCount++;
            if (Fail)
            {
                achievedRateHz = 0f;
                return 0;
            }

            achievedRateHz = targetRateHz;
            double w = 2.0 * System.Math.PI * LineFrequencyHz / targetRateHz;
            for (int i = 0; i < count; i++)
            {
                int v = Bias + (int)(AmplitudeCodes * System.Math.Sin(w * (_sampleIndex + i)));
                codes[i] = (ushort)(v < 0 ? 0 : (v > 4095 ? 4095 : v));
            }

            _sampleIndex += count;
            return count;
        }
    }
}
