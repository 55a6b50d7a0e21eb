namespace SensorNode.Core.Hardware
{
    /// <summary>What the node may ask of the platform itself.</summary>
    public interface ISystemControl
    {
        /// <summary>Free managed heap, bytes.</summary>
        uint FreeMemoryBytes { get; }

        /// <summary>Restarts the device. Only on request or when supervision found the cycle stuck; never because the network is gone.</summary>
        void Reboot();
    }
}
