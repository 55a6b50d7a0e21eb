namespace SensorNode.Core.Hardware
{
    /// <summary>Named byte blobs in non-volatile storage (files on the I:\ flash drive on the device).
    /// A write may be torn by a power cut at any byte: the core builds atomic updates on top (two slots, CRC).</summary>
    public interface IBlobStore
    {
        /// <summary>Reads the blob into <paramref name="buffer"/>; returns its length, or -1 when it does not exist or is larger than the buffer.</summary>
        int Read(string name, byte[] buffer);

        /// <summary>Replaces the blob with <paramref name="length"/> bytes from <paramref name="data"/>. False on a storage error.</summary>
        bool Write(string name, byte[] data, int length);

        /// <summary>Removes the blob; true when it no longer exists.</summary>
        bool Delete(string name);
    }
}
