using System.Collections;
using System.Text;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>One message the fake link accepted.</summary>
    public sealed class PublishedMessage
    {
        public string Topic;
        public string Payload;
        public int Qos;
        public bool Retain;
    }

    /// <summary>
    /// An in-memory MQTT link standing in for the broker connection. The test takes the broker down and up; a
    /// connection drop is reported to the listener as the real clients do. Every accepted publish is recorded
    /// (topic, payload text, QoS, retain) unless <see cref="RecordPublishes"/> is off (benchmarks), and can be
    /// refused while connected with <see cref="RefusePublishes"/> (client queue full).
    /// </summary>
    public sealed class FakeMqttLink : IMqttLink
    {
        public readonly ArrayList Published = new ArrayList();
        public readonly ArrayList Subscriptions = new ArrayList();
        public bool BrokerUp = true;
        public bool RefusePublishes;
        public bool RecordPublishes = true;
        public int ConnectCount;
        public int PublishCount;
        public MqttConnectOptions LastOptions;
        private IMqttLinkListener _listener;
        private bool _connected;

        public bool IsConnected => _connected;

        public void SetListener(IMqttLinkListener listener)
        {
            _listener = listener;
        }

        public int Connect(MqttConnectOptions options)
        {
            ConnectCount++;
            LastOptions = options;
            if (!BrokerUp)
            {
                _connected = false;
                return 3; // MQTT CONNACK 3: server unavailable
            }

            _connected = true;
            return 0;
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!_connected || RefusePublishes)
            {
                return false;
            }

            PublishCount++;
            if (RecordPublishes)
            {
                var m = new PublishedMessage();
                m.Topic = topic;
                m.Payload = Encoding.UTF8.GetString(payload, 0, length);
                m.Qos = qos;
                m.Retain = retain;
                Published.Add(m);
            }

            return true;
        }

        public bool Subscribe(string topic, int qos)
        {
            if (!_connected)
            {
                return false;
            }

            Subscriptions.Add(topic);
            return true;
        }

        public void Disconnect()
        {
            _connected = false;
        }

        /// <summary>The broker goes away: the connection drops and the listener hears of it.</summary>
        public void BrokerDown()
        {
            BrokerUp = false;
            if (_connected)
            {
                _connected = false;
                if (_listener != null)
                {
                    _listener.OnConnectionLost();
                }
            }
        }

        /// <summary>Delivers an inbound message as the client's receive thread would.</summary>
        public void Deliver(string topic, string payload)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(payload);
            _listener.OnMessage(topic, bytes, bytes.Length);
        }

        /// <summary>Delivers raw inbound bytes.</summary>
        public void Deliver(string topic, byte[] payload)
        {
            _listener.OnMessage(topic, payload, payload.Length);
        }

        /// <summary>Messages whose topic ends with <paramref name="suffix"/>, in publish order.</summary>
        public ArrayList WithTopicEnding(string suffix)
        {
            var list = new ArrayList();
            for (int i = 0; i < Published.Count; i++)
            {
                var m = (PublishedMessage)Published[i];
                if (m.Topic.EndsWith(suffix))
                {
                    list.Add(m);
                }
            }

            return list;
        }

        /// <summary>The integer value of a top-level JSON member like "seq" in a payload, or -1 when absent.</summary>
        public static long JsonInteger(string payload, string key)
        {
            string pattern = "\"" + key + "\":";
            int i = payload.IndexOf(pattern);
            if (i < 0)
            {
                return -1;
            }

            i += pattern.Length;
            long v = 0;
            bool any = false;
            while (i < payload.Length && payload[i] >= '0' && payload[i] <= '9')
            {
                v = (v * 10) + (payload[i] - '0');
                i++;
                any = true;
            }

            return any ? v : -1;
        }

        /// <summary>The string value of a top-level JSON member (no escapes expected), or null when absent.</summary>
        public static string JsonString(string payload, string key)
        {
            string pattern = "\"" + key + "\":\"";
            int i = payload.IndexOf(pattern);
            if (i < 0)
            {
                return null;
            }

            i += pattern.Length;
            int end = payload.IndexOf('"', i);
            return end < 0 ? null : payload.Substring(i, end - i);
        }

        public void Clear()
        {
            Published.Clear();
        }
    }
}
