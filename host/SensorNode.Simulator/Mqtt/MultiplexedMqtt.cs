using System.Collections.Concurrent;
using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Mqtt;

/// <summary>
/// One MQTT connection shared by many virtual nodes, for load tests beyond the number of TCP connections a machine
/// (or broker) takes. What it gives up, by necessity: nodes have no Will of their own (the broker cannot publish a
/// per-node offline status when the shared connection drops), they all log in as one identity (so per-node ACLs
/// do not apply), and one node's reconnect is everyone's. Real nodes never do this; use it only to load the
/// host side.
/// </summary>
public sealed class MultiplexedMqtt : IDisposable
{
    private readonly IMqttClient _client;
    private readonly (string User, string Password)? _credentials;
    private readonly object _connectGate = new();
    private readonly ConcurrentDictionary<string, Link> _routes = new(StringComparer.Ordinal);
    private readonly List<Link> _links = [];
    private long _published;
    private long _failures;
    private int _inFlight;

    public MultiplexedMqtt(MqttClientFactory factory, (string User, string Password)? credentials)
    {
        _client = factory.CreateMqttClient();
        _credentials = credentials;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (_routes.TryGetValue(e.ApplicationMessage.Topic, out var link))
            {
                var bytes = e.ApplicationMessage.Payload.ToArray();
                link.Listener?.OnMessage(e.ApplicationMessage.Topic, bytes, bytes.Length);
            }
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
                lock (_links)
                    foreach (var l in _links) l.Listener?.OnConnectionLost();
            return Task.CompletedTask;
        };
    }

    public int MaxInFlight { get; init; } = 256;

    public long Published => Interlocked.Read(ref _published);

    public long PublishFailures => Interlocked.Read(ref _failures);

    public IMqttLink CreateLink()
    {
        var link = new Link(this);
        lock (_links) _links.Add(link);
        return link;
    }

    private int Connect(MqttConnectOptions options)
    {
        lock (_connectGate)
        {
            if (_client.IsConnected) return 0;
            var endpoint = new MqttEndpoint(options.Host, options.Port) { UseTls = options.UseTls, CaCertificatePem = options.CaCertificatePem };
            var builder = endpoint.Apply(new MqttClientOptionsBuilder())
                .WithClientId("sensornode-mux-" + Guid.NewGuid().ToString("N")[..12])
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
            if (_credentials is { } c) builder.WithCredentials(c.User, c.Password);
            try
            {
                using var timeout = new CancellationTokenSource(endpoint.ConnectTimeout);
                var result = _client.ConnectAsync(builder.Build(), timeout.Token).GetAwaiter().GetResult();
                return result.ResultCode == MqttClientConnectResultCode.Success ? 0 : (int)result.ResultCode;
            }
            catch (Exception)
            {
                return -1;
            }
        }
    }

    private bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        if (!_client.IsConnected) return false;
        if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload.AsSpan(0, length).ToArray())
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2)).WithRetainFlag(retain).Build();
        _ = PublishAsync(message);
        return true;
    }

    private async Task PublishAsync(MqttApplicationMessage message)
    {
        try
        {
            var result = await _client.PublishAsync(message).ConfigureAwait(false);
            Interlocked.Increment(ref result.IsSuccess ? ref _published : ref _failures);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private bool Subscribe(Link link, string topic, int qos)
    {
        if (!_client.IsConnected) return false;
        _routes[topic] = link;
        try
        {
            var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, (MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2)).Build();
            _client.SubscribeAsync(options).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed class Link(MultiplexedMqtt hub) : IMqttLink
    {
        public IMqttLinkListener? Listener { get; private set; }

        public bool IsConnected => hub._client.IsConnected;

        public void SetListener(IMqttLinkListener listener) => Listener = listener;

        public int Connect(MqttConnectOptions options) => hub.Connect(options);

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain) => hub.Publish(topic, payload, length, qos, retain);

        public bool Subscribe(string topic, int qos) => hub.Subscribe(this, topic, qos);

        public void Disconnect()
        {
            // The connection is shared: a node leaving does not close it (Dispose of the hub does).
        }
    }
}
