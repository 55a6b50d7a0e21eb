using System.Text.Json;
using SensorNode.Cli.Broker;
using SensorNode.Cli.Tests.Infrastructure;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary>
/// <c>sensornode broker setup</c> run as a process; then a real Mosquitto started with exactly the generated
/// configuration proves every rule: TLS with the generated CA, anonymous refused, wrong password refused, a node
/// writes only its own reports, cannot write its config or another node's subtree, cannot read another node's
/// config; the host identity alone writes config and commands.
/// </summary>
public sealed class BrokerSetupTests
{
    private const string Site = "plant1";

    private static async Task<(TempDir Dir, JsonElement Json, CliProcess.Result Run, int TlsPort, int PlainPort)> SetupAsync()
    {
        var dir = new TempDir("sn-broker");
        int tls = Mosquitto.FreePort(), plain = Mosquitto.FreePort();
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "broker", "setup", "--out", dir.Path, "--site", Site,
            "--node", "press-01", "--node", "pump-02", "--tls-port", tls.ToString(), "--bind", "127.0.0.1",
            "--dev-plain-port", plain.ToString(), "--run-as-user", Environment.UserName, "--json");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        var json = JsonDocument.Parse(run.StdOut).RootElement.Clone();
        return (dir, json, run, tls, plain);
    }

    [Fact]
    public async Task Writes_every_file_keeps_secrets_private_and_never_prints_a_password()
    {
        var (dir, json, run, _, _) = await SetupAsync();
        using var cleanup = dir;
        var secrets = json.GetProperty("secretsFile").GetString()!;
        var passwords = BrokerSetup.ReadPasswords(secrets);
        Assert.Equal(["press-01", "pump-02", "sensornode-host"], passwords.Keys.Order());
        Assert.All(passwords.Values, p => Assert.True(p.Length >= 32));
        Assert.Equal(3, passwords.Values.Distinct().Count());
        foreach (var p in passwords.Values)
        {
            Assert.DoesNotContain(p, run.StdOut);
            Assert.DoesNotContain(p, run.StdErr);
            Assert.DoesNotContain(p, File.ReadAllText(dir.File("mosquitto.conf")));
            Assert.DoesNotContain(p, File.ReadAllText(dir.File("passwd")));
        }

        var privateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var f in new[] { "secrets.json", "passwd", "ca.key", "server.key", "clients/press-01.key", "clients/sensornode-host.key" })
            Assert.Equal(privateMode, File.GetUnixFileMode(dir.File(f)));

        // Every password-file line verifies with its own password ($7$ PBKDF2-SHA512, as Mosquitto reads it).
        var lines = File.ReadAllLines(dir.File("passwd"));
        foreach (var (user, password) in passwords)
            Assert.Single(lines, l => MosquittoPasswordFile.Verify(l, user, password));
        Assert.DoesNotContain(lines, l => MosquittoPasswordFile.Verify(l, "press-01", "wrong"));

        var conf = File.ReadAllText(dir.File("mosquitto.conf"));
        Assert.Contains("allow_anonymous false", conf);
        Assert.Matches(@"listener \d+ 127\.0\.0\.1\nprotocol mqtt\n(?!cafile)", conf.Split("# Development only")[1]);

        // Running again without --force refuses and changes nothing.
        var before = File.ReadAllText(dir.File("passwd"));
        var again = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "broker", "setup", "--out", dir.Path, "--node", "x1");
        Assert.Equal(ExitCodes.FileConflict, again.ExitCode);
        Assert.Equal(before, File.ReadAllText(dir.File("passwd")));
    }

    [Fact]
    public async Task Invalid_node_id_is_a_usage_error()
    {
        using var dir = new TempDir();
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "broker", "setup", "--out", dir.Path, "--node", "bad/id");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("bad/id", run.StdErr);
        Assert.False(File.Exists(dir.File("mosquitto.conf")));
    }

    [SkippableMosquittoFact]
    public async Task Mosquitto_with_the_generated_config_enforces_every_rule()
    {
        var (dir, json, _, tls, plain) = await SetupAsync();
        using var cleanup = dir;
        var passwords = BrokerSetup.ReadPasswords(json.GetProperty("secretsFile").GetString()!);
        var ca = json.GetProperty("caCertificate").GetString()!;
        await using var broker = await Mosquitto.StartAsync(json.GetProperty("config").GetString()!, tls, plain);

        // Anonymous and wrong passwords are refused, on both listeners.
        var (anonymous, code) = await TestMqtt.TryConnectAsync(tls, null, null, ca);
        Assert.Null(anonymous);
        Assert.NotEqual(MQTTnet.MqttClientConnectResultCode.Success, code);
        (anonymous, _) = await TestMqtt.TryConnectAsync(plain, null, null);
        Assert.Null(anonymous);
        var (wrong, _) = await TestMqtt.TryConnectAsync(tls, "press-01", "not-the-password", ca);
        Assert.Null(wrong);
        // TLS listener does not speak plain MQTT.
        var (plainOnTls, _) = await TestMqtt.TryConnectAsync(tls, "press-01", passwords["press-01"]);
        Assert.Null(plainOnTls);

        await using var host = await TestMqtt.ConnectAsync(tls, "sensornode-host", passwords["sensornode-host"], ca);
        await using var press = await TestMqtt.ConnectAsync(tls, "press-01", passwords["press-01"], ca);
        await using var pump = await TestMqtt.ConnectAsync(plain, "pump-02", passwords["pump-02"]);
        await host.SubscribeAsync("sensornode/v1/#");
        await press.SubscribeAsync($"sensornode/v1/{Site}/press-01/config/desired");
        await press.SubscribeAsync($"sensornode/v1/{Site}/press-01/cmd");
        await pump.SubscribeAsync($"sensornode/v1/{Site}/press-01/config/desired"); // another node's config: must not arrive
        await pump.SubscribeAsync($"sensornode/v1/{Site}/press-01/telemetry"); // another node's data: must not arrive

        var mine = $"sensornode/v1/{Site}/press-01";
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await press.PublishAsync($"{mine}/telemetry", "own-telemetry"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await press.PublishAsync($"{mine}/status", "online", retain: true));
        // Refused by the ACL: another node's subtree, its own config and commands, anything outside the tree.
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, await press.PublishAsync($"sensornode/v1/{Site}/pump-02/telemetry", "forged"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, await press.PublishAsync($"{mine}/config/desired", "self-config"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, await press.PublishAsync($"{mine}/cmd", "self-command"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, await press.PublishAsync($"sensornode/v1/other-site/press-01/telemetry", "site-hop"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, await press.PublishAsync("elsewhere/topic", "x"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await press.PublishAsync($"{mine}/telemetry", "sentinel"));

        // The host writes config and commands; the node receives its own.
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await host.PublishAsync($"{mine}/config/desired", "{\"v\":1}", retain: true));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await host.PublishAsync($"{mine}/cmd", "{\"cmd\":\"identify\"}"));

        Assert.True(await host.WaitForAsync(m => m.Payload == "sentinel", TimeSpan.FromSeconds(5)));
        Assert.True(await press.WaitForAsync(m => m.Topic == $"{mine}/cmd", TimeSpan.FromSeconds(5)));
        Assert.True(await press.WaitForAsync(m => m.Topic == $"{mine}/config/desired" && m.Payload == "{\"v\":1}", TimeSpan.FromSeconds(5)));
        await Task.Delay(300);
        var seenByHost = host.Received.Select(m => m.Payload).ToList();
        Assert.Contains("own-telemetry", seenByHost);
        Assert.DoesNotContain("forged", seenByHost);
        Assert.DoesNotContain("self-config", seenByHost);
        Assert.DoesNotContain("self-command", seenByHost);
        Assert.DoesNotContain("site-hop", seenByHost);
        Assert.Empty(pump.Received);
    }
}

/// <summary>A fact that needs the mosquitto binary (installed by .ci/run; on a developer machine without it, the test says so).</summary>
public sealed class SkippableMosquittoFactAttribute : FactAttribute
{
    public SkippableMosquittoFactAttribute()
    {
        if (!Mosquitto.Installed) Skip = "mosquitto is not installed (apt-get install mosquitto)";
    }
}
