using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>An IP link the test switches up and down; counts connect attempts.</summary>
    public sealed class FakeNetwork : INetwork
    {
        public bool Available = true;
        public int ConnectCount;
        private bool _connected;

        public bool IsConnected => _connected && Available;

        public int RssiDbm => IsConnected ? -61 : 0;

        public bool Connect(int timeoutMs)
        {
            ConnectCount++;
            _connected = Available;
            return _connected;
        }

        /// <summary>The access point vanishes.</summary>
        public void Drop()
        {
            Available = false;
            _connected = false;
        }
    }
}
