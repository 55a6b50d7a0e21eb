using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SensorNode.Sdk.Benchmarks;

// In-process: the benchmarks start a real Mosquitto and open SQLite files; rebuilding a separate exe per job
// only adds minutes on a loaded 2-core machine.

/// <summary>End-to-end runs: one invocation moves N messages; 1 warm-up and 5 measured iterations.</summary>
public sealed class IngestConfig : ManualConfig
{
    public IngestConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>Per-message micro-benchmarks: BenchmarkDotNet's short run.</summary>
public sealed class PerMessageConfig : ManualConfig
{
    public PerMessageConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
