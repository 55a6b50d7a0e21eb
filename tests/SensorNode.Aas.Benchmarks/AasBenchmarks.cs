using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using SensorNode.Aas;
using SensorNode.Aas.Mapping;
using SensorNode.Aas.Packaging;
using SensorNode.Aas.Serialization;
using SensorNode.Core.Features;

BenchmarkSwitcher.FromAssembly(typeof(AasBenchmarks).Assembly).Run(args);

/// <summary>
/// What one telemetry message costs on the AAS side: mapping it into the live model (validation, XSD formatting,
/// time-series record), serializing what an API client then reads, and building a machine's AAS from scratch.
/// </summary>
[MemoryDiagnoser]
public class AasBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private AasRepository _repo = null!;
    private MachineAasInfo _info = null!;
    private TelemetrySample[] _samples = null!;
    private int _next;

    public static MachineDescription Machine(string node) => new()
    {
        Site = "plant1",
        AssetName = "프레스 7호기",
        NodeId = node,
        Manufacturer = "대한기계",
        Model = "DHP-300",
        SerialNumber = "SN-42",
        YearOfConstruction = 1994,
        Sensors = [new(SensorKind.Accelerometer, "ADXL345"), new(SensorKind.Temperature, "BME280"), new(SensorKind.Current, "SCT-013")],
        Broker = new MqttEndpoint("127.0.0.1", 8883),
    };

    private static MeasurementRecord Record(uint seq)
    {
        var r = new MeasurementRecord { Sequence = seq, TimestampUnixMs = T0.AddSeconds(seq).ToUnixTimeMilliseconds(), AxisCount = 3, HasCurrent = true,
            TemperatureC = 41.7f + seq % 7, CurrentRms = 12.9f, LineFrequencyHz = 60f, EnergyKwh = 100 + seq * 0.01, RunHours = seq / 3600.0, StartCount = 3 };
        for (int a = 0; a < 3; a++)
        {
            r.VelocityRms[a] = 2.1f + a + seq % 5 * 0.1f;
            r.AccelerationRms[a] = 3.3f;
            r.Kurtosis[a] = 3.1f;
            r.IsoZone[a] = a;
            r.DominantFrequency[a] = 24.8f;
        }
        return r;
    }

    [GlobalSetup]
    public void Setup()
    {
        _repo = new AasRepository();
        _info = _repo.UpsertMachine(Machine("node-1"));
        _samples = Enumerable.Range(0, 1024).Select(i => TelemetrySample.FromRecord("node-1", Record((uint)i))).ToArray();
        // Fill the time series so the ring is in steady state (drop oldest on every append).
        foreach (var s in _samples.Take(100)) _repo.UpdateReadings(s);
    }

    /// <summary>One telemetry message (60 readings) → live properties + one time-series record.</summary>
    [Benchmark]
    public ReadingUpdateResult UpdateReadings()
    {
        var s = _samples[_next++ & 1023];
        return _repo.UpdateReadings(s with { Timestamp = s.Timestamp.AddDays(_next) });
    }

    /// <summary>A message decoded into readings from the core's MeasurementRecord.</summary>
    [Benchmark]
    public TelemetrySample ReadingsFromRecord() => TelemetrySample.FromRecord("node-1", Record(7));

    /// <summary>GET /submodels/{condition}: the live submodel as JSON.</summary>
    [Benchmark]
    public byte[] SerializeConditionSubmodel() =>
        _repo.Read(v => AasJsonWriter.Serialize(w => AasJsonWriter.WriteSubmodel(w, v.FindSubmodel(_info.ConditionId)!)));

    /// <summary>GET /submodels/{condition}/$value.</summary>
    [Benchmark]
    public byte[] SerializeConditionValueOnly() =>
        _repo.Read(v => AasJsonWriter.Serialize(w => AasJsonWriter.WriteSubmodelValueOnly(w, v.FindSubmodel(_info.ConditionId)!)));

    /// <summary>GET /submodels/{timeseries} with 60 records.</summary>
    [Benchmark]
    public byte[] SerializeTimeSeriesSubmodel() =>
        _repo.Read(v => AasJsonWriter.Serialize(w => AasJsonWriter.WriteSubmodel(w, v.FindSubmodel(_info.TimeSeriesId)!)));

    /// <summary>The whole environment of one machine (4 submodels, concept descriptions).</summary>
    [Benchmark]
    public byte[] SerializeEnvironment() => _repo.Read(v => AasJsonWriter.SerializeEnvironment(v.ToEnvironment()));

    /// <summary>Mapping a machine description into shell + submodels + concept descriptions.</summary>
    [Benchmark]
    public MachineTwin BuildMachine() => new(Machine("node-2"), new AasMappingOptions(), "Peureseu7Hogi");

    /// <summary>The project's verifier over the whole environment.</summary>
    [Benchmark]
    public int VerifyEnvironment() => _repo.Read(v => SensorNode.Aas.Verification.AasVerifier.Verify(v.ToEnvironment()).Count);

    /// <summary>.aasx export of the environment.</summary>
    [Benchmark]
    public long ExportAasx()
    {
        using var ms = new MemoryStream();
        _repo.Read(v => { AasxWriter.Write(ms, v.ToEnvironment()); return 0; });
        return ms.Length;
    }
}
