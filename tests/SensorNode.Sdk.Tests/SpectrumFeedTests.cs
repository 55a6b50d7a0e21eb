using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>Spectrum chunks and the reported config through a real Mosquitto into the feed client's typed events.</summary>
public sealed class SpectrumFeedTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Chunks_published_out_of_order_with_a_duplicate_arrive_typed_and_reassemble()
    {
        var broker = fixture.Broker;
        await using var feed = new FeedClient(new FeedClientOptions { Broker = broker.HostOptions(), Site = "spec" });
        var reassembler = new SpectrumReassembler();
        feed.SpectrumChunk += c => reassembler.Add(c);
        await feed.StartAsync();
        await using var node = await fixture.NodeAsync("spec", "n05");

        var amps = new float[700];
        for (int i = 0; i < amps.Length; i++) amps[i] = 0.01f + (i == 95 ? 3.5f : 0f);
        var waiting = reassembler.WaitForAsync(new NodeRef("spec", "n05"), "c-3", TimeSpan.FromSeconds(10));
        foreach (int k in new[] { 2, 0, 0, 1 })
        {
            int first = k * 256;
            await node.PublishEncodedAsync(node.Topics.Spectrum, w => ProtocolEncoder.SpectrumChunk(w, "c-3", 1763900005100, 2, "accel", "m/s2",
                1.5625f, amps, first, Math.Min(256, amps.Length - first), amps.Length, k, 3), retain: false);
        }
        var snapshot = await waiting;
        Assert.Equal(("z", "accel", "m/s2", 700), (snapshot.Axis, snapshot.Kind, snapshot.Unit, snapshot.Amplitudes.Length));
        Assert.Equal(95 * 1.5625, snapshot.Peak(1).Hz, 6);
        Assert.Equal(3.51, snapshot.Peak(1).Amplitude, 3);
        await Eventually.WaitAsync(() => feed.Statistics.SpectrumChunks == 4, "four chunks counted");
        Assert.Equal(1, reassembler.DuplicateChunks);
    }

    [Fact]
    public async Task The_reported_config_arrives_typed_when_asked_for()
    {
        var broker = fixture.Broker;
        await using var node = await fixture.NodeAsync("spec", "n06");
        var config = new NodeConfig
        {
            NodeId = "n06", Site = "spec", BrokerHost = "localhost", BearingBalls = 9, BearingBallDiameterMm = 7.94f,
            BearingPitchDiameterMm = 39.04f, ShaftMode = NodeConfig.ShaftFixed, ShaftRpm = 1485,
        };
        await node.PublishEncodedAsync(node.Topics.ConfigReported, w => ConfigCodec.WriteReported(w, config, "00112233aabbccdd", 42), retain: true);

        // Retained: a consumer that subscribes afterwards gets it; one that did not ask for it does not.
        await using var feed = new FeedClient(new FeedClientOptions { Broker = broker.HostOptions(), Site = "spec", ReportedConfig = true });
        await using var plain = new FeedClient(new FeedClientOptions { Broker = broker.HostOptions(), Site = "spec" });
        ReportedConfigReceived? got = null;
        int plainGot = 0;
        feed.ReportedConfig += r => got = r;
        plain.ReportedConfig += _ => Interlocked.Increment(ref plainGot);
        await plain.StartAsync();
        await feed.StartAsync();
        await Eventually.WaitAsync(() => got != null, "reported config");
        Assert.Equal(new NodeRef("spec", "n06"), got!.Node);
        Assert.Equal((42L, "00112233aabbccdd"), (got.Counter, got.Hash));
        Assert.Equal((9, NodeConfig.ShaftFixed), (got.Config.BearingBalls, got.Config.ShaftMode));
        Assert.Equal(1485f, got.Config.ShaftRpm);
        Assert.Equal(0, plainGot);
        await node.PublishRawAsync(node.Topics.ConfigReported, [], retain: true); // clear the retained document
    }
}
