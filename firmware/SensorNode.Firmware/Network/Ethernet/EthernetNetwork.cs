using System;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using SensorNode.Core.Hardware;
using SensorNode.Firmware.Time;

namespace SensorNode.Firmware.Network.Ethernet
{
    /// <summary>
    /// Wired Ethernet on boards whose nanoFramework image brings up the PHY (ESP32_OLIMEX: LAN8720, PHY power on
    /// GPIO12, RMII clock out on GPIO17; the pins are fixed in the firmware image, not in managed code). Managed code
    /// only waits for DHCP through <see cref="NetworkHelper"/> and follows link changes; there is no RSSI.
    /// </summary>
    public sealed class EthernetNetwork : INetwork
    {
        private readonly SntpClock _clock;
        private bool _helperStarted;
        private bool _up;

        public EthernetNetwork(SntpClock clock)
        {
            _clock = clock;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        public bool IsConnected => _up;

        public int RssiDbm => 0;

        public bool Connect(int timeoutMs)
        {
            try
            {
                bool ok;
                if (!_helperStarted)
                {
                    using (var timeout = new CancellationTokenSource(timeoutMs))
                    {
                        // The helper keeps its own state: it is set up once and signals NetworkReady from then on.
                        _helperStarted = true;
                        ok = NetworkHelper.SetupAndConnectNetwork(timeout.Token, false);
                    }
                }
                else
                {
                    ok = NetworkHelper.NetworkReady.WaitOne(timeoutMs, false);
                }

                _up = ok;
                if (ok && _clock != null)
                {
                    _clock.Start();
                }

                return ok;
            }
            catch (Exception)
            {
                _up = false;
                return false;
            }
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            _up = e.IsAvailable;
        }
    }
}
