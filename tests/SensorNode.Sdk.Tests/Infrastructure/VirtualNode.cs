using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SensorNode.Core.Features;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;

namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>
/// Something that behaves like a node on the broker: it logs in with its own credentials (user = node id), sets
/// the offline status as its Will, and publishes payloads written by the firmware core's encoders. Inbound
/// config and commands go to <see cref="OnInbound"/>, which tests set to answer the way a node does.
/// </summary>
public sealed class VirtualNode : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly JsonWriter _writer = new(new byte[16384]);
    private readonly SemaphoreSlim _publishLock = new(1, 1);

    public VirtualNode(string site, string nodeId)
    {
        Topics = new Topics(site, nodeId);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            var handler = OnInbound;
            if (handler != null) await handler(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
        };
    }

    public Topics Topics { get; }

    public uint BootCount { get; set; } = 1;

    /// <summary>Called for each message on the node's config/desired and cmd topics.</summary>
    public Func<string, byte[], Task>? OnInbound { get; set; }

    public async Task ConnectAsync(int port, string password, CancellationToken cancellationToken = default)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("node-" + Topics.NodeId)
            .WithCredentials(Topics.NodeId, password)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithWillTopic(Topics.Status)
            .WithWillPayload(ProtocolEncoder.WillPayload(BootCount))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"Virtual node {Topics.NodeId} could not connect: {result.ResultCode}");
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.ConfigDesired, MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.Command, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.SubscribeAsync(subscribe, cancellationToken);
    }

    public bool IsConnected => _client.IsConnected;

    public Task PublishOnlineAsync() =>
        PublishEncodedAsync(Topics.Status, w => ProtocolEncoder.Status(w, true, BootCount, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), retain: true);

    public Task PublishBirthAsync(uint nextTelemetry = 0, uint nextAlarm = 0) =>
        PublishEncodedAsync(Topics.Birth, w => ProtocolEncoder.Birth(w, MakeBirth(nextTelemetry, nextAlarm)), retain: true);

    public BirthInfo MakeBirth(uint nextTelemetry, uint nextAlarm) => new()
    {
        TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        TimeSynced = true,
        BootCount = BootCount,
        FirmwareVersion = "1.0.0",
        Board = "esp32-devkitc",
        AssetName = "pump-" + Topics.NodeId,
        NextTelemetrySequence = nextTelemetry,
        NextAlarmSequence = nextAlarm,
        ConfigHash = "0a1b2c3d",
        FftSize = 2048,
        AccelerometerModel = "ADXL345",
        AxisCount = 3,
        AccelerometerRateHz = 3200,
        AccelerometerRangeG = 4,
        TemperatureModel = "BME280",
        CurrentModel = "CT",
        CurrentRateHz = 4000,
        ReportIntervalSeconds = 10,
        Capabilities = BirthInfo.DefaultCapabilities,
    };

    public static MeasurementRecord MakeRecord(uint sequence, bool historical = false)
    {
        var r = new MeasurementRecord
        {
            Sequence = sequence,
            TimestampUnixMs = 1_763_900_000_000L + sequence * 10_000L,
            TimeSynced = true,
            Historical = historical,
            AxisCount = 3,
            TemperatureC = 41.5f,
            HasCurrent = true,
            CurrentRms = 12.25f,
            LineFrequencyHz = 60f,
            Running = true,
            ShaftSpeedHz = 29.5f,
        };
        for (int a = 0; a < 3; a++)
        {
            r.VelocityRms[a] = 1.5f + a + sequence % 7 * 0.01f;
            r.AccelerationRms[a] = 2.0f + a;
            r.CrestFactor[a] = 3.1f;
            r.Kurtosis[a] = 3.0f;
            r.IsoZone[a] = 1;
            r.DominantFrequency[a] = 29.5f;
        }
        return r;
    }

    public Task PublishTelemetryAsync(uint sequence, bool historical = false) =>
        PublishEncodedAsync(Topics.Telemetry, w => ProtocolEncoder.Telemetry(w, MakeRecord(sequence, historical)), retain: false);

    public Task PublishAlarmAsync(uint sequence, int level, float value, bool historical = false) =>
        PublishEncodedAsync(Topics.Alarm, w => ProtocolEncoder.Alarm(w, new AlarmEvent
        {
            Sequence = sequence,
            TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            TimeSynced = true,
            Historical = historical,
            FeatureKey = "vrms",
            Axis = 0,
            Level = level,
            PreviousLevel = AlarmEvent.LevelOk,
            Value = value,
            Threshold = 4.5f,
            Kind = AlarmEvent.KindThreshold,
        }), retain: false);

    public async Task PublishEncodedAsync(string topic, Func<JsonWriter, bool> encode, bool retain)
    {
        await _publishLock.WaitAsync();
        try
        {
            if (!encode(_writer)) throw new InvalidOperationException($"The core encoder did not complete the payload for {topic}.");
            var payload = new byte[_writer.Length];
            Array.Copy(_writer.Buffer, _writer.Offset, payload, 0, _writer.Length);
            await PublishRawAsync(topic, payload, retain);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    public async Task PublishRawAsync(string topic, byte[] payload, bool retain)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message);
        if (!result.IsSuccess) throw new InvalidOperationException($"Publish to {topic} failed: {result.ReasonCode}");
    }

    public async Task DisconnectCleanlyAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await DisconnectCleanlyAsync(); } catch { }
        _client.Dispose();
        _publishLock.Dispose();
    }
}
