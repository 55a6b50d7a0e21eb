using System.Text.Json;
using SensorNode.Cli.Broker;
using SensorNode.Cli.Tests.Infrastructure;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary><c>sensornode simulate</c> against a real Mosquitto set up by <c>sensornode broker setup</c>: virtual nodes
/// log in over TLS with their own generated passwords, publish into their own subtrees under the ACL, and a host
/// identity sees births and telemetry of every node.</summary>
public sealed class SimulateTests
{
    [SkippableMosquittoFact]
    public async Task Virtual_nodes_publish_over_tls_with_their_own_credentials()
    {
        using var dir = new TempDir("sn-sim");
        int tls = Mosquitto.FreePort();
        var setup = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "broker", "setup", "--out", dir.Path, "--site", "plant7",
            "--node", "sim-0001", "--node", "sim-0002", "--node", "sim-0003", "--tls-port", tls.ToString(), "--bind", "127.0.0.1",
            "--run-as-user", Environment.UserName, "--json");
        Assert.Equal(0, setup.ExitCode);
        var files = JsonDocument.Parse(setup.StdOut).RootElement;
        var passwords = BrokerSetup.ReadPasswords(files.GetProperty("secretsFile").GetString()!);
        var ca = files.GetProperty("caCertificate").GetString()!;
        await using var broker = await Mosquitto.StartAsync(files.GetProperty("config").GetString()!, tls);
        await using var host = await TestMqtt.ConnectAsync(tls, "sensornode-host", passwords["sensornode-host"], ca);
        await host.SubscribeAsync("sensornode/v1/plant7/#");

        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "simulate", "--broker", $"mqtts://localhost:{tls}", "--ca", ca,
            "--secrets", files.GetProperty("secretsFile").GetString()!, "--site", "plant7", "-n", "3", "--kind", "healthy", "--kind", "imbalance",
            "--interval", "1", "--duration", "8s", "--json");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut + broker.Log);
        var summary = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal(3, summary.GetProperty("nodes").GetInt32());
        Assert.True(summary.GetProperty("published").GetInt64() >= 9, run.StdOut);
        Assert.Equal(0, summary.GetProperty("schedulerFaults").GetInt64());

        await Task.Delay(300);
        foreach (var node in new[] { "sim-0001", "sim-0002", "sim-0003" })
        {
            Assert.Contains(host.Received, m => m.Topic == $"sensornode/v1/plant7/{node}/birth");
            Assert.True(host.Received.Count(m => m.Topic == $"sensornode/v1/plant7/{node}/telemetry") >= 3, node);
        }
        // The imbalance machine's 1× is far above the healthy one's, as published.
        double O1(string node) => host.Received.Where(m => m.Topic == $"sensornode/v1/plant7/{node}/telemetry")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("vib").GetProperty("x").GetProperty("o1").GetDouble()).Last();
        Assert.True(O1("sim-0002") > 5 * O1("sim-0001"));
    }

    [Fact]
    public async Task Unreachable_broker_exits_with_4()
    {
        var port = Mosquitto.FreePort();
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "simulate", "--broker", $"mqtt://127.0.0.1:{port}", "-n", "1",
            "--interval", "1", "--duration", "20s");
        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
    }
}
