using SensorNode.Core.Features;
using SensorNode.Core.Vibration;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Dsp.ReferenceTests;

/// <summary>
/// What the firmware core allocates, measured by the .NET allocator: the memory plan must cover the real
/// allocation of the pipeline (array payloads plus object headers), and a window must allocate nothing.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output)
{
    // Object headers and the small objects (settings copies, analyzers) on 64-bit .NET; the plan counts payloads only.
    private const long HeaderAllowance = 4096;

    public static TheoryData<int, int, int> Configurations => new()
    {
        { 2048, 2048, 512 },
        { 2048, 4096, 1024 },
        { 8192, 8192, 2048 },
        { 256, 256, 256 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void MemoryPlanCoversWhatThePipelineReallyAllocates(int fftSize, int burst, int currentSamples)
    {
        var settings = Settings(fftSize, burst, currentSamples);
        _ = new MeasurementPipeline(Settings(256, 256, 256)); // static tables and type initialisation out of the way

        long before = GC.GetAllocatedBytesForCurrentThread();
        var pipeline = new MeasurementPipeline(settings);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        int planned = pipeline.Plan.TotalBytes;
        output.WriteLine($"N {fftSize}, burst {burst}, current {currentSamples}: plan {planned} B, allocated {allocated} B");
        Assert.Equal(planned, pipeline.AllocatedBytes);
        Assert.True(allocated >= planned, $"allocated {allocated} < plan {planned}: the plan misses a buffer");
        Assert.True(allocated <= planned + HeaderAllowance, $"allocated {allocated} > plan {planned} + {HeaderAllowance}: the plan misses a buffer");
    }

    [Fact]
    public void AWindowAllocatesNothing()
    {
        var settings = Settings(2048, 4096, 512);
        settings.Vibration.BearingElements = 9;
        settings.Vibration.BearingElementDiameter = 0.3126f;
        settings.Vibration.BearingPitchDiameter = 1.537f;
        var pipeline = new MeasurementPipeline(settings);
        Signals.FillAxes(pipeline, 3200f);
        Signals.FillCurrent(pipeline, settings.Current, 2000f, 12f);
        var record = new MeasurementRecord();

        // Warm up (tiered JIT), then measure several windows.
        for (int i = 0; i < 3; i++)
            RunWindow(pipeline, record);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            RunWindow(pipeline, record);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(record.VelocityRms[0] > 0 && record.CurrentRms > 0 && record.Bpfo[0] >= 0);
    }

    private static void RunWindow(MeasurementPipeline pipeline, MeasurementRecord record)
    {
        pipeline.AnalyzeVibration(pipeline.BurstLength, 3200f, record);
        pipeline.AnalyzeCurrent(pipeline.CurrentSampleCount, 2000f, 10_000, record);
        pipeline.AnalyzeTemperature(true, 40f, record);
    }

    internal static PipelineSettings Settings(int fftSize, int burst, int currentSamples)
    {
        var settings = new PipelineSettings();
        settings.Vibration.FftSize = fftSize;
        settings.Vibration.BurstLength = burst;
        if (fftSize < 1024)
        {
            settings.Vibration.SampleRateHz = 800f;
            settings.Vibration.VelocityLowHz = 10f;
            settings.Vibration.VelocityHighHz = 300f;
        }

        settings.Current.SampleCount = currentSamples;
        return settings;
    }
}

/// <summary>Desktop signal fill for the pipeline's own buffers.</summary>
internal static class Signals
{
    public static void FillAxes(MeasurementPipeline pipeline, float fs)
    {
        var random = new Random(42);
        for (int axis = 0; axis < 3; axis++)
        {
            float[] x = pipeline.AxisBuffer(axis);
            for (int i = 0; i < x.Length; i++)
            {
                double t = i / (double)fs;
                x[i] = (float)((axis == 2 ? 9.80665 : 0)
                    + 0.8 * Math.Sin(2 * Math.PI * 24.7 * t + axis)
                    + 0.3 * Math.Sin(2 * Math.PI * 49.4 * t)
                    + 0.2 * Math.Sin(2 * Math.PI * 1150 * t)
                    + 0.1 * (random.NextDouble() - 0.5));
            }
        }
    }

    public static void FillCurrent(MeasurementPipeline pipeline, SensorNode.Core.Current.CurrentSettings settings, float fs, float amps)
    {
        ushort[] codes = pipeline.CurrentCodes!;
        double peak = amps * Math.Sqrt(2) / settings.AmpsPerCode;
        for (int i = 0; i < codes.Length; i++)
        {
            double t = i / (double)fs;
            double v = 2048 + peak * (Math.Sin(2 * Math.PI * 50 * t) + 0.08 * Math.Sin(2 * Math.PI * 150 * t));
            codes[i] = (ushort)Math.Clamp(Math.Round(v), 0, 4095);
        }
    }
}
