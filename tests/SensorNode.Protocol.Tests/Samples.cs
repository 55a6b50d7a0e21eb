using SensorNode.Core.Config;
using SensorNode.Core.Features;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;

namespace SensorNode.Protocol.Tests;

/// <summary>Real messages produced by the core's encoders and session, for the schema and fuzz tests.</summary>
public static class Samples
{
    public static readonly byte[] Key = Hex.Decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    public static readonly Topics Topics = new("plant1", "pump-7");

    public static MeasurementRecord Record(uint seq, int axes, bool current)
    {
        var r = new MeasurementRecord
        {
            Sequence = seq,
            TimestampUnixMs = 1763900000000 + seq * 60000L,
            TimeSynced = true,
            AxisCount = axes,
            ShaftSpeedHz = 24.7f,
            TemperatureC = 41.25f,
            HasCurrent = current,
            CurrentRms = 12.5f,
            CurrentCrestFactor = 1.43f,
            LineFrequencyHz = 49.98f,
            CurrentThdPercent = 4.1f,
            ApparentPowerVa = 8660f,
            EnergyKwh = 12345.678,
            Running = true,
            RunHours = 8123.5,
            StartCount = 311,
        };
        for (int a = 0; a < 3; a++)
        {
            r.VelocityRms[a] = 1.1f + a;
            r.AccelerationRms[a] = 2.2f + a;
            r.HighFrequencyRms[a] = 0.3f;
            r.Peak[a] = 6.1f;
            r.PeakToPeak[a] = 12.3f;
            r.CrestFactor[a] = 2.77f;
            r.Kurtosis[a] = 3.2f;
            r.Skewness[a] = -0.05f;
            r.Mean[a] = a == 2 ? 9.80665f : 0.01f;
            r.IsoZone[a] = a;
            r.Order1[a] = 0.8f;
            r.Order2[a] = 0.2f;
            r.Order3[a] = 0.1f;
            r.Bpfo[a] = 0.02f;
            r.Bpfi[a] = 0.01f;
            r.Bsf[a] = 0.005f;
            r.Ftf[a] = 0.001f;
            r.DominantFrequency[a] = 24.7f;
        }

        return r;
    }

    public static NodeConfig Config()
    {
        var c = new NodeConfig
        {
            NodeId = "pump-7",
            Site = "plant1",
            AssetName = "냉각수 펌프 7",
            WifiSsid = "plant",
            WifiPassword = "wifi-secret-123",
            BrokerHost = "broker.plant.local",
            BrokerUsername = "pump-7",
            BrokerPassword = "broker-secret-456",
            BrokerCaPem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n",
            CommandKey = (byte[])Key.Clone(),
            CtEnabled = true,
            BearingBalls = 9,
            BearingBallDiameterMm = 7.94f,
            BearingPitchDiameterMm = 39.04f,
            ShaftMode = NodeConfig.ShaftEstimate,
            ShaftMinRpm = 600,
            ShaftMaxRpm = 3000,
            QueueSpill = true,
        };
        c.AddThreshold("vrms", -1, 4.5f, 7.1f, 0.2f, 2);
        c.AddThreshold("kurt", 2, 5f, 8f, 0.5f, 3);
        c.AddThreshold("temp", -1, 70f, 85f, 2f, 1);
        return c;
    }

    public static string Write(Func<JsonWriter, bool> encode, int size = 16384)
    {
        var w = new JsonWriter(new byte[size]);
        if (!encode(w))
        {
            throw new InvalidOperationException("encoder overflow");
        }

        return Text.Of(w);
    }

    public static string ConfigJson(NodeConfig c, int mode) => Write(w =>
    {
        w.Restart();
        ConfigCodec.Write(w, c, mode);
        return w.IsComplete;
    });

    public static byte[] SignedCommand(string id, string cmd, long ctr, string? args) =>
        MessageSigner.Sign(Key, Topics.Command, Text.Bytes($"{{\"id\":\"{id}\",\"cmd\":\"{cmd}\",\"ctr\":{ctr}{(args == null ? "" : ",\"args\":" + args)}}}"));

    public static byte[] SignedDesired(long ctr, string configJson) =>
        MessageSigner.Sign(Key, Topics.ConfigDesired, Text.Bytes($"{{\"ctr\":{ctr},\"config\":{configJson}}}"));
}

/// <summary>A node's side of provisioning for the desktop tests.</summary>
public sealed class TestActions : IProvisioningActions
{
    public string FirmwareVersion => "1.0.0";

    public string Board => "esp32-devkitc";

    public string State => "provisioning";

    public int Reboots { get; private set; }

    public void Reboot() => Reboots++;

    public bool FactoryReset() => true;

    public bool WriteLiveValues(JsonWriter w) => ProtocolEncoderLive(w);

    private static bool ProtocolEncoderLive(JsonWriter w)
    {
        w.BeginObject();
        w.Prop("vrms", 2.5f);
        w.Prop("temp", 41.5f);
        w.EndObject();
        return true;
    }

    public int TestBroker(NodeConfig config, out string detail)
    {
        detail = "connack 5";
        return ResultCode.Failed;
    }

    public void ConfigCommitted(NodeConfig config)
    {
    }
}
