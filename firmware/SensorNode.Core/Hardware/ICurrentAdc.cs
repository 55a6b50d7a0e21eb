namespace SensorNode.Core.Hardware
{
    /// <summary>The ADC channel behind the CT clamp's burden resistor.</summary>
    public interface ICurrentAdc
    {
        /// <summary>Largest raw code (4095 for a 12-bit ADC).</summary>
        int MaxCode { get; }

        /// <summary>Samples <paramref name="count"/> raw codes paced at <paramref name="targetRateHz"/> into the caller's buffer.
        /// Returns the number of samples taken (0 on failure) and, in <paramref name="achievedRateHz"/>, the measured rate.</summary>
        int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz);
    }
}
