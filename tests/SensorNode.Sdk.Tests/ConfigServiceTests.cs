using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using MQTTnet;
using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Config;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Protocol;
using SensorNode.Sdk.Registry;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>Config push, fleet rollout and commands through a real Mosquitto to nodes running the core's config
/// processor and command parser.</summary>
public sealed class ConfigServiceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private readonly string _dir = ExternalTool.NewTempDirectory("sn-config");
    private SqliteNodeRegistry _registry = null!;
    private readonly List<IAsyncDisposable> _cleanup = new();

    public async Task InitializeAsync() => _registry = await SqliteNodeRegistry.OpenAsync(Path.Combine(_dir, "registry.db"));

    public async Task DisposeAsync()
    {
        foreach (var d in _cleanup) await d.DisposeAsync();
        await _registry.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private async Task<ConfigService> ServiceAsync(double ackTimeoutSeconds = 5)
    {
        var service = new ConfigService(new ConfigServiceOptions
        {
            Broker = fixture.Broker.HostOptions(),
            AckTimeout = TimeSpan.FromSeconds(ackTimeoutSeconds),
        }, _registry);
        _cleanup.Add(service);
        await service.StartAsync();
        return service;
    }

    /// <summary>A node that knows its key, with the same key in the host registry.</summary>
    private async Task<(VirtualNode Node, NodeConfigResponder Brain)> NodeAsync(string site, string id, Action<NodeConfig>? customize = null)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var node = await fixture.NodeAsync(site, id);
        _cleanup.Add(node);
        var brain = new NodeConfigResponder(node, key, customize);
        await _registry.RecordBirthAsync(new NodeBirthInfo(site, id, "1.0.0", "esp32-devkitc", "h", [], DateTimeOffset.UtcNow));
        await _registry.SetNodeKeyAsync(id, key);
        return (node, brain);
    }

    [Fact]
    public async Task A_partial_config_is_applied_and_acknowledged_and_recorded()
    {
        var service = await ServiceAsync();
        var (node, brain) = await NodeAsync("cfgA", "n10");
        var result = await service.PushPartialConfigAsync(new NodeRef("cfgA", "n10"), """{"report":{"intervalS":30,"alarmIntervalS":5}}""");

        Assert.Equal(ConfigOutcome.Applied, result.Outcome);
        Assert.Equal("ok", result.Result);
        Assert.Equal(30, brain.Current.ReportIntervalS);
        Assert.Equal(5, brain.Current.AlarmReportIntervalS);
        Assert.Equal(ConfigHash.Compute(brain.Current), result.ConfigHash);
        Assert.Equal("applied", (await _registry.GetNodeAsync("n10"))!.LastConfigResult);
        Assert.Equal("wifi-secret-n10", brain.Current.WifiPassword); // untouched by a partial config
    }

    [Fact]
    public async Task A_whole_config_is_sent_retained_signed_and_without_secrets()
    {
        var service = await ServiceAsync();
        var (node, brain) = await NodeAsync("cfgB", "n11");
        var desired = new NodeConfig();
        desired.CopyFrom(brain.Current);
        desired.AssetName = "Cooling-pump-2";
        desired.WifiPassword = "must-not-travel";
        var result = await service.PushConfigAsync(new NodeRef("cfgB", "n11"), desired);
        Assert.Equal(ConfigOutcome.Applied, result.Outcome);
        Assert.Equal("Cooling-pump-2", brain.Current.AssetName);
        Assert.Equal("wifi-secret-n11", brain.Current.WifiPassword); // secrets are not pushed over MQTT

        // The desired config stays retained for a node that reconnects; it is signed and carries no secret.
        var retained = await ReadRetainedAsync(node.Topics.ConfigDesired);
        Assert.Contains("\"sig\":\"", retained);
        Assert.DoesNotContain("must-not-travel", retained);
        Assert.DoesNotContain("wifi-secret", retained);
        Assert.DoesNotContain(Convert.ToHexString(brain.Current.CommandKey).ToLowerInvariant(), retained);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_gives_no_answer_after_the_timeout()
    {
        var service = await ServiceAsync(ackTimeoutSeconds: 1);
        var (_, brain) = await NodeAsync("cfgC", "n12");
        brain.Silent = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await service.PushPartialConfigAsync(new NodeRef("cfgC", "n12"), """{"report":{"intervalS":30}}""");
        Assert.Equal(ConfigOutcome.NoAnswer, result.Outcome);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"returned after {clock.Elapsed}");
        Assert.Equal("no answer", (await _registry.GetNodeAsync("n12"))!.LastConfigResult);
    }

    [Fact]
    public async Task An_invalid_config_is_rejected_with_the_field_and_reason_and_the_old_config_stays()
    {
        var service = await ServiceAsync();
        var (_, brain) = await NodeAsync("cfgD", "n13");
        float before = brain.Current.VelocityBandHighHz;
        var result = await service.PushPartialConfigAsync(new NodeRef("cfgD", "n13"), """{"bands":{"velocity":{"lo":10,"hi":5000}}}""");
        Assert.Equal(ConfigOutcome.Rejected, result.Outcome);
        Assert.Equal("invalid_config", result.Result);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("bands.velocity.hi", "inconsistent"), (error.Path, error.Code));
        Assert.StartsWith("rejected: bands.velocity.hi inconsistent", result.Summary);
        Assert.Equal(before, brain.Current.VelocityBandHighHz);
    }

    [Fact]
    public async Task A_config_signed_with_the_wrong_key_is_refused_by_the_node()
    {
        var service = await ServiceAsync();
        var (_, brain) = await NodeAsync("cfgE", "n14");
        await _registry.SetNodeKeyAsync("n14", RandomNumberGenerator.GetBytes(32)); // the host's key no longer matches
        var result = await service.PushPartialConfigAsync(new NodeRef("cfgE", "n14"), """{"report":{"intervalS":30}}""");
        Assert.Equal(ConfigOutcome.Rejected, result.Outcome);
        Assert.Equal("bad_signature", result.Result);
        Assert.Equal(60, brain.Current.ReportIntervalS);
    }

    [Fact]
    public async Task Bad_json_and_unknown_keys_fail_before_anything_is_sent()
    {
        var service = await ServiceAsync();
        var badJson = await Assert.ThrowsAsync<ArgumentException>(() => service.PushPartialConfigAsync(new NodeRef("cfgF", "n15"), "{\"report\": {"));
        Assert.Contains("not valid JSON", badJson.Message);
        var noKey = await Assert.ThrowsAsync<ConfigServiceException>(() => service.PushPartialConfigAsync(new NodeRef("cfgF", "n99"), """{"report":{"intervalS":30}}"""));
        Assert.Contains("no command key", noKey.Message);
    }

    [Fact]
    public async Task Fleet_rollout_reports_applied_rejected_with_reason_and_no_answer_per_node()
    {
        var service = await ServiceAsync(ackTimeoutSeconds: 2);
        string[] ids = ["n16", "n17", "n18", "n19", "n20", "n21"];
        var brains = new Dictionary<string, NodeConfigResponder>();
        foreach (var id in ids)
        {
            // n18 carries a slow accelerometer (800 Hz): a 1 kHz velocity band is above its Nyquist frequency.
            Action<NodeConfig>? slow = id != "n18" ? null : c =>
            {
                c.AccelOdrHz = 800;
                c.VelocityBandHighHz = 350;
                c.HfBandLowHz = 200; c.HfBandHighHz = 390;
                c.EnvelopeBandLowHz = 100; c.EnvelopeBandHighHz = 390;
            };
            brains[id] = (await NodeAsync("fleet", id, slow)).Brain;
        }
        brains["n20"].Silent = true; // lost its uplink

        var progress = new List<ConfigPushResult>();
        var report = await service.RolloutAsync(
            ids.Select(id => new NodeRef("fleet", id)).ToList(),
            """{"bands":{"velocity":{"lo":10,"hi":1000}},"report":{"intervalS":20}}""",
            new RolloutOptions { BatchSize = 2, StopAfterFailures = 3 },
            new SyncProgress<ConfigPushResult>(r => { lock (progress) progress.Add(r); }));

        var table = report.Results.ToDictionary(r => r.Node.NodeId);
        Assert.False(report.Stopped);
        Assert.Equal((4, 1, 1, 0), (report.Applied, report.Rejected, report.NoAnswer, report.NotAttempted));
        foreach (var id in new[] { "n16", "n17", "n19", "n21" })
        {
            Assert.Equal(ConfigOutcome.Applied, table[id].Outcome);
            Assert.Equal(20, brains[id].Current.ReportIntervalS);
        }
        Assert.Equal(ConfigOutcome.Rejected, table["n18"].Outcome);
        Assert.Equal("bands.velocity.hi", Assert.Single(table["n18"].Errors).Path);
        Assert.Contains("Nyquist", table["n18"].Summary);
        Assert.Equal(60, brains["n18"].Current.ReportIntervalS); // rejected whole: nothing of it applied
        Assert.Equal(ConfigOutcome.NoAnswer, table["n20"].Outcome);
        Assert.Equal(6, progress.Count);
        Assert.Equal(ids, report.Results.Select(r => r.Node.NodeId)); // table in the order given
    }

    [Fact]
    public async Task Rollout_stops_at_the_threshold_and_leaves_the_rest_not_attempted()
    {
        var service = await ServiceAsync(ackTimeoutSeconds: 1);
        string[] ids = ["n22", "n23", "n24"];
        var brains = new Dictionary<string, NodeConfigResponder>();
        foreach (var id in ids) brains[id] = (await NodeAsync("stop", id)).Brain;
        brains["n22"].Silent = true;
        var report = await service.RolloutAsync(ids.Select(id => new NodeRef("stop", id)).ToList(), """{"report":{"intervalS":25}}""",
            new RolloutOptions { BatchSize = 1, StopAfterFailures = 1 });
        Assert.True(report.Stopped);
        Assert.Equal([ConfigOutcome.NoAnswer, ConfigOutcome.NotAttempted, ConfigOutcome.NotAttempted], report.Results.Select(r => r.Outcome));
        Assert.Equal(60, brains["n23"].Current.ReportIntervalS);
        Assert.Contains("stopped after 1 of 3", report.StopReason);
    }

    [Fact]
    public async Task Signed_commands_are_executed_and_acknowledged()
    {
        var service = await ServiceAsync();
        var (_, brain) = await NodeAsync("cmdA", "n01");
        var node = new NodeRef("cmdA", "n01");
        var identify = await service.SendCommandAsync(node, NodeCommand.Identify(5));
        var spectrum = await service.SendCommandAsync(node, NodeCommand.Spectrum("y", Command.SpectrumVelocity, 500));
        var rebirth = await service.SendCommandAsync(node, NodeCommand.Parse("rebirth"));
        Assert.All(new[] { identify, spectrum, rebirth }, r => Assert.True(r.Succeeded, $"{r.Command}: {r.Result}"));
        Assert.Equal([Command.Identify, Command.Spectrum, Command.Rebirth], brain.Executed.Select(c => c.Kind));
        Assert.Equal(5, brain.Executed[0].Seconds);
        Assert.Equal((1, Command.SpectrumVelocity, 500f), (brain.Executed[1].Axis, brain.Executed[1].SpectrumKind, brain.Executed[1].MaxHz));
        Assert.True(identify.Counter < spectrum.Counter && spectrum.Counter < rebirth.Counter);
        Assert.Throws<ArgumentException>(() => NodeCommand.Parse("self_destruct"));
    }

    private async Task<string> ReadRetainedAsync(string topic)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = fixture.Broker.HostOptions();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", fixture.Broker.Port)
            .WithCredentials(options.Username, options.Password).Build());
        var received = new TaskCompletionSource<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic).Build());
        var text = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await client.DisconnectAsync();
        return text;
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
