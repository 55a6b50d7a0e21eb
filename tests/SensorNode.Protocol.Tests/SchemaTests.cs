using SensorNode.Core.Config;
using SensorNode.Core.Features;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Protocol.Tests;

/// <summary>The message schemas in docs/schemas are the ones real encoder output satisfies — and they still
/// reject what the protocol forbids.</summary>
public sealed class SchemaTests(ITestOutputHelper output)
{
    private static IEnumerable<SchemaCase> ValidCases()
    {
        yield return new("telemetry-known", "telemetry.schema.json", Samples.Write(w => ProtocolEncoder.Telemetry(w, Samples.Record(42, 1, true))));
        yield return new("telemetry-3axes", "telemetry.schema.json", Samples.Write(w => ProtocolEncoder.Telemetry(w, Samples.Record(43, 3, true))));
        var noCurrent = Samples.Record(44, 3, false);
        noCurrent.Historical = true;
        noCurrent.TimeSynced = false;
        noCurrent.Status = MeasurementRecord.StatusClockNotSynced;
        noCurrent.Kurtosis[1] = float.NaN;
        noCurrent.IsoZone[0] = -1;
        yield return new("telemetry-nocurrent-nan-hist", "telemetry.schema.json", Samples.Write(w => ProtocolEncoder.Telemetry(w, noCurrent)));
        var failed = Samples.Record(45, 3, true);
        failed.Status = MeasurementRecord.StatusAccelerometerFailed | MeasurementRecord.StatusTemperatureFailed | MeasurementRecord.StatusCurrentFailed;
        yield return new("telemetry-all-failed", "telemetry.schema.json", Samples.Write(w => ProtocolEncoder.Telemetry(w, failed)));

        var birth = new BirthInfo
        {
            TimestampUnixMs = 1763900000000, TimeSynced = true, BootCount = 3, FirmwareVersion = "1.0.0", Board = "esp32-devkitc", AssetName = "냉각수 펌프 7",
            NextTelemetrySequence = 42, NextAlarmSequence = 7, ConfigHash = ConfigHash.Compute(Samples.Config()), FftSize = 2048,
            AccelerometerModel = "ADXL345", AxisCount = 3, AccelerometerRateHz = 3200, AccelerometerRangeG = 8, TemperatureModel = "BME280",
            CurrentModel = "CT", CurrentRateHz = 2000, ReportIntervalSeconds = 60,
        };
        yield return new("birth", "birth.schema.json", Samples.Write(w => ProtocolEncoder.Birth(w, birth)));
        var bare = new BirthInfo { TimestampUnixMs = 5, FirmwareVersion = "1.0.0", Board = "x", ConfigHash = "0000000000000000", Capabilities = ["rebirth"] };
        yield return new("birth-no-sensors", "birth.schema.json", Samples.Write(w => ProtocolEncoder.Birth(w, bare)));

        yield return new("status-online", "status.schema.json", Samples.Write(w => ProtocolEncoder.Status(w, true, 3, 1763900000000)));
        var will = ProtocolEncoder.WillPayload(3);
        yield return new("status-will", "status.schema.json", System.Text.Encoding.UTF8.GetString(will));

        var alarm = new AlarmEvent { Sequence = 7, TimestampUnixMs = 1763900000999, TimeSynced = true, FeatureKey = "vrms", Axis = 2, Level = AlarmEvent.LevelAlarm, PreviousLevel = AlarmEvent.LevelWarning, Value = 7.3f, Threshold = 7.1f, Kind = AlarmEvent.KindIso };
        yield return new("alarm-axis", "alarm.schema.json", Samples.Write(w => ProtocolEncoder.Alarm(w, alarm)));
        var alarm2 = new AlarmEvent { Sequence = 8, TimestampUnixMs = 5, FeatureKey = "temp", Axis = -1, Level = AlarmEvent.LevelOk, PreviousLevel = AlarmEvent.LevelWarning, Value = 68f, Threshold = 68f, Kind = AlarmEvent.KindBaseline, Historical = true };
        yield return new("alarm-nodewide", "alarm.schema.json", Samples.Write(w => ProtocolEncoder.Alarm(w, alarm2)));

        var health = new HealthSnapshot { TimestampUnixMs = 1763900001000, TimeSynced = true, BootCount = 3, UptimeSeconds = 86400, FreeMemoryBytes = 41234, RssiDbm = -67, QueueDepth = 5, QueueCapacity = 64, DroppedCount = 2, Reconnects = 4, LastError = "broker: connack 5", RejectedBadSignature = 1, State = "running", SensorStatus = 2 };
        yield return new("health", "health.schema.json", Samples.Write(w => ProtocolEncoder.Health(w, health)));
        yield return new("health-minimal", "health.schema.json", Samples.Write(w => ProtocolEncoder.Health(w, new HealthSnapshot())));

        var ack = new ConfigAck { Counter = 17, Result = ResultCode.Ok, Hash = "00112233aabbccdd" };
        yield return new("config-ack-ok", "config-ack.schema.json", Samples.Write(w => ProtocolEncoder.ConfigAck(w, ack)));
        var nack = new ConfigAck { Counter = 18, Result = ResultCode.InvalidConfig, Hash = "00112233aabbccdd" };
        for (int i = 0; i < 20; i++)
        {
            nack.Errors.Add($"thresholds[{i}].feature", ResultCode.InvalidValue, "not a telemetry feature key");
        }

        yield return new("config-ack-errors", "config-ack.schema.json", Samples.Write(w => ProtocolEncoder.ConfigAck(w, nack)));
        yield return new("command-ack", "command-ack.schema.json", Samples.Write(w => ProtocolEncoder.CommandAck(w, new CommandAck { Id = "c-1", Command = "spectrum", Counter = 5, Result = ResultCode.Ok })));
        yield return new("command-nack", "command-ack.schema.json", Samples.Write(w => ProtocolEncoder.CommandAck(w, new CommandAck { Counter = 0, Result = ResultCode.JsonUnexpectedEnd, Message = "position 3" })));

        var amp = Enumerable.Range(0, 1025).Select(i => 0.01f * MathF.Exp(-i / 200f)).ToArray();
        amp[3] = float.NaN;
        yield return new("spectrum", "spectrum.schema.json", Samples.Write(w => ProtocolEncoder.SpectrumChunk(w, "c-1", 1763900000000, 0, "accel", "m/s2", 1.5625f, amp, 0, 256, 1025, 0, 5)));

        NodeConfig c = Samples.Config();
        yield return new("config-full", "config.schema.json", Samples.ConfigJson(c, ConfigCodec.ModeFull));
        yield return new("config-redacted", "config.schema.json", Samples.ConfigJson(c, ConfigCodec.ModeRedacted));
        yield return new("config-defaults", "config.schema.json", Samples.ConfigJson(new NodeConfig(), ConfigCodec.ModeFull));
        yield return new("config-reported", "config-reported.schema.json", Samples.Write(w => ConfigCodec.WriteReported(w, c, ConfigHash.Compute(c), 17)));
        yield return new("config-desired", "config-desired.schema.json", System.Text.Encoding.UTF8.GetString(Samples.SignedDesired(18, "{\"report\":{\"intervalS\":30},\"thresholds\":[{\"feature\":\"vrms\",\"warning\":3,\"alarm\":5}]}")));

        foreach (var (name, args) in new[] { ("rebirth", (string?)null), ("spectrum", "{\"axis\":\"z\",\"kind\":\"envelope\",\"maxHz\":500}"), ("identify", "{\"seconds\":30}"), ("reboot", null), ("baseline_start", "{\"windows\":300}"), ("baseline_stop", null), ("clear_alarms", "{}") })
        {
            yield return new("command-" + name, "command.schema.json", System.Text.Encoding.UTF8.GetString(Samples.SignedCommand("c-" + name.Length, name, 100 + name.Length, args)));
        }

        // Provisioning: every response of a real session to a scripted conversation.
        foreach (var (i, line, response) in ProvisioningTranscript())
        {
            yield return new($"prov-request-{i}", "provisioning-request.schema.json", line);
            yield return new($"prov-response-{i}", "provisioning-response.schema.json", response);
        }
    }

    /// <summary>A scripted provisioning conversation with a real session: (index, request, response).</summary>
    public static IEnumerable<(int, string, string)> ProvisioningTranscript()
    {
        string[] requests =
        [
            "{\"id\":1,\"op\":\"hello\"}",
            "{\"id\":2,\"op\":\"set\",\"fields\":{\"node.id\":\"pump-7\",\"node.site\":\"plant1\",\"wifi.ssid\":\"plant\",\"wifi.password\":\"wifi-secret-123\"}}",
            "{\"id\":3,\"op\":\"validate\"}",
            "{\"id\":4,\"op\":\"set\",\"config\":{\"broker\":{\"host\":\"broker.plant.local\",\"user\":\"pump-7\",\"password\":\"broker-secret-456\"},\"security\":{\"key\":\"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"}}}",
            "{\"id\":5,\"op\":\"test_broker\"}",
            "{\"id\":6,\"op\":\"commit\"}",
            "{\"id\":7,\"op\":\"get\"}",
            "{\"id\":8,\"op\":\"live\"}",
            "{\"id\":9,\"op\":\"set\",\"fields\":{\"broker.port\":0}}",
            "{\"id\":\"x\",\"op\":\"factory_reset\",\"confirm\":true}",
            "{\"op\":\"discard\"}",
            "{\"op\":\"reboot\"}",
            "{\"op\":\"info\"}",
        ];
        var serial = new CapturingSerialLine();
        var blobs = new DictionaryBlobStore();
        var session = new ProvisioningSession(serial, new ConfigStore(blobs), new NodeConfig(), new TestActions(), new ReplayGuard(blobs));
        for (int i = 0; i < requests.Length; i++)
        {
            byte[] b = Text.Bytes(requests[i] + "\n");
            session.Feed(b, 0, b.Length);
            yield return (i, requests[i], serial.Lines[^1]);
        }
    }

    [Fact]
    public void EveryEncodedMessageIsValid()
    {
        var cases = ValidCases().ToList();
        var results = Ajv.Validate(cases);
        Assert.Equal(cases.Count, results.Count);
        foreach (var c in cases)
        {
            var (valid, errors) = results[c.Name];
            Assert.True(valid, $"{c.Name} ({c.Schema}): {errors}\n{c.Json}");
        }

        output.WriteLine($"{cases.Count} real messages valid against {cases.Select(c => c.Schema).Distinct().Count()} schemas");
        Assert.Equal(Directory.GetFiles(Repo.SchemaDirectory, "*.schema.json").Length, cases.Select(c => c.Schema).Distinct().Count());
    }

    public static IEnumerable<object[]> InvalidCases() =>
    [
        ["telemetry.schema.json", "{\"ts\":1,\"tsync\":true,\"hist\":false,\"st\":0,\"shaft\":0}"],
        ["telemetry.schema.json", "{\"seq\":-1,\"ts\":1,\"tsync\":true,\"hist\":false,\"st\":0,\"shaft\":0}"],
        ["telemetry.schema.json", "{\"seq\":1,\"ts\":1,\"tsync\":true,\"hist\":false,\"st\":0,\"shaft\":0,\"extra\":1}"],
        ["telemetry.schema.json", "{\"seq\":1,\"ts\":1,\"tsync\":\"yes\",\"hist\":false,\"st\":0,\"shaft\":0}"],
        ["status.schema.json", "{\"state\":\"sleeping\",\"boot\":1}"],
        ["alarm.schema.json", "{\"seq\":1,\"ts\":1,\"tsync\":true,\"hist\":false,\"feature\":\"rms\",\"level\":\"alarm\",\"prev\":\"ok\",\"value\":1,\"threshold\":1,\"kind\":\"iso\"}"],
        ["alarm.schema.json", "{\"seq\":1,\"ts\":1,\"tsync\":true,\"hist\":false,\"feature\":\"vrms\",\"level\":\"critical\",\"prev\":\"ok\",\"value\":1,\"threshold\":1,\"kind\":\"iso\"}"],
        ["config-desired.schema.json", "{\"ctr\":1,\"config\":{\"report\":{\"intervalS\":30}}}"],
        ["config-desired.schema.json", "{\"ctr\":0,\"config\":{},\"sig\":\"0000000000000000000000000000000000000000000000000000000000000000\"}"],
        ["config.schema.json", "{\"broker\":{\"port\":70000}}"],
        ["config.schema.json", "{\"sampling\":{\"fftSize\":1000}}"],
        ["config.schema.json", "{\"thresholds\":[{\"feature\":\"vrms\",\"warning\":1}]}"],
        ["command.schema.json", "{\"id\":\"c\",\"cmd\":\"selfdestruct\",\"ctr\":1,\"sig\":\"0000000000000000000000000000000000000000000000000000000000000000\"}"],
        ["command.schema.json", "{\"id\":\"c\",\"cmd\":\"identify\",\"ctr\":1,\"args\":{\"seconds\":0},\"sig\":\"0000000000000000000000000000000000000000000000000000000000000000\"}"],
        ["command.schema.json", "{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":1}"],
        ["config-ack.schema.json", "{\"ctr\":1,\"result\":\"fine\"}"],
        ["provisioning-request.schema.json", "{\"op\":\"set\"}"],
        ["provisioning-request.schema.json", "{\"op\":\"factory_reset\"}"],
        ["spectrum.schema.json", "{\"ts\":1,\"axis\":\"x\",\"kind\":\"accel\",\"unit\":\"m/s2\",\"df\":0,\"first\":0,\"bins\":1,\"chunk\":0,\"chunks\":1,\"amp\":[]}"],
    ];

    // One node run for all of them (each run pays node's start-up).
    private static readonly Lazy<Dictionary<string, (bool Valid, string Errors)>> InvalidResults = new(() =>
        Ajv.Validate(InvalidCases().Select(c => new SchemaCase((string)c[0] + "|" + (string)c[1], (string)c[0], (string)c[1]))));

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void ForbiddenMessagesFail(string schema, string json)
    {
        Assert.False(InvalidResults.Value[schema + "|" + json].Valid, $"{schema} accepted {json}");
    }

    [Fact]
    public void NodeAndSchemaAgreeOnRejections()
    {
        // A few documents the schema rejects are rejected by the node's parser too, with the matching field.
        var c = new NodeConfig();
        var errors = new FieldErrors();
        foreach (var (json, path) in new[] { ("{\"broker\":{\"port\":70000}}", "broker.port"), ("{\"sampling\":{\"fftSize\":1000}}", "sampling.fftSize"), ("{\"thresholds\":[{\"feature\":\"vrms\",\"warning\":1}]}", "thresholds[0].alarm") })
        {
            errors.Clear();
            var bytes = Text.Bytes(json);
            var root = ConfigCodec.NewParser().Parse(bytes, 0, bytes.Length);
            Assert.False(ConfigCodec.Apply(root, c, errors));
            Assert.True(errors.Has(path), json);
        }
    }
}
