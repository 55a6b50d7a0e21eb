using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Accelerometers
{
    /// <summary>Stands in when the board profile names no usable accelerometer (or is missing): every read fails, so
    /// the runtime reports the accelerometer as failed and keeps temperature, current and the network going.</summary>
    public sealed class AbsentAccelerometer : IAccelerometer
    {
        public float SampleRateHz => 0f;

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            return false;
        }

        public int ReadBurst(float[] x, float[] y, float[] z, int count)
        {
            return 0;
        }
    }
}
