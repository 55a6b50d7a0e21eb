using SensorNode.Core.Current;
using SensorNode.Core.Hardware;
using SensorNode.Core.Tests.Dsp;

namespace SensorNode.Core.Tests.Features
{
    /// <summary>Accelerometer seam delivering a fixed synthetic burst (x: 1× of 24.7 Hz at 4 mm/s, y: 159.15 Hz at 1 m/s² RMS = 1 mm/s, z: gravity only).</summary>
    public sealed class SyntheticAccelerometer : IAccelerometer
    {
        private readonly float[] _x, _y, _z;

        public SyntheticAccelerometer(int length, float sampleRateHz)
        {
            SampleRateHz = sampleRateHz;
            _x = new float[length];
            _y = new float[length];
            _z = new float[length];
            SignalGenerator.AddSineRms(_x, length, sampleRateHz, 24.7f, 2f * 3.14159265f * 24.7f * 0.004f); // 4 mm/s
            SignalGenerator.AddSineRms(_y, length, sampleRateHz, 159.15f, 1f);                                 // 1.000 mm/s
            SignalGenerator.Fill(_z, SignalGenerator.StandardGravity);
        }

        /// <summary>When set, ReadBurst returns this many samples (a failing sensor).</summary>
        public int ShortRead = -1;

        public float SampleRateHz { get; private set; }

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            return true;
        }

        public int ReadBurst(float[] x, float[] y, float[] z, int count)
        {
            System.Array.Copy(_x, x, count);
            System.Array.Copy(_y, y, count);
            System.Array.Copy(_z, z, count);
            return ShortRead >= 0 ? ShortRead : count;
        }
    }

    public sealed class FixedTemperature : ITemperatureSensor
    {
        public float Celsius = 41.5f;
        public bool Fail;

        public bool TryRead(out float celsius)
        {
            celsius = Celsius;
            return !Fail;
        }
    }

    /// <summary>ADC seam with a 50 Hz current of the given RMS on a 2048-code bias.</summary>
    public sealed class SineCurrentAdc : ICurrentAdc
    {
        private readonly CurrentSettings _settings;
        public float Amps = 10f;
        public bool Fail;

        public SineCurrentAdc(CurrentSettings settings)
        {
            _settings = settings;
        }

        public int MaxCode
        {
            get { return 4095; }
        }

        public int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz)
        {
            achievedRateHz = targetRateHz;
            if (Fail)
            {
                return 0;
            }

            float peak = Amps * 1.41421356f / _settings.AmpsPerCode;
            SignalGenerator.CurrentCodes(codes, count, targetRateHz, 50f, 2048f, new float[] { 0f, peak }, 4095);
            return count;
        }
    }
}
