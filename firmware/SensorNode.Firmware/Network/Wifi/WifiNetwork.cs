using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using SensorNode.Core.Hardware;
using SensorNode.Firmware.Time;

namespace SensorNode.Firmware.Network.Wifi
{
    /// <summary>
    /// Wi-Fi station through <see cref="WifiNetworkHelper"/> with DHCP. The runtime hands over the configured SSID and
    /// password (<see cref="SetCredentials"/>) before connecting, and again when a new configuration changes them. The
    /// first join with an SSID scans, so the RSSI of the access
    /// point is known; later attempts reconnect with the stored credentials (ConnectDhcp writes them to flash, so it
    /// is not repeated on every retry). nanoFramework has no API for the RSSI of the current association: the value
    /// reported is the one seen in the last scan.
    /// </summary>
    public sealed class WifiNetwork : IWifiNetwork
    {
        private readonly SntpClock _clock;
        private string _ssid;
        private string _password;
        private string _joinedSsid;
        private bool _up;
        private int _rssi;

        public WifiNetwork(SntpClock clock)
        {
            _clock = clock;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        public bool IsConnected => _up;

        public int RssiDbm => _rssi;

        public void SetCredentials(string ssid, string password)
        {
            if (ssid != _ssid || password != _password)
            {
                // New credentials: the next attempt joins afresh (and stores them) instead of reconnecting.
                _joinedSsid = null;
            }

            _ssid = ssid;
            _password = password;
        }

        public bool Connect(int timeoutMs)
        {
            string ssid = _ssid;
            if (ssid == null || ssid.Length == 0)
            {
                return false;
            }

            try
            {
                using (var timeout = new CancellationTokenSource(timeoutMs))
                {
                    bool ok;
                    if (_joinedSsid == ssid)
                    {
                        ok = WifiNetworkHelper.Reconnect(false, 0, timeout.Token);
                    }
                    else
                    {
                        ok = WifiNetworkHelper.ScanAndConnectDhcp(ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
                        if (ok)
                        {
                            _joinedSsid = ssid;
                            UpdateRssi(ssid);
                        }
                    }

                    _up = ok;
                    if (ok && _clock != null)
                    {
                        _clock.Start();
                    }

                    return ok;
                }
            }
            catch (Exception)
            {
                _up = false;
                return false;
            }
        }

        private void UpdateRssi(string ssid)
        {
            WifiAdapter adapter = WifiNetworkHelper.WifiAdapter;
            WifiNetworkReport report = adapter == null ? null : adapter.NetworkReport;
            if (report == null || report.AvailableNetworks == null)
            {
                return;
            }

            WifiAvailableNetwork[] networks = report.AvailableNetworks;
            for (int i = 0; i < networks.Length; i++)
            {
                if (networks[i].Ssid == ssid)
                {
                    _rssi = (int)networks[i].NetworkRssiInDecibelMilliwatts;
                    return;
                }
            }
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            _up = e.IsAvailable;
        }
    }
}
