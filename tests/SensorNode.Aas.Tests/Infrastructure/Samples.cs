using SensorNode.Aas.Mapping;
using SensorNode.Core.Features;

namespace SensorNode.Aas.Tests.Infrastructure;

/// <summary>Machines and telemetry used across the tests.</summary>
public static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static MachineDescription Press(string nodeId = "node-a1") => new()
    {
        Site = "plant1",
        AssetName = "Press 7 (hydraulic)",
        NodeId = nodeId,
        Manufacturer = "Müller Pressen GmbH",
        Model = "HP-250",
        SerialNumber = "SN-1987-0042",
        YearOfConstruction = 1987,
        Location = "Hall B, line 2",
        FirmwareVersion = "1.4.0",
        Board = "esp32-devkitc",
        Sensors =
        [
            new(SensorKind.Accelerometer, "ADXL345", "drive-end bearing"),
            new(SensorKind.Temperature, "BME280"),
            new(SensorKind.Current, "SCT-013-030"),
        ],
        Broker = new MqttEndpoint("broker.plant1.local", 8883),
    };

    /// <summary>A Korean machine: name, location and manufacturer in Hangul; vibration and temperature only, one axis.</summary>
    public static MachineDescription KoreanPress() => new()
    {
        Site = "changwon",
        AssetName = "프레스 7호기",
        NodeId = "node-kr7",
        Manufacturer = "대한기계",
        Model = "DHP-300",
        YearOfConstruction = 1994,
        Location = "2공장 B동",
        AxisCount = 1,
        Sensors = [new(SensorKind.Accelerometer, "ADXL355", "구동측 베어링"), new(SensorKind.Temperature, "BME280")],
        Broker = new MqttEndpoint("127.0.0.1", 1883, UseTls: false, RequiresCredentials: false),
    };

    /// <summary>Only what the description requires: no nameplate data, no sensor list (all features).</summary>
    public static MachineDescription Minimal(string nodeId = "node-min") => new()
    {
        Site = "plant1",
        AssetName = "!!!",
        NodeId = nodeId,
        Broker = new MqttEndpoint("10.0.0.5"),
    };

    /// <summary>A full record as the DSP fills it; <paramref name="k"/> varies the values.</summary>
    public static MeasurementRecord Record(uint seq, DateTimeOffset time, double k = 1)
    {
        var r = new MeasurementRecord
        {
            Sequence = seq,
            TimestampUnixMs = time.ToUnixTimeMilliseconds(),
            TimeSynced = true,
            AxisCount = 3,
            ShaftSpeedHz = 24.8f,
            TemperatureC = (float)(41.7 * k),
            HasCurrent = true,
            CurrentRms = (float)(12.9 * k),
            CurrentCrestFactor = 1.43f,
            LineFrequencyHz = 60.01f,
            CurrentThdPercent = 4.2f,
            ApparentPowerVa = 4900f,
            EnergyKwh = 123.456789,
            Running = true,
            RunHours = 5120.25,
            StartCount = 311,
        };
        for (int a = 0; a < 3; a++)
        {
            r.VelocityRms[a] = (float)((2.1 + a) * k);
            r.AccelerationRms[a] = (float)(3.3 * k);
            r.HighFrequencyRms[a] = 0.8f;
            r.Peak[a] = 9.9f;
            r.PeakToPeak[a] = 19.1f;
            r.CrestFactor[a] = 3.0f;
            r.Kurtosis[a] = 3.1f;
            r.Skewness[a] = 0.02f;
            r.Mean[a] = a == 2 ? 9.81f : 0.01f;
            r.IsoZone[a] = a;
            r.Order1[a] = 1.5f;
            r.Order2[a] = 0.4f;
            r.Order3[a] = 0.1f;
            r.Bpfo[a] = 0.05f;
            r.Bpfi[a] = 0.04f;
            r.Bsf[a] = 0.03f;
            r.Ftf[a] = 0.01f;
            r.DominantFrequency[a] = 24.8f;
        }
        return r;
    }

    public static TelemetrySample Sample(string nodeId, uint seq, DateTimeOffset time, double k = 1) =>
        TelemetrySample.FromRecord(nodeId, Record(seq, time, k));

    /// <summary>A repository with the press, three telemetry messages (one historical) and the node online.</summary>
    public static AasRepository PressRepository(int records = 3)
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Press());
        for (int i = 0; i < records; i++) repo.UpdateReadings(Sample("node-a1", (uint)(i + 1), T0.AddSeconds(10 * i), 1 + i * 0.1));
        repo.UpdateReadings(Sample("node-a1", 99, T0.AddSeconds(-30), 0.5) with { Historical = true });
        repo.SetOnline("node-a1", true);
        return repo;
    }
}
