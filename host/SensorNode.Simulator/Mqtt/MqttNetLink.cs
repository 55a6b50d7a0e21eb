using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Mqtt;

/// <summary>
/// The core's MQTT link over one MQTTnet client: one TCP connection per virtual node, as a real node has, Will and
/// credentials from the core's connect options. Publishing copies the payload (the core reuses its buffer) and
/// does not wait for the broker; at most <see cref="MaxInFlight"/> publishes are outstanding, beyond that
/// <see cref="Publish"/> answers false like a full M2Mqtt queue and the core keeps the record queued.
/// </summary>
public sealed class MqttNetLink : IMqttLink, IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly IMqttClient _client;
    private IMqttLinkListener? _listener;
    private int _inFlight;
    private volatile bool _disconnecting;

    /// <summary>A link that connects where the node's config says (host, port, TLS, CA in <see cref="MqttConnectOptions"/>).</summary>
    public MqttNetLink(MqttClientFactory factory, TimeSpan? timeout = null)
    {
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        _client = factory.CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceived;
        _client.DisconnectedAsync += OnDisconnected;
    }

    public int MaxInFlight { get; init; } = 16;

    public long Published => Interlocked.Read(ref _published);

    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    private long _published;
    private long _publishFailures;

    public bool IsConnected => _client.IsConnected;

    public void SetListener(IMqttLinkListener listener) => _listener = listener;

    public int Connect(MqttConnectOptions options)
    {
        if (_client.IsConnected) return 0;
        if (string.IsNullOrEmpty(options.Host)) return -2;
        var endpoint = new MqttEndpoint(options.Host, options.Port) { UseTls = options.UseTls, CaCertificatePem = options.CaCertificatePem, ConnectTimeout = _timeout };
        var builder = endpoint.Apply(new MqttClientOptionsBuilder())
            .WithClientId(options.ClientId)
            .WithCleanSession(options.CleanSession)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(Math.Max(5, options.KeepAliveSeconds)))
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311);
        if (!string.IsNullOrEmpty(options.Username)) builder.WithCredentials(options.Username, options.Password ?? "");
        if (!string.IsNullOrEmpty(options.WillTopic))
        {
            builder.WithWillTopic(options.WillTopic)
                .WithWillPayload(options.WillPayload ?? [])
                .WithWillRetain(options.WillRetain)
                .WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(options.WillQos, 0, 2));
        }

        try
        {
            _disconnecting = false;
            using var timeout = new CancellationTokenSource(_timeout);
            var result = _client.ConnectAsync(builder.Build(), timeout.Token).GetAwaiter().GetResult();
            return result.ResultCode == MqttClientConnectResultCode.Success ? 0 : (int)result.ResultCode;
        }
        catch (Exception)
        {
            // Transport failure (refused, TLS, timeout): the core only needs "not 0".
            return -1;
        }
    }

    public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        if (!_client.IsConnected) return false;
        if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(0, length).ToArray())
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2))
            .WithRetainFlag(retain)
            .Build();
        _ = PublishAsync(message);
        return true;
    }

    private async Task PublishAsync(MqttApplicationMessage message)
    {
        try
        {
            var result = await _client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (result.IsSuccess) Interlocked.Increment(ref _published);
            else Interlocked.Increment(ref _publishFailures);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _publishFailures);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public bool Subscribe(string topic, int qos)
    {
        if (!_client.IsConnected) return false;
        try
        {
            var options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topic, (MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2))
                .Build();
            using var timeout = new CancellationTokenSource(_timeout);
            var result = _client.SubscribeAsync(options, timeout.Token).GetAwaiter().GetResult();
            return result.Items.All(i => (int)i.ResultCode <= 2);
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Disconnect()
    {
        _disconnecting = true;
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).GetAwaiter().GetResult();
            }
        }
        catch (Exception)
        {
            // Already gone: nothing left to close.
        }
    }

    /// <summary>Drops the TCP connection without DISCONNECT, so the broker publishes the Will (a node losing power).</summary>
    public void Kill() => _client.Dispose();

    private Task OnReceived(MqttApplicationMessageReceivedEventArgs e)
    {
        var listener = _listener;
        if (listener is null) return Task.CompletedTask;
        var payload = e.ApplicationMessage.Payload;
        var bytes = payload.IsEmpty ? [] : payload.ToArray();
        listener.OnMessage(e.ApplicationMessage.Topic, bytes, bytes.Length);
        return Task.CompletedTask;
    }

    private Task OnDisconnected(MqttClientDisconnectedEventArgs e)
    {
        if (!_disconnecting && e.ClientWasConnected) _listener?.OnConnectionLost();
        return Task.CompletedTask;
    }

    public void Dispose() => _client.Dispose();
}
