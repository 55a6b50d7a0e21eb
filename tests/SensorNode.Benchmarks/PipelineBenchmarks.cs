using BenchmarkDotNet.Attributes;
using SensorNode.Core.Features;

namespace SensorNode.Benchmarks;

/// <summary>
/// Cost of one measurement window through the whole feature pipeline on .NET, default settings
/// (3 axes × 2048 samples at 3.2 kHz, N = 2048, current 512 codes at 2 kHz, temperature): with and without a bearing
/// configured (the envelope adds a band-pass, a rectifier and one more FFT per axis), and with 3-segment Welch
/// averaging (burst 4096). Allocated bytes must be 0.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private MeasurementPipeline _default = null!;
    private MeasurementPipeline _bearing = null!;
    private MeasurementPipeline _welch = null!;
    private readonly MeasurementRecord _record = new();

    [GlobalSetup]
    public void Setup()
    {
        _default = Build(new PipelineSettings());

        var bearing = new PipelineSettings();
        bearing.Vibration.BearingElements = 9;
        bearing.Vibration.BearingElementDiameter = 0.3126f;
        bearing.Vibration.BearingPitchDiameter = 1.537f;
        _bearing = Build(bearing);

        var welch = new PipelineSettings();
        welch.Vibration.BurstLength = 4096;
        _welch = Build(welch);
    }

    [Benchmark(Baseline = true, Description = "window: 3 axes N=2048 + current 512 + temperature")]
    public float DefaultWindow() => Window(_default);

    [Benchmark(Description = "window + bearing envelope (3 axes)")]
    public float WindowWithBearing() => Window(_bearing);

    [Benchmark(Description = "window, Welch 3 segments (burst 4096)")]
    public float WindowWithWelch() => Window(_welch);

    [Benchmark(Description = "current channel only (512 codes)")]
    public float CurrentOnly()
    {
        _default.AnalyzeCurrent(_default.CurrentSampleCount, 2000f, 10_000, _record);
        return _record.CurrentRms;
    }

    private float Window(MeasurementPipeline pipeline)
    {
        pipeline.AnalyzeVibration(pipeline.BurstLength, 3200f, _record);
        pipeline.AnalyzeCurrent(pipeline.CurrentSampleCount, 2000f, 10_000, _record);
        pipeline.AnalyzeTemperature(true, 41.5f, _record);
        return _record.VelocityRms[0];
    }

    private static MeasurementPipeline Build(PipelineSettings settings)
    {
        var pipeline = new MeasurementPipeline(settings);
        var random = new Random(7);
        for (int axis = 0; axis < 3; axis++)
        {
            float[] x = pipeline.AxisBuffer(axis);
            for (int i = 0; i < x.Length; i++)
            {
                double t = i / 3200.0;
                x[i] = (float)((axis == 2 ? 9.80665 : 0) + 0.8 * Math.Sin(2 * Math.PI * 24.7 * t + axis)
                    + 0.3 * Math.Sin(2 * Math.PI * 49.4 * t) + 0.2 * Math.Sin(2 * Math.PI * 1150 * t) + 0.1 * (random.NextDouble() - 0.5));
            }
        }

        ushort[] codes = pipeline.CurrentCodes!;
        double peak = 12 * Math.Sqrt(2) / settings.Current.AmpsPerCode;
        for (int i = 0; i < codes.Length; i++)
        {
            double t = i / 2000.0;
            codes[i] = (ushort)Math.Clamp(Math.Round(2048 + peak * (Math.Sin(2 * Math.PI * 50 * t) + 0.08 * Math.Sin(2 * Math.PI * 150 * t))), 0, 4095);
        }

        return pipeline;
    }
}
