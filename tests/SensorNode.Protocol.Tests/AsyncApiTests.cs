using SensorNode.Core.Protocol;
using Xunit;

namespace SensorNode.Protocol.Tests;

/// <summary>docs/asyncapi.yaml is a valid AsyncAPI 3 document (official @asyncapi/parser, with the schema $refs
/// resolved) and describes exactly the topic tree and QoS/retain the core implements.</summary>
public sealed class AsyncApiTests
{
    // The parser takes seconds to load: parse once for all the checks of the real document.
    private static readonly Lazy<System.Text.Json.Nodes.JsonNode> Parsed = new(() => NodeScript.Run("asyncapi.mjs", null, Repo.AsyncApiFile));

    [Fact]
    public void DocumentParsesWithoutErrors()
    {
        var result = Parsed.Value;
        Assert.True(result["valid"]!.GetValue<bool>(), string.Join("\n", result["errors"]!.AsArray().Select(e => e!.GetValue<string>())));
        Assert.Equal("3.0.0", result["version"]!.GetValue<string>());
    }

    [Fact]
    public void ChannelsAreTheTopicTree()
    {
        var result = Parsed.Value;
        var addresses = result["channels"]!.AsObject().Select(kv => kv.Value!.GetValue<string>()).OrderBy(a => a).ToList();
        var topics = new Topics("SITE", "NODE");
        var expected = new[] { topics.Birth, topics.Status, topics.Telemetry, topics.Alarm, topics.Health, topics.ConfigDesired, topics.ConfigReported, topics.ConfigAck, topics.Command, topics.CommandAck, topics.Spectrum }
            .Select(t => t.Replace("SITE", "{site}").Replace("NODE", "{nodeId}")).OrderBy(a => a).ToList();
        Assert.Equal(expected, addresses);

        // Every message payload resolved to its schema file (titles come from docs/schemas).
        foreach (var kv in result["messages"]!.AsObject())
        {
            Assert.All(kv.Value!.AsArray(), t => Assert.StartsWith("SensorNode ", t!.GetValue<string>()));
        }

        // The host publishes config/desired and cmd; the node everything else.
        var receive = result["operations"]!.AsArray().Where(o => o!["action"]!.GetValue<string>() == "receive").Select(o => o!["channel"]!.GetValue<string>()).OrderBy(c => c);
        Assert.Equal(new[] { "command", "configDesired" }, receive);
    }

    [Fact]
    public void QosAndRetainMatchTheCore()
    {
        string yaml = File.ReadAllText(Repo.AsyncApiFile);
        void Check(string op, int qos, bool retain)
        {
            int at = yaml.IndexOf($"  {op}:\n", StringComparison.Ordinal);
            Assert.True(at >= 0, op);
            string block = yaml.Substring(at, yaml.IndexOf("messages:", at, StringComparison.Ordinal) - at);
            Assert.Contains($"qos: {qos}", block);
            Assert.Contains($"retain: {(retain ? "true" : "false")}", block);
        }

        Check("publishBirth", Topics.BirthQos, Topics.BirthRetain);
        Check("publishStatus", Topics.StatusQos, Topics.StatusRetain);
        Check("publishTelemetry", Topics.TelemetryQos, Topics.TelemetryRetain);
        Check("publishAlarm", Topics.AlarmQos, Topics.AlarmRetain);
        Check("publishHealth", Topics.HealthQos, Topics.HealthRetain);
        Check("receiveConfigDesired", Topics.ConfigDesiredQos, Topics.ConfigDesiredRetain);
        Check("publishConfigReported", Topics.ConfigReportedQos, Topics.ConfigReportedRetain);
        Check("publishConfigAck", Topics.ConfigAckQos, Topics.ConfigAckRetain);
        Check("receiveCommand", Topics.CommandQos, Topics.CommandRetain);
        Check("publishCommandAck", Topics.CommandAckQos, Topics.CommandAckRetain);
        Check("publishSpectrum", Topics.SpectrumQos, Topics.SpectrumRetain);
    }

    [Fact]
    public void ABrokenDocumentIsCaught()
    {
        // The check can fail: an AsyncAPI 2-style action is refused by the parser.
        string dir = Path.Combine(Path.GetTempPath(), "sn-asyncapi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string broken = File.ReadAllText(Repo.AsyncApiFile).Replace("action: send", "action: publish");
            File.WriteAllText(Path.Combine(dir, "asyncapi.yaml"), broken);
            Directory.CreateDirectory(Path.Combine(dir, "schemas"));
            foreach (var f in Directory.GetFiles(Repo.SchemaDirectory))
            {
                File.Copy(f, Path.Combine(dir, "schemas", Path.GetFileName(f)));
            }

            var result = NodeScript.Run("asyncapi.mjs", null, Path.Combine(dir, "asyncapi.yaml"));
            Assert.False(result["valid"]!.GetValue<bool>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
