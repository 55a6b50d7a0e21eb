namespace SensorNode.Core.Hardware
{
    /// <summary>Receives what the MQTT link reports. Called on the link's own thread: keep it short.</summary>
    public interface IMqttLinkListener
    {
        void OnMessage(string topic, byte[] payload, int length);

        void OnConnectionLost();
    }

    /// <summary>Everything one MQTT connection needs, the Will included.</summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>Broker host name or address, port, TLS and the CA (PEM) to verify it with (null: the device's stored CA).</summary>
        public string Host;
        public int Port = 8883;
        public bool UseTls = true;
        public string CaCertificatePem;

        public string ClientId;
        public string Username;
        public string Password;
        public string WillTopic;
        public byte[] WillPayload;
        public bool WillRetain = true;
        public int WillQos = 1;
        public int KeepAliveSeconds = 30;
        public bool CleanSession = true;
    }

    /// <summary>An MQTT client connection (M2Mqtt on the device, MQTTnet in the simulator).</summary>
    public interface IMqttLink
    {
        bool IsConnected { get; }

        /// <summary>Where incoming messages and connection loss are reported.</summary>
        void SetListener(IMqttLinkListener listener);

        /// <summary>Connects (or reconnects) to the configured broker. Returns 0 on success, else a broker or
        /// transport reason code; never throws.</summary>
        int Connect(MqttConnectOptions options);

        /// <summary>Publishes <paramref name="length"/> bytes of <paramref name="payload"/>. False when not connected or the client's queue is full.</summary>
        bool Publish(string topic, byte[] payload, int length, int qos, bool retain);

        bool Subscribe(string topic, int qos);

        void Disconnect();
    }
}
