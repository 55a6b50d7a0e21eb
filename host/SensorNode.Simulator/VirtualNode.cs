using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Node;
using SensorNode.Core.Protocol;
using SensorNode.Simulator.Hardware;
using SensorNode.Simulator.Machines;
using SensorNode.Simulator.Scheduling;

namespace SensorNode.Simulator;

/// <summary>
/// One virtual node: the firmware core's <see cref="NodeRuntime"/> and <see cref="NodeServices"/> exactly as the
/// device runs them, with a synthetic machine behind the sensor seams, RAM as its flash and an MQTT link of the
/// caller's choosing. Booted from a config document written into its store, like a provisioned node.
/// </summary>
public sealed class VirtualNode : ISimulatedNode
{
    public const string FirmwareVersion = "sim-1.0.0";
    public const string Board = "simulator";

    /// <summary>Longest sleep between ticks, ms: bounds how long an inbound config or command waits for the runtime.</summary>
    public const int MaxSleepMs = 250;

    private readonly NodeRuntime _runtime;

    public VirtualNode(VirtualNodeOptions options, WaveformLibrary library, IMqttLink link, TimeProvider? time = null)
    {
        Options = options;
        Clock = new SimulatedClock(time ?? TimeProvider.System);
        Accelerometer = new SyntheticAccelerometer(library, options.Machine, Clock, options.PhaseSamples, options.Gain) { Motor = options.Motor };
        Current = new SyntheticCurrentAdc(library, options.Machine, options.Motor, Clock, options.Seed) { BurdenOhms = 33 };
        Temperature = new SyntheticTemperatureSensor(options.Machine, Clock, options.Seed + 1);
        Store = new InMemoryBlobStore();
        Link = link;
        Network = new SimulatedNetwork();
        Led = new SimulatedStatusLed();
        System = new SimulatedSystemControl();

        var config = BuildConfig(options);
        var errors = new FieldErrors();
        if (!ConfigValidator.Validate(config, errors))
        {
            var first = errors[0];
            throw new ArgumentException($"Virtual node {options.NodeId}: invalid config at {first.Path}: {first.Message}");
        }
        if (!new ConfigStore(Store).Save(config)) throw new InvalidOperationException("The in-memory store refused the config.");

        var hardware = new NodeHardware
        {
            Accelerometer = Accelerometer,
            Temperature = Temperature,
            Current = Current,
            Clock = Clock,
            Store = Store,
            Mqtt = link,
            Network = Network,
            Serial = new DisconnectedSerialLine(),
            Led = Led,
            System = System,
            // A virtual node has the host's memory: give it the large-board limits so a CA certificate fits in its config.
            MemoryClass = NodeMemoryPlan.ClassPsram,
        };
        Services = new NodeServices(hardware, FirmwareVersion, Board);
        _runtime = new NodeRuntime(hardware, Services, Services);
        Services.Attach(_runtime);
    }

    public string NodeId => Options.NodeId;

    public VirtualNodeOptions Options { get; }

    public NodeRuntime Runtime => _runtime;

    public NodeServices Services { get; }

    public SimulatedClock Clock { get; }

    public SyntheticAccelerometer Accelerometer { get; }

    public SyntheticCurrentAdc Current { get; }

    public SyntheticTemperatureSensor Temperature { get; }

    public InMemoryBlobStore Store { get; }

    public IMqttLink Link { get; }

    public SimulatedNetwork Network { get; }

    public SimulatedStatusLed Led { get; }

    public SimulatedSystemControl System { get; }

    public long Steps { get; private set; }

    public long Step(long nowMs)
    {
        Steps++;
        // Tick returns 0 while it has more to do right now; give it a few turns, then yield the worker.
        for (var i = 0; i < 8; i++)
        {
            var sleep = _runtime.Tick();
            if (sleep > 0) return nowMs + Math.Min(sleep, MaxSleepMs);
        }
        return nowMs + 1;
    }

    /// <summary>The config a retrofitter would provision for this machine: its bearing, its speed, CT calibration.</summary>
    public static NodeConfig BuildConfig(VirtualNodeOptions o)
    {
        var c = new NodeConfig
        {
            NodeId = o.NodeId,
            Site = o.Site,
            AssetName = o.AssetName,
            BrokerHost = o.BrokerHost,
            BrokerPort = o.BrokerPort,
            BrokerTls = o.BrokerTls,
            BrokerCaPem = o.BrokerCaPem,
            BrokerUsername = o.Username,
            BrokerPassword = o.Password,
            CommandKey = o.CommandKey,
            AccelRangeG = 8,
            AccelOdrHz = 3200,
            FftSize = 2048,
            BurstLength = 2048,
            BearingBalls = o.Machine.Bearing.RollingElements,
            BearingBallDiameterMm = (float)o.Machine.Bearing.BallDiameterMm,
            BearingPitchDiameterMm = (float)o.Machine.Bearing.PitchDiameterMm,
            BearingContactAngleDeg = (float)o.Machine.Bearing.ContactAngleDeg,
            ShaftMode = NodeConfig.ShaftFixed,
            ShaftRpm = (float)(o.Machine.ShaftHz * 60),
            CtEnabled = true,
            // The current analyzer runs an FFT over the burst: a power of two (NodeConfig's default of 2000 is not).
            CurrentSamples = 2048,
            CurrentSampleRateHz = 2000,
            CtTurns = 2000,
            CtBurdenOhm = 33,
            CtAdcReferenceV = 3.3f,
            LineFrequencyHz = (float)o.Machine.LineHz,
            RunningThresholdA = (float)(0.1 * o.Machine.RatedCurrentA),
            RunningHysteresisA = (float)(0.02 * o.Machine.RatedCurrentA),
            ReportIntervalS = o.ReportIntervalSeconds,
            AlarmReportIntervalS = Math.Min(o.AlarmReportIntervalSeconds, o.ReportIntervalSeconds),
            HealthIntervalS = o.HealthIntervalSeconds,
            BaselineWindows = o.BaselineWindows,
        };
        foreach (var t in o.Thresholds) c.AddThreshold(t.Feature, t.Axis, t.Warning, t.Alarm, t.Hysteresis, t.OnDelayWindows);
        return c;
    }
}
