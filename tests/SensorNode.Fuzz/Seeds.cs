using System.Text;
using SensorNode.Core.Config;
using SensorNode.Core.Features;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;

namespace SensorNode.Fuzz;

/// <summary>
/// Seed inputs made from the core's own encoders (valid messages) plus hand-made near-valid ones. Written once
/// with `SensorNode.Fuzz seed tests/SensorNode.Fuzz/corpus` and committed; afl-fuzz starts from them.
/// </summary>
public static class Seeds
{
    private const byte Signed = 1;
    private const byte Raw = 0;

    public static void Write(string root)
    {
        Config(Path.Combine(root, "config"));
        Command(Path.Combine(root, "command"));
        Provisioning(Path.Combine(root, "provisioning"));
        Decoder(Path.Combine(root, "decoder"));
    }

    private static void Put(string dir, string name, byte first, string body)
    {
        Directory.CreateDirectory(dir);
        byte[] b = Encoding.UTF8.GetBytes(body);
        var data = new byte[b.Length + 1];
        data[0] = first;
        Array.Copy(b, 0, data, 1, b.Length);
        File.WriteAllBytes(Path.Combine(dir, name), data);
    }

    private static string ConfigJson(int mode)
    {
        var w = new JsonWriter(new byte[ConfigCodec.MaxDocumentBytes]);
        ConfigCodec.Write(w, FuzzFixture.Config(), mode);
        return Encoding.UTF8.GetString(w.Buffer, w.Offset, w.Length);
    }

    private static void Config(string dir)
    {
        Put(dir, "signed-interval", Signed, "{\"ctr\":1,\"config\":{\"report\":{\"intervalS\":30}}}");
        Put(dir, "signed-thresholds", Signed, "{\"ctr\":7,\"config\":{\"thresholds\":[{\"feature\":\"vrms\",\"axis\":\"x\",\"warning\":3,\"alarm\":5,\"onDelay\":2}],\"bands\":{\"velocity\":{\"lo\":2,\"hi\":1000}}}}");
        Put(dir, "signed-redacted-full", Signed, "{\"ctr\":2,\"config\":" + ConfigJson(ConfigCodec.ModeRedacted) + "}");
        Put(dir, "signed-identity-change", Signed, "{\"ctr\":3,\"config\":{\"node\":{\"id\":\"other\"}}}");
        Put(dir, "signed-out-of-range", Signed, "{\"ctr\":4,\"config\":{\"sampling\":{\"fftSize\":1000},\"report\":{\"intervalS\":-1}}}");
        Put(dir, "signed-unknown-field", Signed, "{\"ctr\":5,\"config\":{\"bogus\":1}}");
        Put(dir, "unsigned", Raw, "{\"ctr\":1,\"config\":{\"report\":{\"intervalS\":30}}}");
        Put(dir, "forged-sig", Raw, "{\"ctr\":1,\"config\":{\"report\":{\"intervalS\":30}},\"sig\":\"" + new string('0', 64) + "\"}");
        Put(dir, "counter-zero", Signed, "{\"ctr\":0,\"config\":{}}");
        Put(dir, "truncated", Raw, "{\"ctr\":1,\"config\":{\"report\":{\"inter");
    }

    private static void Command(string dir)
    {
        Put(dir, "rebirth", Signed, "{\"id\":\"c-1\",\"cmd\":\"rebirth\",\"ctr\":1}");
        Put(dir, "spectrum", Signed, "{\"id\":\"c-2\",\"cmd\":\"spectrum\",\"ctr\":2,\"args\":{\"axis\":\"x\",\"kind\":\"velocity\",\"maxHz\":1000}}");
        Put(dir, "identify", Signed, "{\"id\":\"c-3\",\"cmd\":\"identify\",\"ctr\":3,\"args\":{\"seconds\":10}}");
        Put(dir, "baseline", Signed, "{\"id\":\"c-4\",\"cmd\":\"baseline_start\",\"ctr\":4,\"args\":{\"windows\":100}}");
        Put(dir, "reboot", Signed, "{\"id\":\"c-5\",\"cmd\":\"reboot\",\"ctr\":5}");
        Put(dir, "clear", Signed, "{\"id\":\"c-6\",\"cmd\":\"clear_alarms\",\"ctr\":6}");
        Put(dir, "unknown-cmd", Signed, "{\"id\":\"c-7\",\"cmd\":\"format_flash\",\"ctr\":7}");
        Put(dir, "unsigned", Raw, "{\"id\":\"c-8\",\"cmd\":\"reboot\",\"ctr\":8}");
        Put(dir, "forged", Raw, "{\"id\":\"c-9\",\"cmd\":\"reboot\",\"ctr\":9,\"sig\":\"" + new string('a', 64) + "\"}");
        Put(dir, "sig-not-last", Raw, "{\"sig\":\"" + new string('a', 64) + "\",\"id\":\"c-9\",\"cmd\":\"reboot\",\"ctr\":9}");
        Put(dir, "huge-counter", Signed, "{\"id\":\"c-10\",\"cmd\":\"rebirth\",\"ctr\":9007199254740992}");
    }

    private static void Provisioning(string dir)
    {
        // Byte 0: bit 0 = provisioned node, bits 1.. = chunk size of the simulated UART.
        Put(dir, "hello", 0x3F, "{\"id\":1,\"op\":\"hello\"}\n");
        Put(dir, "get", 0x3F, "{\"id\":2,\"op\":\"get\"}\n");
        Put(dir, "set-commit", 0x11, "{\"id\":3,\"op\":\"set\",\"fields\":{\"report.intervalS\":30,\"node.asset\":\"Pump 9\"}}\n{\"id\":4,\"op\":\"validate\"}\n{\"id\":5,\"op\":\"commit\"}\n");
        Put(dir, "first-time", 0x40, "{\"id\":1,\"op\":\"set\",\"config\":" + ConfigJson(ConfigCodec.ModeFull).Replace("fuzz-node", "n2", StringComparison.Ordinal) + "}\r\n{\"id\":2,\"op\":\"commit\"}\n{\"id\":3,\"op\":\"info\"}\n");
        Put(dir, "ops", 0x07, "{\"id\":\"a\",\"op\":\"live\"}\n{\"id\":\"b\",\"op\":\"test_broker\"}\n{\"id\":\"c\",\"op\":\"discard\"}\n{\"id\":\"d\",\"op\":\"factory_reset\",\"confirm\":true}\n{\"id\":\"e\",\"op\":\"reboot\"}\n");
        Put(dir, "garbage", 0x03, "\u0001\u0002garbage\n{\"op\":\n}}}}\n\n\n{\"id\":9,\"op\":\"nope\"}\n");
        Put(dir, "partial", 0x05, "{\"id\":1,\"op\":\"hel");
        Put(dir, "oversize", 0xFF, "{\"id\":1,\"op\":\"set\",\"fields\":{\"node.asset\":\"" + new string('x', 9300) + "\"}}\n{\"id\":2,\"op\":\"hello\"}\n");
    }

    private static void Decoder(string dir)
    {
        // Byte 0 mod 8: 0 telemetry, 1 birth, 2 health, 3 status, 4 alarm, 5 config ack, 6 command ack, 7 spectrum.
        var w = new JsonWriter(new byte[ProtocolDecoder.MaxPayloadBytes]);
        var r = new MeasurementRecord
        {
            Sequence = 42,
            TimestampUnixMs = 1763900000000,
            TimeSynced = true,
            AxisCount = 3,
            TemperatureC = 41.25f,
            HasCurrent = true,
            CurrentRms = 12.5f,
            Running = true,
        };
        for (int a = 0; a < 3; a++)
        {
            r.VelocityRms[a] = 1.1f + a;
            r.Kurtosis[a] = 3.2f;
        }

        ProtocolEncoder.Telemetry(w, r);
        Put(dir, "telemetry", 0, Text(w));
        r.Historical = true;
        r.AxisCount = 1;
        r.HasCurrent = false;
        w.Restart();
        ProtocolEncoder.Telemetry(w, r);
        Put(dir, "telemetry-historical", 8, Text(w));

        w.Restart();
        ProtocolEncoder.Birth(w, new BirthInfo
        {
            TimestampUnixMs = 1763900000000,
            TimeSynced = true,
            BootCount = 3,
            FirmwareVersion = "1.0.0",
            Board = "esp32-devkitc",
            AssetName = "Pump",
            ConfigHash = "0123456789abcdef",
            FftSize = 2048,
            AccelerometerModel = "adxl345",
            AxisCount = 3,
            AccelerometerRateHz = 3200,
            AccelerometerRangeG = 8,
            TemperatureModel = "bme280",
            CurrentModel = "ct",
            CurrentRateHz = 2000,
            ReportIntervalSeconds = 60,
            Capabilities = BirthInfo.DefaultCapabilities,
        });
        Put(dir, "birth", 1, Text(w));

        w.Restart();
        ProtocolEncoder.Health(w, new HealthSnapshot { TimestampUnixMs = 1763900000000, UptimeSeconds = 100, QueueCapacity = 64, State = "running", LastError = "none" });
        Put(dir, "health", 2, Text(w));

        w.Restart();
        ProtocolEncoder.Status(w, true, 3, 1763900000000);
        Put(dir, "status", 3, Text(w));

        var ack = new ConfigAck { Counter = 5, Result = ResultCode.InvalidConfig, Hash = "0123456789abcdef" };
        ack.Errors.Add("report.intervalS", ResultCode.OutOfRange, "1..86400");
        w.Restart();
        ProtocolEncoder.ConfigAck(w, ack);
        Put(dir, "config-ack", 5, Text(w));

        Put(dir, "command-ack", 6, "{\"id\":\"c-1\",\"cmd\":\"rebirth\",\"ctr\":1,\"result\":\"ok\",\"code\":0}");
        Put(dir, "garbage", 0, "{\"seq\":1,\"ts\":\"x\"");
        Put(dir, "spectrum", 7, "{\"req\":\"c-2\",\"ts\":1763900000000,\"axis\":\"x\",\"kind\":\"velocity\",\"unit\":\"mm/s\",\"df\":1.5625,\"part\":0,\"parts\":1,\"v\":[0.1,0.2]}");
    }

    private static string Text(JsonWriter w) => Encoding.UTF8.GetString(w.Buffer, w.Offset, w.Length);
}
