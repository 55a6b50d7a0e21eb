using System.Collections.Concurrent;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>The feed client against a real Mosquitto, fed by virtual nodes publishing the core's encodings.</summary>
public sealed class FeedClientTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private MosquittoBroker Broker => fixture.Broker;

    private FeedClientOptions Options(string site, string? group = null) => new()
    {
        Broker = Broker.HostOptions(),
        Site = site,
        SharedGroup = group,
        DedupeWindow = 64,
    };

    private sealed class Recorder
    {
        public readonly ConcurrentQueue<FeedEvent> All = new();

        public Recorder(FeedClient feed)
        {
            feed.Telemetry += e => All.Enqueue(e);
            feed.Alarm += e => All.Enqueue(e);
            feed.Birth += e => All.Enqueue(e);
            feed.Health += e => All.Enqueue(e);
            feed.StatusChanged += e => All.Enqueue(e);
            feed.Gap += e => All.Enqueue(e);
            feed.DecodeError += e => All.Enqueue(e);
        }

        public List<T> Of<T>() => All.OfType<T>().ToList();
    }

    [Fact]
    public async Task Telemetry_and_birth_arrive_typed_with_the_values_the_node_encoded()
    {
        await using var feed = new FeedClient(Options("siteA"));
        var events = new List<FeedEvent>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reader = Task.Run(async () =>
        {
            await foreach (var e in feed.ReadEventsAsync(cts.Token))
            {
                lock (events) events.Add(e);
                if (events.OfType<TelemetryReceived>().Count() == 3) break;
            }
        });
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("siteA", "n01");
        await node.PublishBirthAsync();
        for (uint s = 0; s < 3; s++) await node.PublishTelemetryAsync(s);
        await reader;

        var birth = Assert.Single(events.OfType<BirthReceived>());
        Assert.Equal(new NodeRef("siteA", "n01"), birth.Node);
        Assert.Equal("1.0.0", birth.Birth.FirmwareVersion);
        Assert.Equal("ADXL345", birth.Birth.AccelerometerModel);
        var telemetry = events.OfType<TelemetryReceived>().ToList();
        Assert.Equal([0L, 1L, 2L], telemetry.Select(t => t.Sequence));
        var expected = VirtualNode.MakeRecord(2);
        var got = telemetry[2].Record;
        Assert.Equal(expected.TimestampUnixMs, got.TimestampUnixMs);
        Assert.Equal(expected.VelocityRms, got.VelocityRms);
        Assert.Equal(expected.CurrentRms, got.CurrentRms);
        Assert.Equal(expected.TemperatureC, got.TemperatureC);
        Assert.Equal(1, got.IsoZone[0]);
        Assert.False(telemetry[2].Historical);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected.TimestampUnixMs), telemetry[2].MeasuredAt);
    }

    [Fact]
    public async Task Duplicates_are_dropped_and_gaps_reported_with_from_and_to()
    {
        await using var feed = new FeedClient(Options("siteB"));
        var recorder = new Recorder(feed);
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("siteB", "n02");
        // 0 1 2 2 1 | 3 and 4 lost | 5 6 | 3 arrives late | 10 (gap 7..9)
        foreach (uint s in new uint[] { 0, 1, 2, 2, 1, 5, 6, 3, 10 }) await node.PublishTelemetryAsync(s);
        await node.PublishAlarmAsync(0, AlarmEvent.LevelWarning, 3.1f);
        await node.PublishAlarmAsync(0, AlarmEvent.LevelWarning, 3.1f);
        await node.PublishAlarmAsync(2, AlarmEvent.LevelAlarm, 5.2f);

        await Eventually.WaitAsync(() => feed.Statistics.MessagesReceived >= 12, "12 messages received");
        var telemetry = recorder.Of<TelemetryReceived>();
        Assert.Equal([0L, 1L, 2L, 5L, 6L, 3L, 10L], telemetry.Select(t => t.Sequence));
        Assert.True(telemetry.Single(t => t.Sequence == 3).Late);
        var gaps = recorder.Of<SequenceGap>();
        Assert.Equal(
            [(SequenceStream.Telemetry, 3L, 4L), (SequenceStream.Telemetry, 7L, 9L), (SequenceStream.Alarm, 1L, 1L)],
            gaps.Select(g => (g.Stream, g.From, g.To)));
        var alarms = recorder.Of<AlarmReceived>();
        Assert.Equal(["warning", "alarm"], alarms.Select(a => a.Level));
        Assert.Equal(5.2f, alarms[1].Alarm.Value);
        var stats = feed.Statistics;
        Assert.Equal(3, stats.Duplicates);
        Assert.Equal(3, stats.GapsReported);
        Assert.Equal(6, stats.MissingReported);
        Assert.Equal(1, stats.Late);
    }

    [Fact]
    public async Task Historical_records_are_flagged_and_counted_separately()
    {
        await using var feed = new FeedClient(Options("siteC"));
        var recorder = new Recorder(feed);
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("siteC", "n03");
        // Live numbering resumed at 200 after an outage; the queue replays 150..199 flagged historical,
        // then 100..109 which are older than the 64-deep dedupe window, and one replay duplicate.
        await node.PublishTelemetryAsync(200);
        for (uint s = 150; s < 200; s++) await node.PublishTelemetryAsync(s, historical: true);
        await node.PublishTelemetryAsync(201);
        for (uint s = 100; s < 110; s++) await node.PublishTelemetryAsync(s, historical: true);
        await node.PublishTelemetryAsync(199, historical: true);

        await Eventually.WaitAsync(() => feed.Statistics.MessagesReceived >= 63, "63 messages received");
        var telemetry = recorder.Of<TelemetryReceived>();
        Assert.Equal(62, telemetry.Count);
        Assert.Equal(60, telemetry.Count(t => t.Historical));
        Assert.True(telemetry.Where(t => t.Historical).All(t => t.Record.Historical));
        Assert.False(telemetry.Single(t => t.Sequence == 201).Historical);
        var stats = feed.Statistics;
        Assert.Equal(60, stats.Historical);
        Assert.Equal(50, stats.Late);          // 150..199 filled the gap below 200
        Assert.Equal(10, stats.BeyondWindow);  // 100..109: delivered, but too old to check
        Assert.Equal(1, stats.Duplicates);     // the second 199
        Assert.Equal(0, stats.SequenceResets); // historical records never reset the numbering
    }

    [Fact]
    public async Task Status_follows_the_retained_online_message_and_the_will_when_the_connection_is_cut()
    {
        await using var proxy = new TcpCutProxy(Broker.Port);
        await using var feed = new FeedClient(Options("siteD"));
        var recorder = new Recorder(feed);
        await feed.StartAsync();
        var node = await fixture.NodeAsync("siteD", "n04", proxy.Port);
        await node.PublishOnlineAsync();
        var key = new NodeRef("siteD", "n04");
        await Eventually.WaitAsync(() => feed.IsOnline(key) == true, "node online");

        proxy.CutAll(); // no DISCONNECT reaches the broker: it must publish the Will
        await Eventually.WaitAsync(() => feed.IsOnline(key) == false, "node offline through its Will", 15);
        var changes = recorder.Of<NodeStatusChanged>();
        Assert.Equal([true, false], changes.Select(c => c.Online));
        Assert.False(changes[1].FromRetained);
        Assert.DoesNotContain(key, feed.OnlineNodes);
        await node.DisposeAsync();

        // A consumer that starts later learns the state from the retained status.
        await using var late = new FeedClient(Options("siteD"));
        var lateRecorder = new Recorder(late);
        await late.StartAsync();
        await Eventually.WaitAsync(() => late.IsOnline(key) == false, "retained offline status");
        Assert.True(Assert.Single(lateRecorder.Of<NodeStatusChanged>()).FromRetained);
    }

    [Fact]
    public async Task A_stale_will_of_an_older_boot_does_not_mark_a_reconnected_node_offline()
    {
        await using var feed = new FeedClient(Options("siteE"));
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("siteE", "n05");
        node.BootCount = 8;
        await node.PublishOnlineAsync();
        var key = new NodeRef("siteE", "n05");
        await Eventually.WaitAsync(() => feed.IsOnline(key) == true, "online");
        await node.PublishRawAsync(node.Topics.Status, ProtocolEncoder.WillPayload(7), retain: true);
        await node.PublishTelemetryAsync(1); // a marker: once it is through, the stale Will was processed
        await Eventually.WaitAsync(() => feed.Statistics.Telemetry == 1, "marker");
        Assert.True(feed.IsOnline(key));
    }

    [Fact]
    public async Task An_undecodable_payload_is_reported_and_the_feed_goes_on()
    {
        await using var feed = new FeedClient(Options("siteF"));
        var recorder = new Recorder(feed);
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("siteF", "n06");
        await node.PublishRawAsync(node.Topics.Telemetry, "{\"seq\": \"one\"}"u8.ToArray(), retain: false);
        await node.PublishRawAsync(node.Topics.Telemetry, "not json"u8.ToArray(), retain: false);
        await node.PublishTelemetryAsync(4);
        await Eventually.WaitAsync(() => recorder.Of<TelemetryReceived>().Count == 1, "the good record");
        var failures = recorder.Of<DecodeFailed>();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.StartsWith("Invalid telemetry payload", f.Reason));
        Assert.Equal(2, feed.Statistics.DecodeErrors);
    }

    [Fact]
    public async Task Shared_subscription_members_split_one_feed_without_overlap()
    {
        var a = new FeedClient(Options("siteG", group: "ingest"));
        var b = new FeedClient(Options("siteG", group: "ingest"));
        await using var _ = a;
        await using var __ = b;
        var seenA = new ConcurrentBag<long>();
        var seenB = new ConcurrentBag<long>();
        a.Telemetry += t => seenA.Add(t.Sequence);
        b.Telemetry += t => seenB.Add(t.Sequence);
        var gaps = 0;
        a.Gap += _ => Interlocked.Increment(ref gaps);
        b.Gap += _ => Interlocked.Increment(ref gaps);
        await a.StartAsync();
        await b.StartAsync();
        Assert.All(a.SubscriptionTopics.Where(t => t.EndsWith("/telemetry")), t => Assert.StartsWith("$share/ingest/", t));

        await using var node = await fixture.NodeAsync("siteG", "n07");
        for (uint s = 0; s < 60; s++) await node.PublishTelemetryAsync(s);
        await Eventually.WaitAsync(() => seenA.Count + seenB.Count >= 60, "60 records across the group");
        await Task.Delay(200);
        Assert.Equal(60, seenA.Count + seenB.Count);
        Assert.Empty(seenA.Intersect(seenB));
        Assert.NotEmpty(seenA);
        Assert.NotEmpty(seenB);
        Assert.Equal(0, gaps); // each member sees only part of the numbers: gap reports are off in a group
    }

    [Fact]
    public async Task Mqtt311_connections_carry_the_feed_and_shared_groups_too()
    {
        var options = Options("siteI", group: "v311");
        options.Broker.ProtocolVersion = SensorNode.Sdk.Mqtt.MqttVersion.V311;
        await using var feed = new FeedClient(options);
        var recorder = new Recorder(feed);
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("siteI", "n08");
        await node.PublishOnlineAsync();
        for (uint s = 0; s < 5; s++) await node.PublishTelemetryAsync(s);
        await node.PublishTelemetryAsync(4);
        await Eventually.WaitAsync(() => feed.Statistics.MessagesReceived >= 7, "7 messages over MQTT 3.1.1");
        Assert.Equal([0L, 1L, 2L, 3L, 4L], recorder.Of<TelemetryReceived>().Select(t => t.Sequence));
        Assert.Equal(1, feed.Statistics.Duplicates);
        Assert.True(feed.IsOnline(new NodeRef("siteI", "n08")));
    }

    [Fact]
    public async Task Wrong_credentials_fail_start_with_a_clear_message_that_hides_the_password()
    {
        var options = Options("siteH");
        options.Broker.Password = "definitely-wrong-" + Guid.NewGuid();
        await using var feed = new FeedClient(options);
        var error = await Assert.ThrowsAsync<SensorNode.Sdk.Mqtt.MqttConnectionException>(() => feed.StartAsync());
        Assert.Contains($"127.0.0.1:{Broker.Port}", error.Message);
        Assert.DoesNotContain(options.Broker.Password, error.ToString());
    }
}
