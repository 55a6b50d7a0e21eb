using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Node;
using SensorNode.Core.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Boards.Tests;

/// <summary>
/// The whole node (DSP pipeline, runtime buffers, queue, config workspace and slots, the serial session while
/// active) against each board's managed heap, and the plan against what the node really allocates on .NET.
/// </summary>
[Collection(HeapMeasurement.Name)]
public sealed class NodeMemoryPlanTests(ITestOutputHelper output)
{

    public static IEnumerable<object[]> PsramBoards() => Repo.BoardIds
        .Where(id => BoardRulesTests.Load(id).GetProperty("memory").GetProperty("psram").GetBoolean())
        .Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(PsramBoards))]
    public void The_whole_node_with_the_board_defaults_fits_the_heap_less_the_reserve(string board)
    {
        JsonElement profile = BoardRulesTests.Load(board);
        (int heap, int reserve, int memoryClass) = MemoryOf(profile);
        NodeConfig config = DefaultConfig(profile);
        FieldErrors errors = new();
        Assert.True(ConfigValidator.Validate(config, errors), $"{board}: default config invalid: {Describe(errors)}");

        NodeMemoryPlan plan = NodeMemoryPlan.For(config, memoryClass);
        output.WriteLine($"{board}: pipeline {plan.PipelineBytes}, runtime {plan.RuntimeBufferBytes}, queue {plan.QueueBytes} ({plan.QueueRamRecords} in RAM), " +
            $"config {plan.ConfigBytes}, objects {plan.ObjectBytes}, steady {plan.SteadyBytes}, serial {plan.ProvisioningBytes}, peak {plan.PeakBytes}; heap {heap} - reserve {reserve} = {heap - reserve}");
        Assert.True(plan.FitsIn(heap, reserve),
            $"{board}: the node needs {plan.PeakBytes} bytes at peak ({plan.SteadyBytes} steady + {plan.ProvisioningBytes} serial); the heap leaves {heap - reserve} ({heap} - {reserve})");
    }

    // Known gap (docs/memory.md): on the boards without PSRAM the node's buffers now fit, but the default DSP
    // window (3 axes × 2048 points, 48 KB, needed for 1.6 Hz bins at 3200 Hz) plus ~19 KB of objects do not.
    [Theory(Skip = "Known gap, docs/memory.md: no-PSRAM boards need a smaller DSP footprint (int16 samples, one axis buffer) before the default window fits")]
    [InlineData("esp32-devkitc")]
    [InlineData("olimex-esp32-poe-iso")]
    [InlineData("m5stickc-plus")]
    public void The_whole_node_fits_a_board_without_PSRAM(string board)
    {
        The_whole_node_with_the_board_defaults_fits_the_heap_less_the_reserve(board);
    }

    [Fact]
    public void Without_the_pipeline_the_node_needs_a_third_of_a_WROOM_heap()
    {
        // Everything but the DSP window: runtime mailbox, queue, config workspace, objects, serial session.
        NodeConfig config = DefaultConfig(BoardRulesTests.Load("esp32-devkitc"));
        NodeMemoryPlan plan = NodeMemoryPlan.For(config, NodeMemoryPlan.ClassSmall);
        int rest = plan.PeakBytes - plan.PipelineBytes;
        output.WriteLine($"non-DSP peak {rest} bytes (was about 100 KB with the per-part buffers)");
        Assert.True(rest <= 40 * 1024, $"{rest}");
        Assert.True(plan.ConfigBytes + plan.ProvisioningBytes <= 12 * 1024, $"config {plan.ConfigBytes} + serial {plan.ProvisioningBytes}");
    }

    [Fact]
    public void The_old_large_buffers_on_a_board_without_PSRAM_are_caught()
    {
        // The same defaults with the PSRAM limits (8 KB documents, 64-record RAM ring) do not fit a WROOM.
        JsonElement profile = BoardRulesTests.Load("esp32-devkitc");
        (int heap, int reserve, _) = MemoryOf(profile);
        NodeConfig config = DefaultConfig(profile);
        config.FftSize = 2048;
        config.BurstLength = 2048;
        Assert.False(NodeMemoryPlan.For(config, NodeMemoryPlan.ClassPsram).FitsIn(heap, reserve));
    }

    [Fact]
    public void A_small_board_keeps_eight_records_in_RAM_and_spills_the_rest_of_the_capacity_to_flash()
    {
        var config = new NodeConfig { QueueCapacity = 64, QueueSpill = false };
        var small = new NodeSettings();
        NodeServices.MapSizes(config, small, NodeMemoryPlan.ClassSmall);
        Assert.Equal(NodeMemoryPlan.SmallQueueRamRecords, small.QueueRamCapacity);
        Assert.True(small.SpillSegments * small.SpillSegmentRecords >= 64 - NodeMemoryPlan.SmallQueueRamRecords);

        var large = new NodeSettings();
        NodeServices.MapSizes(config, large, NodeMemoryPlan.ClassPsram);
        Assert.Equal(64, large.QueueRamCapacity);
        Assert.Equal(0, large.SpillSegments);
    }

    [Theory]
    [InlineData("esp32-devkitc")]
    [InlineData("m5stickc-plus")]
    [InlineData("esp32-wrover-devkitc")]
    public void The_plan_matches_what_the_node_really_keeps_on_the_heap(string board)
    {
        JsonElement profile = BoardRulesTests.Load(board);
        (_, _, int memoryClass) = MemoryOf(profile);
        NodeConfig config = DefaultConfig(profile);
        NodeMemoryPlan plan = NodeMemoryPlan.For(config, memoryClass);
        NodeHardware hardware = Hardware(config, memoryClass);

        // Warm up the code paths (JIT, static tables) with a throw-away node. Then count what a fresh node
        // allocates while it starts, less the garbage of one config load (parse nodes, strings, the hash's
        // canonical copy), which a second load on the same node measures: what remains is what the node keeps.
        Boot(hardware);
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        (NodeServices services, NodeRuntime runtime) = Boot(hardware);
        long b1 = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(services.TryLoad(new NodeSettings()));
        long b2 = GC.GetAllocatedBytesForCurrentThread();
        long kept = (b1 - b0) - (b2 - b1);
        Assert.Equal(NodeState.NoNetwork, runtime.State);

        long buffers = plan.SteadyBytes - plan.ObjectBytes;
        output.WriteLine($"{board}: start allocated {b1 - b0}, load garbage {b2 - b1}, kept {kept}; plan buffers {buffers}; runtime reports {runtime.AllocatedBytes}");
        Assert.True(kept >= buffers, $"{board}: kept {kept} < planned buffers {buffers}: the plan counts something the node does not allocate");
        Assert.True(kept - buffers <= NodeMemoryPlan.ObjectAllowanceBytes, $"{board}: kept {kept} exceeds the planned buffers {buffers} by more than the object allowance {NodeMemoryPlan.ObjectAllowanceBytes}: the node allocates something the plan misses");
        Assert.Equal(plan.SteadyBytes, services.MemoryPlan!.SteadyBytes);
    }

    [Fact]
    public void The_serial_line_buffer_comes_with_the_first_byte_and_goes_after_a_quiet_minute()
    {
        JsonElement profile = BoardRulesTests.Load("esp32-devkitc");
        NodeConfig config = DefaultConfig(profile);
        NodeMemoryPlan plan = NodeMemoryPlan.For(config, NodeMemoryPlan.ClassSmall);
        NodeHardware hardware = Hardware(config, NodeMemoryPlan.ClassSmall);
        (NodeServices services, NodeRuntime runtime) = Boot(hardware);
        Assert.False(services.Session!.BuffersAllocated);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ((Serial)hardware.Serial).Incoming.Enqueue((byte)'\n');
        runtime.Tick();
        long session = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(services.Session.BuffersAllocated);
        Assert.InRange(session, plan.ProvisioningBytes - 256, plan.ProvisioningBytes + 256);

        // A tick that measures returns before it polls the line: tick a few times at each step.
        ((Clock)hardware.Clock).Now += NodeServices.SerialIdleReleaseMs - 1000;
        for (int i = 0; i < 4; i++) runtime.Tick();
        Assert.True(services.Session.BuffersAllocated);
        ((Clock)hardware.Clock).Now += 1001;
        for (int i = 0; i < 4; i++) runtime.Tick();
        Assert.False(services.Session.BuffersAllocated);
    }

    private static NodeHardware Hardware(NodeConfig config, int memoryClass)
    {
        var blobs = new Blobs();
        Assert.True(new ConfigStore(blobs, NodeMemoryPlan.NewWorkspace(memoryClass)).Save(config));
        return new NodeHardware
        {
            Accelerometer = new Accelerometer(), Temperature = null, Current = new Adc(), Clock = new Clock(), Store = blobs,
            Mqtt = new Mqtt(), Network = new Network(), Serial = new Serial(), Led = null, System = null, MemoryClass = memoryClass,
        };
    }

    private static (NodeServices, NodeRuntime) Boot(NodeHardware hardware)
    {
        var services = new NodeServices(hardware, "1.0.0", "board");
        var runtime = new NodeRuntime(hardware, services, services);
        services.Attach(runtime);
        runtime.Tick();
        return (services, runtime);
    }

    internal static (int Heap, int Reserve, int MemoryClass) MemoryOf(JsonElement profile)
    {
        JsonElement memory = profile.GetProperty("memory");
        return (memory.GetProperty("managedHeapBytes").GetInt32(), memory.GetProperty("reservedHeapBytes").GetInt32(),
            memory.GetProperty("psram").GetBoolean() ? NodeMemoryPlan.ClassPsram : NodeMemoryPlan.ClassSmall);
    }

    /// <summary>The config `sensornode provision` writes for a board: its defaults, a broker, no CA in the document.</summary>
    internal static NodeConfig DefaultConfig(JsonElement profile)
    {
        JsonElement d = profile.GetProperty("defaults");
        int fs = d.GetProperty("sampleRateHz").GetInt32();
        var c = new NodeConfig
        {
            NodeId = "press-07",
            Site = "plant-1",
            BrokerHost = "broker.example.net",
            BrokerUsername = "press-07",
            BrokerPassword = "0123456789abcdef0123456789abcdef",
            WifiSsid = "factory",
            WifiPassword = "0123456789abcdef",
            CommandKey = new byte[32],
            AccelRangeG = d.GetProperty("accelRangeG").GetInt32(),
            AccelOdrHz = fs,
            FftSize = d.GetProperty("fftSize").GetInt32(),
            BurstLength = d.GetProperty("fftSize").GetInt32(),
            CurrentSampleRateHz = d.GetProperty("currentSampleRateHz").GetInt32(),
            CurrentSamples = d.GetProperty("currentSamples").GetInt32(),
            CtEnabled = true,
            VelocityBandLowHz = (float)d.GetProperty("bandLowHz").GetDouble(),
            VelocityBandHighHz = (float)d.GetProperty("bandHighHz").GetDouble(),
            HfBandLowHz = Math.Min(1000f, 0.25f * fs),
            HfBandHighHz = 0.45f * fs,
            EnvelopeBandLowHz = Math.Min(500f, 0.2f * fs),
            EnvelopeBandHighHz = 0.45f * fs,
        };
        return c;
    }

    private static string Describe(FieldErrors errors)
    {
        var parts = new List<string>();
        for (int i = 0; i < errors.Count; i++)
        {
            parts.Add(errors[i].Path + ": " + errors[i].Message);
        }

        return string.Join("; ", parts);
    }

    private sealed class Blobs : IBlobStore
    {
        private readonly Dictionary<string, byte[]> _blobs = new();

        public int Read(string name, byte[] buffer)
        {
            if (!_blobs.TryGetValue(name, out byte[]? data) || data.Length > buffer.Length) return -1;
            data.CopyTo(buffer, 0);
            return data.Length;
        }

        public bool Write(string name, byte[] data, int length)
        {
            _blobs[name] = data.AsSpan(0, length).ToArray();
            return true;
        }

        public bool Delete(string name) => _blobs.Remove(name) || true;
    }

    private sealed class Accelerometer : IAccelerometer
    {
        public float SampleRateHz { get; private set; } = 3200;

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            SampleRateHz = outputDataRateHz;
            return true;
        }

        public int ReadBurst(float[] x, float[] y, float[] z, int count) => count;
    }

    private sealed class Adc : ICurrentAdc
    {
        public int MaxCode => 4095;

        public int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz)
        {
            achievedRateHz = targetRateHz;
            return count;
        }
    }

    private sealed class Clock : IClock
    {
        public long Now = 1000;

        public long UtcNowUnixMs => 1_763_900_000_000 + Now;

        public bool IsSynced => true;

        public long MonotonicMs => Now;
    }

    private sealed class Mqtt : IMqttLink
    {
        public bool IsConnected => false;

        public void SetListener(IMqttLinkListener listener)
        {
        }

        public int Connect(MqttConnectOptions options) => 5;

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain) => false;

        public bool Subscribe(string topic, int qos) => false;

        public void Disconnect()
        {
        }
    }

    private sealed class Network : INetwork
    {
        public bool IsConnected => false;

        public bool Connect(int timeoutMs) => false;

        public int RssiDbm => 0;
    }

    private sealed class Serial : ISerialLine
    {
        public readonly Queue<byte> Incoming = new();

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && Incoming.Count > 0) buffer[offset + n++] = Incoming.Dequeue();
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}

/// <summary>The heap measurement reads the process-wide heap: nothing else may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurement
{
    public const string Name = "heap measurement";
}
