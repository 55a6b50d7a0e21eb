using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SensorNode.Cli.Tests.Infrastructure;

/// <summary>A plain MQTTnet client for tests: connects (optionally over TLS checked against a CA file), records what arrives.</summary>
public sealed class TestMqtt : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestMqtt(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? ""));
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<(string Topic, string Payload)> Received { get; } = new();

    public IMqttClient Client => _client;

    /// <summary>Connects; returns the broker's result code instead of throwing when it refuses.</summary>
    public static async Task<(TestMqtt? Client, MqttClientConnectResultCode Code)> TryConnectAsync(int port, string? user, string? password,
        string? caFile = null, string? clientId = null, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? "t-" + Guid.NewGuid().ToString("N")[..10])
            .WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (user is not null) builder.WithCredentials(user, password ?? "");
        if (caFile is not null)
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            builder.WithTlsOptions(t => t.UseTls().WithTargetHost("localhost").WithCertificateValidationHandler(args =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(args.Certificate));
            }));
        }
        try
        {
            var result = await client.ConnectAsync(builder.Build());
            if (result.ResultCode == MqttClientConnectResultCode.Success) return (new TestMqtt(client), result.ResultCode);
            client.Dispose();
            return (null, result.ResultCode);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e)
        {
            client.Dispose();
            var code = e.Message.Contains("NotAuthorized", StringComparison.OrdinalIgnoreCase) ? MqttClientConnectResultCode.NotAuthorized
                : e.Message.Contains("BadUserNameOrPassword", StringComparison.OrdinalIgnoreCase) ? MqttClientConnectResultCode.BadUserNameOrPassword
                : MqttClientConnectResultCode.UnspecifiedError;
            return (null, code);
        }
    }

    public static async Task<TestMqtt> ConnectAsync(int port, string user, string password, string? caFile = null)
    {
        var (client, code) = await TryConnectAsync(port, user, password, caFile);
        return client ?? throw new InvalidOperationException($"{user} could not connect: {code}");
    }

    public async Task SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        _ = result;
    }

    /// <summary>Publishes at QoS 1 and returns the broker's PUBACK reason (MQTT 5 says NotAuthorized when the ACL refuses).</summary>
    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string payload, bool retain = false)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
        return result.ReasonCode;
    }

    public async Task<bool> WaitForAsync(Func<(string Topic, string Payload), bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.Any(match)) return true;
            await Task.Delay(20);
        }
        return Received.Any(match);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync();
        }
        catch (Exception)
        {
        }
        _client.Dispose();
    }
}
