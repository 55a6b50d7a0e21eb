using System.Buffers;
using BenchmarkDotNet.Attributes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Benchmarks;

/// <summary>
/// End-to-end ingest through a real Mosquitto: the same publisher sends the same N telemetry messages (QoS 1,
/// up to 200 in flight), received once by a bare MQTTnet loop that only counts (the baseline) and once by the
/// SDK's FeedClient (decode with the core, dedupe, gap check, typed event). One operation = one message, so
/// the Mean is time per message and the Ratio column is SDK / bare.
/// </summary>
[Config(typeof(IngestConfig))]
public class IngestBenchmarks
{
    public const int Messages = 20_000;
    private const string Site = "bench";
    private const string NodeId = "n01";

    private MosquittoBroker _broker = null!;
    private IMqttClient _publisher = null!;
    private IMqttClient _bare = null!;
    private FeedClient _feed = null!;
    private Topics _topics = null!;
    private byte[][] _payloads = null!;
    private uint _nextSequence;
    private long _bareCount;
    private long _sdkCount;
    private volatile TaskCompletionSource? _done;
    private long _target;

    [GlobalSetup(Target = nameof(BareMqttnetReceive))]
    public void SetupBare() => Task.Run(() => SetupAsync(bare: true)).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(SdkFeedClientReceive))]
    public void SetupSdk() => Task.Run(() => SetupAsync(bare: false)).GetAwaiter().GetResult();

    private async Task SetupAsync(bool bare)
    {
        _broker = await MosquittoBroker.StartAsync([NodeId]);
        _topics = new Topics(Site, NodeId);
        var factory = new MqttClientFactory();
        _publisher = factory.CreateMqttClient();
        await _publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port)
            .WithCredentials(NodeId, _broker.PasswordOf(NodeId)).WithProtocolVersion(MqttProtocolVersion.V311).Build());

        var host = _broker.HostOptions();
        _feed = new FeedClient(new FeedClientOptions { Broker = host, Site = Site });
        _feed.Telemetry += _ =>
        {
            if (Interlocked.Increment(ref _sdkCount) >= Interlocked.Read(ref _target)) _done?.TrySetResult();
        };
        _bare = factory.CreateMqttClient();
        if (!bare)
        {
            await _feed.StartAsync();
            return;
        }
        _bare.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref _bareCount) >= Interlocked.Read(ref _target)) _done?.TrySetResult();
            return Task.CompletedTask;
        };
        await _bare.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port)
            .WithCredentials(host.Username, host.Password).WithProtocolVersion(MqttProtocolVersion.V311).Build());
        await _bare.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topics.AllNodes(Topics.TelemetryLeaf), MqttQualityOfServiceLevel.AtLeastOnce).Build());

    }

    [IterationSetup]
    public void EncodeNextBatch()
    {
        // Fresh sequence numbers every iteration, or the SDK would rightly drop them as duplicates.
        _payloads = new byte[Messages][];
        for (int i = 0; i < Messages; i++) _payloads[i] = Payloads.Telemetry(_nextSequence++);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task BareMqttnetReceive() => Task.Run(() => RunAsync(() => Interlocked.Exchange(ref _bareCount, 0)));

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task SdkFeedClientReceive() => Task.Run(() => RunAsync(() => Interlocked.Exchange(ref _sdkCount, 0)));

    private async Task RunAsync(Action reset)
    {
        reset();
        Interlocked.Exchange(ref _target, Messages);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _done = done;
        var inFlight = new SemaphoreSlim(200);
        var sends = new List<Task>(Messages);
        foreach (var payload in _payloads)
        {
            await inFlight.WaitAsync();
            var message = new MqttApplicationMessageBuilder().WithTopic(_topics.Telemetry).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            sends.Add(_publisher.PublishAsync(message).ContinueWith(_ => inFlight.Release(), TaskScheduler.Default));
        }
        await Task.WhenAll(sends);
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Interlocked.Read(ref _bareCount)} (bare) / {Interlocked.Read(ref _sdkCount)} (SDK) of {Messages} arrived within 60 s.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Task.Run(CleanupAsync).GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        Console.WriteLine($"// SDK feed statistics: {_feed.Statistics}");
        await _feed.DisposeAsync();
        if (_bare.IsConnected) await _bare.DisconnectAsync();
        await _publisher.DisconnectAsync();
        _bare.Dispose();
        _publisher.Dispose();
        await _broker.DisposeAsync();
    }
}
