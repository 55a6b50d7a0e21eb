namespace SensorNode.Core.Hardware
{
    /// <summary>The IP link (Wi-Fi or Ethernet).</summary>
    public interface INetwork
    {
        bool IsConnected { get; }

        /// <summary>Starts or retries joining the network; returns true when the link is up within the timeout.</summary>
        bool Connect(int timeoutMs);

        /// <summary>Signal strength in dBm (0 when not applicable, e.g. Ethernet).</summary>
        int RssiDbm { get; }
    }

    /// <summary>A Wi-Fi link: the runtime hands it the configured credentials before the first connect.
    /// Ethernet adapters implement only <see cref="INetwork"/>.</summary>
    public interface IWifiNetwork : INetwork
    {
        void SetCredentials(string ssid, string password);
    }
}
