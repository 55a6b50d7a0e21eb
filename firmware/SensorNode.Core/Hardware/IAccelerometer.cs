namespace SensorNode.Core.Hardware
{
    /// <summary>A three-axis accelerometer read in bursts from its FIFO.</summary>
    public interface IAccelerometer
    {
        /// <summary>Sets the measuring range (±g) and output data rate (Hz). False when the device refused or is absent.</summary>
        bool Configure(int rangeG, int outputDataRateHz);

        /// <summary>The output data rate the device actually runs at, Hz (may differ from the one asked for).</summary>
        float SampleRateHz { get; }

        /// <summary>Reads <paramref name="count"/> consecutive samples per axis into the caller's buffers, in m/s².
        /// Returns the number of samples read; fewer than asked (or 0) means the sensor failed.</summary>
        int ReadBurst(float[] x, float[] y, float[] z, int count);
    }
}
