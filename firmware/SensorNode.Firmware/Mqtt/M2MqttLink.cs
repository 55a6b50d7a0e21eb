using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Mqtt
{
    /// <summary>
    /// <see cref="IMqttLink"/> over nanoFramework.M2Mqtt 5.1.220 (MQTT 3.1.1). The client is created at the first
    /// connect (its constructor resolves the host, so it needs the network) from the broker in the connect options:
    /// TLS 1.2 with the configured CA, or the device's stored CA when none is configured. Reconnects
    /// use Close then Connect on the same instance (the pattern M2Mqtt's own leak test uses); the instance is
    /// replaced only when the broker settings change. The Will is set by the 10-argument Connect; QoS and retain go
    /// through the 6-argument Publish. The in-flight queue is bounded: while the broker is slow, Publish fails and
    /// the core's store-and-forward queue keeps the data.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink
    {
        /// <summary>Codes returned by <see cref="Connect"/> for failures that carry no MQTT reason code.</summary>
        public const int NoBrokerConfigured = -1;
        public const int TransportFailed = -2;
        public const int ClientFailed = -3;

        private readonly int _inflightQueueSize;
        private readonly string[] _topic = new string[1];
        private readonly MqttQoSLevel[] _qos = new MqttQoSLevel[1];
        private IMqttLinkListener _listener;
        private MqttClient _client;
        private string _clientHost;
        private int _clientPort;
        private bool _clientTls;
        private string _clientCa;
        private bool _opened;

        /// <param name="inflightQueueSize">Bound of M2Mqtt's in-flight queue (the default is unbounded).</param>
        public M2MqttLink(int inflightQueueSize)
        {
            _inflightQueueSize = inflightQueueSize;
        }

        public bool IsConnected => _client != null && _client.IsConnected;

        public void SetListener(IMqttLinkListener listener)
        {
            _listener = listener;
        }

        public int Connect(MqttConnectOptions options)
        {
            if (options == null || options.Host == null || options.Host.Length == 0)
            {
                return NoBrokerConfigured;
            }

            try
            {
                if (_client != null && !SameBroker(options))
                {
                    DropClient();
                }

                if (_client == null)
                {
                    CreateClient(options);
                }
                else if (_opened)
                {
                    // Stops and joins the old worker threads before the new connection starts its own.
                    _client.Close();
                }

                _client.Settings.InflightQueueSize = _inflightQueueSize;
                bool will = options.WillTopic != null && options.WillPayload != null;
                string willMessage = will ? Encoding.UTF8.GetString(options.WillPayload, 0, options.WillPayload.Length) : null;
                MqttReasonCode code = _client.Connect(
                    options.ClientId,
                    options.Username,
                    options.Password,
                    options.WillRetain,
                    ToQos(options.WillQos),
                    will,
                    will ? options.WillTopic : null,
                    willMessage,
                    options.CleanSession,
                    (ushort)options.KeepAliveSeconds);
                _opened = true;
                return (int)code;
            }
            catch (MqttConnectionException)
            {
                return TransportFailed;
            }
            catch (Exception)
            {
                // DNS failures, TLS handshake errors and socket errors surface as assorted exceptions.
                DropClient();
                return ClientFailed;
            }
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected || payload == null || length < 0 || length > payload.Length)
            {
                return false;
            }

            try
            {
                // M2Mqtt keeps the array until the message leaves its in-flight queue, so the core's reused
                // payload buffer cannot be handed over: one exact-size copy per message.
                var message = new byte[length];
                Array.Copy(payload, message, length);
                client.Publish(topic, message, null, null, ToQos(qos), retain);
                return true;
            }
            catch (MqttClientException)
            {
                // InflightQueueFull: the broker is not keeping up; the caller queues the record.
                return false;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Subscribe(string topic, int qos)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                _topic[0] = topic;
                _qos[0] = ToQos(qos);
                client.Subscribe(_topic, _qos);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public void Disconnect()
        {
            MqttClient client = _client;
            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception)
            {
                // Already gone.
            }
        }

        private bool SameBroker(MqttConnectOptions options)
        {
            return _clientHost == options.Host && _clientPort == options.Port && _clientTls == options.UseTls
                && _clientCa == options.CaCertificatePem;
        }

        private void CreateClient(MqttConnectOptions options)
        {
            _clientHost = options.Host;
            _clientPort = options.Port;
            _clientTls = options.UseTls;
            _clientCa = options.CaCertificatePem;
            X509Certificate ca = _clientTls && _clientCa != null && _clientCa.Length > 0 ? new X509Certificate(_clientCa) : null;
            var client = new MqttClient(_clientHost, _clientPort, _clientTls, ca, null, _clientTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.ConnectionClosed += OnConnectionClosed;
            _client = client;
            _opened = false;
        }

        private void DropClient()
        {
            MqttClient client = _client;
            _client = null;
            _opened = false;
            if (client == null)
            {
                return;
            }

            try
            {
                client.MqttMsgPublishReceived -= OnPublishReceived;
                client.ConnectionClosed -= OnConnectionClosed;
                client.Close();
                client.Dispose();
            }
            catch (Exception)
            {
                // Disposing a broken client must not stop the new one.
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttLinkListener listener = _listener;
            if (listener != null && e.Message != null)
            {
                listener.OnMessage(e.Topic, e.Message, e.Message.Length);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            IMqttLinkListener listener = _listener;
            if (listener != null)
            {
                listener.OnConnectionLost();
            }
        }

        private static MqttQoSLevel ToQos(int qos)
        {
            return qos <= 0 ? MqttQoSLevel.AtMostOnce : (qos == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.ExactlyOnce);
        }
    }
}
