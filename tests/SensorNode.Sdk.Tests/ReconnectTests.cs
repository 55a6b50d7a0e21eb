using System.Collections.Concurrent;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>The feed survives a broker killed with SIGKILL and restarted: it reconnects by its backoff policy,
/// subscribes again and receives what nodes publish afterwards. Own broker: the restart must not disturb other classes.</summary>
public sealed class ReconnectTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(["n01"]);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Feed_reconnects_after_the_broker_is_killed_and_restarted()
    {
        var states = new ConcurrentQueue<ConnectionState>();
        await using var feed = new FeedClient(new FeedClientOptions { Broker = _broker.HostOptions(), Site = "rc" });
        feed.ConnectionStateChanged += c => states.Enqueue(c.State);
        await feed.StartAsync();

        var node = new VirtualNode("rc", "n01");
        await node.ConnectAsync(_broker.Port, _broker.PasswordOf("n01"));
        await node.PublishTelemetryAsync(0);
        await Eventually.WaitAsync(() => feed.Statistics.Telemetry == 1, "first record");
        await node.DisposeAsync();

        await _broker.KillAndRestartAsync(TimeSpan.FromMilliseconds(500));
        await Eventually.WaitAsync(() => feed.ConnectionState == ConnectionState.Connected && feed.Statistics.Reconnects == 1, "feed reconnected", 20);

        await using var again = new VirtualNode("rc", "n01");
        await again.ConnectAsync(_broker.Port, _broker.PasswordOf("n01"));
        await again.PublishTelemetryAsync(1);
        await Eventually.WaitAsync(() => feed.Statistics.Telemetry == 2, "record after the restart (subscriptions renewed)");
        Assert.Contains(ConnectionState.Reconnecting, states);
        Assert.Equal(0, feed.Statistics.GapsReported);
    }
}
