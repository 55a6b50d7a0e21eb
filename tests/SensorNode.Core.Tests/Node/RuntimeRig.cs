using SensorNode.Core.Current;
using SensorNode.Core.Features;
using SensorNode.Core.Node;
using SensorNode.Core.Temperature;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Tests.Node
{
    /// <summary>A config source handing out fixed settings (or none: provisioning).</summary>
    public sealed class FixedConfigSource : INodeConfigSource
    {
        public NodeSettings Settings;
        public int LoadCount;

        public FixedConfigSource(NodeSettings settings)
        {
            Settings = settings;
        }

        public IWindowProcessor CreateProcessor(NodeSettings settings)
        {
            var p = new PipelineSettings();
            p.Vibration = RuntimeRig.VibrationFor(settings.SamplesPerAxis);
            p.Current = settings.CurrentEnabled ? RuntimeRig.CurrentFor(settings.CurrentSamples) : null;
            p.Temperature = new TemperatureSettings();
            Processor = new PipelineWindowProcessor(p);
            return Processor;
        }

        public PipelineWindowProcessor Processor;

        public bool TryLoad(NodeSettings into)
        {
            LoadCount++;
            if (Settings == null)
            {
                return false;
            }

            into.Site = Settings.Site;
            into.NodeId = Settings.NodeId;
            into.ReportIntervalMs = Settings.ReportIntervalMs;
            into.AlarmReportIntervalMs = Settings.AlarmReportIntervalMs;
            into.HealthIntervalMs = Settings.HealthIntervalMs;
            into.SamplesPerAxis = Settings.SamplesPerAxis;
            into.CurrentEnabled = Settings.CurrentEnabled;
            into.CurrentSamples = Settings.CurrentSamples;
            into.CurrentRateHz = Settings.CurrentRateHz;
            into.TemperatureEnabled = Settings.TemperatureEnabled;
            into.QueueRamCapacity = Settings.QueueRamCapacity;
            into.SpillSegments = Settings.SpillSegments;
            into.SpillSegmentRecords = Settings.SpillSegmentRecords;
            into.ReplayPerTick = Settings.ReplayPerTick;
            into.NetworkBackoffInitialMs = Settings.NetworkBackoffInitialMs;
            into.NetworkBackoffMaxMs = Settings.NetworkBackoffMaxMs;
            into.BrokerBackoffInitialMs = Settings.BrokerBackoffInitialMs;
            into.BrokerBackoffMaxMs = Settings.BrokerBackoffMaxMs;
            into.BackoffJitter = Settings.BackoffJitter;
            into.RandomSeed = Settings.RandomSeed;
            into.StuckAfterMs = Settings.StuckAfterMs;
            into.MaxCycleRestarts = Settings.MaxCycleRestarts;
            into.Alarms = Settings.Alarms;
            return true;
        }
    }

    /// <summary>
    /// A whole node on fakes: synthetic accelerometer / current / temperature, in-memory MQTT link and network,
    /// manual clock, memory blob store — with the real runtime, DSP, alarm engine, queue and protocol encoder.
    /// Small windows (512 samples) keep the tests fast.
    /// </summary>
    public sealed class RuntimeRig
    {
        public const int Samples = 512;
        public const long StartUtcMs = 1763900000000L;

        public readonly ManualClock Clock = new ManualClock(StartUtcMs, true);
        public readonly FakeAccelerometer Accelerometer;
        public readonly FakeTemperatureSensor Temperature = new FakeTemperatureSensor();
        public readonly FakeCurrentAdc Current = new FakeCurrentAdc();
        public readonly MemoryBlobStore Store = new MemoryBlobStore();
        public readonly FakeMqttLink Mqtt = new FakeMqttLink();
        public readonly FakeNetwork Network = new FakeNetwork();
        public readonly FakeSerialLine Serial = new FakeSerialLine();
        public readonly FakeStatusLed Led = new FakeStatusLed();
        public readonly FakeSystemControl System = new FakeSystemControl();
        public readonly NodeHardware Hardware = new NodeHardware();
        public readonly FixedConfigSource Config;
        public NodeRuntime Runtime;

        /// <summary>Set when the rig runs the real config/command/provisioning bridge.</summary>
        public NodeServices Services;

        public RuntimeRig(NodeSettings settings)
        {
            Accelerometer = new FakeAccelerometer(Clock, 3200f);
            Config = new FixedConfigSource(settings);
            Hardware.Accelerometer = Accelerometer;
            Hardware.Temperature = Temperature;
            Hardware.Current = Current;
            Hardware.Clock = Clock;
            Hardware.Store = Store;
            Hardware.Mqtt = Mqtt;
            Hardware.Network = Network;
            Hardware.Serial = Serial;
            Hardware.Led = Led;
            Hardware.System = System;
            Build();
        }

        /// <summary>A fresh runtime on the same hardware and store (what a reboot looks like).</summary>
        public void Build()
        {
            if (Services != null)
            {
                BuildWithServices();
                return;
            }

            Runtime = new NodeRuntime(Hardware, Config, null);
        }

        /// <summary>A node whose configuration comes from the blob store through the real config code
        /// (<paramref name="stored"/> is saved first unless null).</summary>
        public static RuntimeRig WithServices(SensorNode.Core.Config.NodeConfig stored)
        {
            var rig = new RuntimeRig(null);
            if (stored != null)
            {
                Assert(new SensorNode.Core.Config.ConfigStore(rig.Store).Save(stored));
            }

            rig.BuildWithServices();
            return rig;
        }

        private void BuildWithServices()
        {
            Services = new NodeServices(Hardware, "1.0.0-test", "test-board");
            Runtime = new NodeRuntime(Hardware, Services, Services);
            Services.Attach(Runtime);
        }

        private static void Assert(bool condition)
        {
            if (!condition)
            {
                throw new System.Exception("rig setup failed");
            }
        }

        public static NodeSettings DefaultSettings()
        {
            var s = new NodeSettings();
            s.Site = "plant1";
            s.NodeId = "n01";
            s.ReportIntervalMs = 10000;
            s.AlarmReportIntervalMs = 2000;
            s.HealthIntervalMs = 60000;
            s.SamplesPerAxis = Samples;
            s.CurrentSamples = Samples;
            s.CurrentRateHz = 2000;
            s.QueueRamCapacity = 20;
            s.ReplayPerTick = 2;
            s.RandomSeed = 12345;
            s.BrokerBackoffInitialMs = 1000;
            s.BrokerBackoffMaxMs = 5000;
            return s;
        }

        public static VibrationSettings VibrationFor(int samples)
        {
            var v = new VibrationSettings();
            v.SampleRateHz = 3200f;
            v.FftSize = samples;
            v.BurstLength = samples;
            v.HighFrequencyHighHz = 1500f;
            v.EnvelopeHighHz = 1500f;
            v.ShaftMinHz = 10f;
            v.ShaftSpeedHz = 25f;
            return v;
        }

        public static CurrentSettings CurrentFor(int samples)
        {
            var c = new CurrentSettings();
            c.SampleCount = samples;
            c.SampleRateHz = 2000f;
            return c;
        }

        /// <summary>Ticks until the clock has moved <paramref name="ms"/> forward: each tick the clock advances by the
        /// runtime's sleep hint (at least <paramref name="minStepMs"/> when the hint is not 0).</summary>
        public void RunFor(long ms, long minStepMs = 500)
        {
            long end = Clock.MonotonicMs + ms;
            int idle = 0;
            while (Clock.MonotonicMs < end)
            {
                int sleep = Runtime.Tick();
                if (sleep == 0 && idle < 50)
                {
                    idle++;
                    continue;
                }

                idle = 0;
                long step = sleep < minStepMs ? minStepMs : sleep;
                if (Clock.MonotonicMs + step > end)
                {
                    step = end - Clock.MonotonicMs;
                }

                Clock.Advance(step < 1 ? 1 : step);
            }
        }

        /// <summary>Sequence numbers of the telemetry messages received so far, in order.</summary>
        public long[] TelemetrySequences(out int historical)
        {
            var list = Mqtt.WithTopicEnding("/telemetry");
            var seqs = new long[list.Count];
            historical = 0;
            for (int i = 0; i < list.Count; i++)
            {
                string p = ((PublishedMessage)list[i]).Payload;
                seqs[i] = FakeMqttLink.JsonInteger(p, "seq");
                if (p.IndexOf("\"hist\":true") >= 0)
                {
                    historical++;
                }
            }

            return seqs;
        }
    }
}
