using SensorNode.Core.Features;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;

namespace SensorNode.Sdk.Benchmarks;

/// <summary>Telemetry payloads written by the firmware core's encoder, as a node sends them.</summary>
internal static class Payloads
{
    public static byte[] Telemetry(uint sequence)
    {
        var r = new MeasurementRecord
        {
            Sequence = sequence,
            TimestampUnixMs = 1_763_900_000_000L + sequence * 1000L,
            TimeSynced = true,
            AxisCount = 3,
            TemperatureC = 41.5f,
            HasCurrent = true,
            CurrentRms = 12.25f,
            LineFrequencyHz = 60f,
            Running = true,
            ShaftSpeedHz = 29.5f,
        };
        for (int a = 0; a < 3; a++)
        {
            r.VelocityRms[a] = 1.5f + a;
            r.AccelerationRms[a] = 2.25f + a;
            r.CrestFactor[a] = 3.1f;
            r.Kurtosis[a] = 3.02f;
            r.IsoZone[a] = 1;
            r.DominantFrequency[a] = 29.5f;
        }
        var w = new JsonWriter(new byte[4096]);
        if (!ProtocolEncoder.Telemetry(w, r)) throw new InvalidOperationException("encoder overflow");
        var payload = new byte[w.Length];
        Array.Copy(w.Buffer, w.Offset, payload, 0, w.Length);
        return payload;
    }
}
