using Microsoft.Data.Sqlite;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Registry;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>Feed → registry: a node's birth on a real broker discovers it in a real SQLite file.</summary>
public sealed class RegistryFeedSinkTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _dir = ExternalTool.NewTempDirectory("sn-sink");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Birth_on_the_feed_discovers_the_node_then_adopt_and_status_and_last_seen_persist()
    {
        string db = Path.Combine(_dir, "registry.db");
        await using (var registry = await SqliteNodeRegistry.OpenAsync(db))
        {
            await using var feed = new FeedClient(new FeedClientOptions { Broker = fixture.Broker.HostOptions(), Site = "sinkA" });
            await using (var sink = new RegistryFeedSink(feed, registry, TimeSpan.FromMilliseconds(100)))
            {
                await feed.StartAsync();
                await using var node = await fixture.NodeAsync("sinkA", "n03");
                await node.PublishOnlineAsync();
                await node.PublishBirthAsync();
                for (uint s = 0; s < 5; s++) await node.PublishTelemetryAsync(s);
                await Eventually.WaitAsync(() => feed.Statistics.Telemetry == 5, "telemetry through the feed");
                await Eventually.WaitAsync(() => registry.GetNodeAsync("n03").Result?.Online == true, "node discovered and online in the registry");
                await sink.FlushAsync();
                Assert.Equal(0, sink.Errors);
            }
            var discovered = (await registry.GetNodeAsync("n03"))!;
            Assert.Equal(NodeState.Discovered, discovered.State);
            Assert.Equal(("1.0.0", "esp32-devkitc", "0a1b2c3d"), (discovered.FirmwareVersion, discovered.Board, discovered.ConfigHash));
            Assert.Equal(["accelerometer", "current", "temperature"], (await registry.GetSensorsAsync("n03")).Select(s => s.Kind));
            Assert.True(discovered.LastSeen > DateTimeOffset.UtcNow.AddMinutes(-1));
            long asset = await registry.AddAssetAsync(new AssetInfo(0, "sinkA", "Compressor 1"));
            await registry.AdoptAsync(new AdoptRequest("n03", asset));
        }
        await using var reopened = await SqliteNodeRegistry.OpenAsync(db);
        var adopted = (await reopened.GetNodeAsync("n03"))!;
        Assert.Equal(NodeState.Adopted, adopted.State);
        Assert.True(adopted.Online);
    }
}
