using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using Xunit;

namespace SensorNode.Protocol.Tests;

/// <summary>The node's per-message encoders allocate nothing once warm (the buffer is the caller's).</summary>
public sealed class AllocationTests
{
    [Fact]
    public void EncodingTelemetryAlarmAndHealthAllocatesZeroBytes()
    {
        var w = new JsonWriter(new byte[4096]);
        var record = Samples.Record(1, 3, true);
        var alarm = new AlarmEvent { FeatureKey = "vrms", Axis = 0, Level = AlarmEvent.LevelAlarm, Value = 7.5f, Threshold = 7.1f };
        var health = new HealthSnapshot { State = "running", LastError = "none" };
        for (int i = 0; i < 2000; i++)
        {
            Run(w, record, alarm, health, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int length = 0;
        for (int i = 0; i < 10_000; i++)
        {
            length += Run(w, record, alarm, health, i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(length > 0);
        Assert.Equal(0L, allocated);
    }

    private static int Run(JsonWriter w, Core.Features.MeasurementRecord record, AlarmEvent alarm, HealthSnapshot health, int i)
    {
        record.Sequence = (uint)i;
        record.VelocityRms[0] = i * 0.001f;
        Assert.True(ProtocolEncoder.Telemetry(w, record));
        int n = w.Length;
        alarm.Sequence = (uint)i;
        Assert.True(ProtocolEncoder.Alarm(w, alarm));
        health.UptimeSeconds = i;
        Assert.True(ProtocolEncoder.Health(w, health));
        return n;
    }
}

/// <summary>Sizes of the largest regular payloads (documented in docs/protocol.md).</summary>
public sealed class PayloadSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void TelemetryFitsInAnMqttPacketOfTwoKilobytes()
    {
        string full = Samples.Write(w => ProtocolEncoder.Telemetry(w, Samples.Record(4294967295, 3, true)));
        string birth = Samples.Write(w => ProtocolEncoder.Birth(w, new BirthInfo { FirmwareVersion = "1.0.0", Board = "esp32-devkitc", ConfigHash = "0123456789abcdef", AccelerometerModel = "ADXL345", TemperatureModel = "BME280", CurrentModel = "CT", AssetName = new string('a', 64) }));
        output.WriteLine($"telemetry 3 axes + current: {full.Length} bytes; birth: {birth.Length} bytes");
        Assert.InRange(full.Length, 600, 1500);
        Assert.True(birth.Length < 2048);
    }
}
