using BenchmarkDotNet.Attributes;
using SensorNode.Core.Features;
using SensorNode.Core.Hardware;
using SensorNode.Core.Node;

namespace SensorNode.Benchmarks;

/// <summary>
/// The node runtime's steady-state loop on fake hardware, default sizes (3 axes × 2048 samples at 3.2 kHz,
/// N = 2048, current 512 codes at 2 kHz, temperature): one whole cycle per operation —
/// measure → DSP → alarms → encode → publish, and the outage path measure → … → enqueue followed by a replay tick
/// (peek → encode → publish → remove). Allocated bytes per operation must be 0.
/// The fakes copy precomputed signals, so the time is the runtime's, not the signal generator's.
/// </summary>
[MemoryDiagnoser]
public class RuntimeLoopBenchmarks
{
    private const int IntervalMs = 10_000;
    private BenchClock _clock = null!;
    private BenchLink _link = null!;
    private NodeRuntime _runtime = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new BenchClock();
        _link = new BenchLink();
        var hardware = new NodeHardware
        {
            Accelerometer = new BenchAccelerometer(),
            Temperature = new BenchTemperature(),
            Current = new BenchCurrentAdc(),
            Clock = _clock,
            Mqtt = _link,
            Network = new BenchNetwork(),
            System = new BenchSystem(),
        };
        _runtime = new NodeRuntime(hardware, new BenchConfig(), null);

        // Boot, connect, and run enough cycles (with health and an outage/replay) that every lazy path has run once.
        for (int i = 0; i < 20; i++)
        {
            OnlineCycle();
            OutageCycleAndReplay();
        }

        if (_runtime.State != NodeState.Running || _runtime.Queue.Count != 0)
        {
            throw new InvalidOperationException("benchmark node not in steady state: " + NodeState.Name(_runtime.State));
        }
    }

    [Benchmark(Baseline = true, Description = "cycle online: measure → DSP → alarms → encode → publish")]
    public int OnlineCycle()
    {
        _clock.Advance(IntervalMs);
        _runtime.Tick();
        return _link.Published;
    }

    [Benchmark(Description = "cycle offline → enqueue, then replay tick → encode → publish")]
    public int OutageCycleAndReplay()
    {
        _link.Refuse = true;
        _clock.Advance(IntervalMs);
        _runtime.Tick();
        _link.Refuse = false;
        _clock.Advance(1);
        _runtime.Tick();
        return _link.Published;
    }

    private sealed class BenchConfig : INodeConfigSource
    {
        public bool TryLoad(NodeSettings into)
        {
            into.Site = "bench";
            into.NodeId = "n1";
            into.ReportIntervalMs = IntervalMs;
            into.AlarmReportIntervalMs = IntervalMs;
            into.HealthIntervalMs = 60_000;
            into.SamplesPerAxis = 2048;
            into.CurrentSamples = 512;
            into.CurrentRateHz = 2000;
            into.QueueRamCapacity = 32;
            into.ReplayPerTick = 4;
            return true;
        }

        public IWindowProcessor CreateProcessor(NodeSettings settings) => new PipelineWindowProcessor(new PipelineSettings());
    }

    private sealed class BenchClock : IClock
    {
        public long UtcNowUnixMs { get; private set; } = 1_763_900_000_000L;

        public bool IsSynced => true;

        public long MonotonicMs { get; private set; }

        public void Advance(long ms)
        {
            UtcNowUnixMs += ms;
            MonotonicMs += ms;
        }
    }

    private sealed class BenchAccelerometer : IAccelerometer
    {
        private readonly float[][] _signal = new float[3][];

        public BenchAccelerometer()
        {
            var random = new Random(7);
            for (int axis = 0; axis < 3; axis++)
            {
                _signal[axis] = new float[2048];
                for (int i = 0; i < 2048; i++)
                {
                    double t = i / 3200.0;
                    _signal[axis][i] = (float)((axis == 2 ? 9.80665 : 0) + (0.8 * Math.Sin((2 * Math.PI * 24.7 * t) + axis))
                        + (0.2 * Math.Sin(2 * Math.PI * 1150 * t)) + (0.1 * (random.NextDouble() - 0.5)));
                }
            }
        }

        public float SampleRateHz => 3200f;

        public bool Configure(int rangeG, int outputDataRateHz) => true;

        public int ReadBurst(float[] x, float[] y, float[] z, int count)
        {
            Array.Copy(_signal[0], x, count);
            Array.Copy(_signal[1], y, count);
            Array.Copy(_signal[2], z, count);
            return count;
        }
    }

    private sealed class BenchCurrentAdc : ICurrentAdc
    {
        private readonly ushort[] _signal = new ushort[512];

        public BenchCurrentAdc()
        {
            for (int i = 0; i < _signal.Length; i++)
            {
                _signal[i] = (ushort)(2048 + (600 * Math.Sin(2 * Math.PI * 50 * i / 2000.0)));
            }
        }

        public int MaxCode => 4095;

        public int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz)
        {
            Array.Copy(_signal, codes, count);
            achievedRateHz = targetRateHz;
            return count;
        }
    }

    private sealed class BenchTemperature : ITemperatureSensor
    {
        public bool TryRead(out float celsius)
        {
            celsius = 41.5f;
            return true;
        }
    }

    /// <summary>Counts publishes; <see cref="Refuse"/> makes them fail while connected (client queue full).</summary>
    private sealed class BenchLink : IMqttLink
    {
        public bool Refuse;
        public int Published;

        public bool IsConnected { get; private set; }

        public void SetListener(IMqttLinkListener listener)
        {
        }

        public int Connect(MqttConnectOptions options)
        {
            IsConnected = true;
            return 0;
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (Refuse)
            {
                return false;
            }

            Published++;
            return true;
        }

        public bool Subscribe(string topic, int qos) => true;

        public void Disconnect() => IsConnected = false;
    }

    private sealed class BenchNetwork : INetwork
    {
        public bool IsConnected => true;

        public int RssiDbm => -60;

        public bool Connect(int timeoutMs) => true;
    }

    private sealed class BenchSystem : ISystemControl
    {
        public uint FreeMemoryBytes => 60_000;

        public void Reboot() => throw new InvalidOperationException("the benchmark node must never reboot");
    }
}
