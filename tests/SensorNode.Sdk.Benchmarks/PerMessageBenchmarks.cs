using System.Buffers;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using MQTTnet;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Protocol;
using SensorNode.Sdk.Registry;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Benchmarks;

/// <summary>
/// What the SDK adds per telemetry message, without the network: the core decoder alone; decode + dedupe + gap
/// check + event (FeedClient's processing step); and the registry's last-seen write, once per message in its
/// own durable transaction and once batched as RegistryFeedSink does it (100 nodes per commit).
/// </summary>
[Config(typeof(PerMessageConfig))]
public class PerMessageBenchmarks
{
    private byte[][] _payloads = null!;
    private MqttApplicationMessage[] _messages = null!;
    private FeedClient _feed = null!;
    private SqliteNodeRegistry _registry = null!;
    private string _dir = null!;
    private int _i;
    private LastSeenUpdate[] _batch = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _payloads = Enumerable.Range(0, 1024).Select(i => Payloads.Telemetry((uint)i)).ToArray();
        _messages = _payloads.Select(p => new MqttApplicationMessageBuilder().WithTopic("sensornode/v1/bench/n01/telemetry").WithPayload(p).Build()).ToArray();
        _feed = new FeedClient(new FeedClientOptions { Broker = new SensorNode.Sdk.Mqtt.BrokerOptions { Host = "127.0.0.1" } });
        _dir = ExternalTool.NewTempDirectory("sn-bench");
        _registry = await SqliteNodeRegistry.OpenAsync(Path.Combine(_dir, "registry.db"));
        for (int n = 0; n < 100; n++)
            await _registry.RecordBirthAsync(new NodeBirthInfo("bench", $"n{n:D3}", "1.0.0", "esp32-devkitc", "h", [], DateTimeOffset.UtcNow));
        _batch = Enumerable.Range(0, 100).Select(n => new LastSeenUpdate($"n{n:D3}", DateTimeOffset.UtcNow)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public object DecodeTelemetry() => PayloadDecoder.Telemetry(new ReadOnlySequence<byte>(_payloads[_i++ & 1023]));

    [Benchmark]
    public object? DecodeDedupeAndClassify()
    {
        // Sequence 0..1023 in order, then the node's state is forgotten (1 in 1024 calls): no duplicates, no gaps.
        int index = _i++ & 1023;
        if (index == 0) _feed.ResetTracking();
        var message = _messages[index];
        return _feed.Process(new NodeRef("bench", "n01"), Topics.TelemetryLeaf, message, DateTimeOffset.UtcNow, out _);
    }

    [Benchmark]
    public Task RegistryLastSeenOneCommitPerMessage() =>
        _registry.RecordLastSeenAsync([new LastSeenUpdate("n001", DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000 + _i++))]);

    [Benchmark(OperationsPerInvoke = 100)]
    public Task RegistryLastSeenBatchedPerMessage() => _registry.RecordLastSeenAsync(_batch);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _feed.DisposeAsync();
        await _registry.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
