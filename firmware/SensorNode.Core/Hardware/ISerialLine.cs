namespace SensorNode.Core.Hardware
{
    /// <summary>The USB UART used for provisioning.</summary>
    public interface ISerialLine
    {
        /// <summary>Copies up to <paramref name="count"/> received bytes without blocking; returns how many (0 when none).</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}
