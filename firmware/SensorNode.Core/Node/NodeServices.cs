using SensorNode.Core.Alarms;
using SensorNode.Core.Config;
using SensorNode.Core.Current;
using SensorNode.Core.Features;
using SensorNode.Core.Hardware;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;
using SensorNode.Core.Temperature;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Node
{
    /// <summary>
    /// Binds the runtime to the persisted configuration and the protocol: loads <see cref="NodeConfig"/> from the
    /// <see cref="ConfigStore"/> (two atomic slots), maps it to <see cref="NodeSettings"/> and the DSP settings,
    /// handles desired config and commands (signed, replay-protected) and runs the serial provisioning session.
    /// The device layer and the simulator construct one of these and pass it to <see cref="NodeRuntime"/> as both
    /// config source and inbound handler.
    /// </summary>
    public sealed class NodeServices : INodeConfigSource, INodeInbound, IProvisioningActions, IHealthContributor
    {
        private readonly NodeHardware _hw;
        private readonly string _firmwareVersion;
        private readonly string _board;
        private readonly ConfigStore _store;
        private readonly ReplayGuard _replay;
        private readonly InboundAuthenticator _auth;
        private readonly DesiredConfigProcessor _desired;
        private readonly CommandParser _commands = new CommandParser();
        private readonly Command _command = new Command();
        private readonly CommandAck _commandAck = new CommandAck();
        private readonly ConfigAck _configAck = new ConfigAck();
        private readonly FieldErrors _errors = new FieldErrors();
        private readonly NodeConfig _config = new NodeConfig();
        private readonly ConfigWorkspace _workspace;
        private readonly byte[] _reply;
        private readonly JsonWriter _writer;
        private ProvisioningSession _session;
        private int _serialBytesSeen;
        private long _lastSerialMs;

        /// <summary>The serial session's buffers are dropped after this long without a byte.</summary>
        public const int SerialIdleReleaseMs = 60000;
        private NodeRuntime _runtime;
        private bool _loaded;

        public NodeServices(NodeHardware hardware, string firmwareVersion, string board)
        {
            if (hardware == null || hardware.Store == null)
            {
                throw new System.ArgumentNullException("hardware");
            }

            _hw = hardware;
            _firmwareVersion = firmwareVersion;
            _board = board;
            _workspace = NodeMemoryPlan.NewWorkspace(hardware.MemoryClass);
            _store = new ConfigStore(hardware.Store, _workspace);
            _replay = new ReplayGuard(hardware.Store);
            _auth = new InboundAuthenticator(_replay, null);
            _desired = new DesiredConfigProcessor(_store, _auth);

            // Acks and the reported config are written after the store and the processor are done with the
            // workspace, on the same thread: they share its buffer.
            _reply = _workspace.Buffer;
            _writer = new JsonWriter(_reply);
        }

        /// <summary>The configuration in force (after a successful load).</summary>
        public NodeConfig Config => _config;

        /// <summary>Why the last load failed (field errors), for the serial session and tests.</summary>
        public FieldErrors LoadErrors => _errors;

        public InboundAuthenticator Authenticator => _auth;

        /// <summary>The config workspace's buffer, lent to the runtime as its encode buffer (same thread).</summary>
        public byte[] SharedBuffer => _workspace.Buffer;

        /// <summary>The serial provisioning session (null without a serial line).</summary>
        public ProvisioningSession Session => _session;

        /// <summary>The memory plan of the node as configured (null before a config is loaded).</summary>
        public NodeMemoryPlan MemoryPlan { get; private set; }

        /// <summary>The runtime this instance serves; set before the first tick.</summary>
        public void Attach(NodeRuntime runtime)
        {
            _runtime = runtime;
            if (_hw.Serial != null)
            {
                _session = new ProvisioningSession(_hw.Serial, _store, _config, this, _replay);
            }

            runtime.HealthFiller = this;
        }

        // ---- INodeConfigSource ----------------------------------------------------------------------------

        public bool TryLoad(NodeSettings into)
        {
            _errors.Clear();
            if (!_store.Load(_config, _errors))
            {
                _config.ResetToDefaults();
                _loaded = false;
                return false;
            }

            _loaded = true;
            _auth.SetKey(_config.CommandKey);
            MapCore(_config, into, _firmwareVersion, _board, _hw.MemoryClass);
            into.ConfigHash = _store.Hash(_config);
            MemoryPlan = NodeMemoryPlan.For(into, Features.MemoryPlan.For(PipelineFor(_config)).TotalBytes, _hw.MemoryClass);
            return true;
        }

        public IWindowProcessor CreateProcessor(NodeSettings settings)
        {
            return new PipelineWindowProcessor(PipelineFor(_config));
        }

        // ---- mapping --------------------------------------------------------------------------------------

        /// <summary>The runtime's view of a validated config.</summary>
        public static void Map(NodeConfig c, NodeSettings s, string firmwareVersion, string board)
        {
            Map(c, s, firmwareVersion, board, NodeMemoryPlan.ClassPsram);
        }

        /// <summary>The runtime's view of a validated config on a board of <paramref name="memoryClass"/>
        /// (NodeMemoryPlan.ClassSmall caps the queue's RAM ring and spills the rest to flash).</summary>
        public static void Map(NodeConfig c, NodeSettings s, string firmwareVersion, string board, int memoryClass)
        {
            MapCore(c, s, firmwareVersion, board, memoryClass);
            s.ConfigHash = ConfigHash.Compute(c);
        }

        private static void MapCore(NodeConfig c, NodeSettings s, string firmwareVersion, string board, int memoryClass)
        {
            s.Site = c.Site;
            s.NodeId = c.NodeId;
            s.AssetName = c.AssetName;
            s.FirmwareVersion = firmwareVersion;
            s.Board = board;
            s.WifiSsid = c.WifiSsid;
            s.WifiPassword = c.WifiPassword;
            s.BrokerHost = c.BrokerHost;
            s.BrokerPort = c.BrokerPort;
            s.BrokerTls = c.BrokerTls;
            s.BrokerCaPem = c.BrokerCaPem;
            s.ClientId = c.EffectiveClientId;
            s.Username = c.BrokerUsername;
            s.Password = c.BrokerPassword;
            s.ReportIntervalMs = c.ReportIntervalS * 1000;
            s.AlarmReportIntervalMs = (c.AlarmReportIntervalS < c.ReportIntervalS ? c.AlarmReportIntervalS : c.ReportIntervalS) * 1000;
            s.HealthIntervalMs = c.HealthIntervalS * 1000;
            s.SamplesPerAxis = c.BurstLength;
            s.AccelerometerRangeG = c.AccelRangeG;
            s.AccelerometerRateHz = c.AccelOdrHz;
            s.CurrentEnabled = c.CtEnabled;
            s.CurrentSamples = CurrentWindow(c);
            s.CurrentRateHz = c.CurrentSampleRateHz;
            MapSizes(c, s, memoryClass);
            s.Alarms = AlarmsFor(c);
        }

        /// <summary>The buffer sizes of the runtime for a config on a board of <paramref name="memoryClass"/>: the
        /// queue's RAM ring is capped by the class and what the config asks beyond it goes to the flash spill.</summary>
        public static void MapSizes(NodeConfig c, NodeSettings s, int memoryClass)
        {
            s.SamplesPerAxis = c.BurstLength;
            s.CurrentEnabled = c.CtEnabled;
            s.CurrentSamples = CurrentWindow(c);
            int ram = c.QueueCapacity;
            int spill = c.QueueSpill ? c.SpillCapacity : 0;
            int cap = NodeMemoryPlan.MaxQueueRamRecords(memoryClass);
            if (ram > cap)
            {
                spill += ram - cap;
                ram = cap;
            }

            s.QueueRamCapacity = ram;
            if (spill > 0)
            {
                // At most 64 segment blobs: grow the segment (up to the RAM ring) rather than the file count.
                int perSegment = (spill + 63) / 64;
                if (perSegment < 8)
                {
                    perSegment = 8;
                }

                if (perSegment > ram)
                {
                    perSegment = ram;
                }

                int segments = (spill + perSegment - 1) / perSegment;
                s.SpillSegmentRecords = perSegment;
                s.SpillSegments = segments > 64 ? 64 : segments;
            }
            else
            {
                s.SpillSegments = 0;
            }
        }

        /// <summary>Alarm rules from the config: each threshold as configured; a threshold with warning and alarm both
        /// 0 is learned from the baseline; a worst-axis velocity rule always learns from the baseline.</summary>
        public static AlarmSettings AlarmsFor(NodeConfig c)
        {
            var a = new AlarmSettings();
            IsoZoneLimits iso = c.IsoStandard == NodeConfig.IsoNone ? null : IsoZones.For(VibrationFor(c));
            if (iso != null)
            {
                a.IsoBoundaryAB = iso.BoundaryAB;
                a.IsoBoundaryBC = iso.BoundaryBC;
                a.IsoBoundaryCD = iso.BoundaryCD;
            }

            a.IsoZoneAlarms = iso != null;
            a.BaselineWindows = c.BaselineWindows;
            a.BaselineCapMmS = c.BaselineCapMmS;
            bool velocityRuleConfigured = false;
            int count = 0;
            var rules = new AlarmRule[c.ThresholdCount + 1];
            for (int i = 0; i < c.ThresholdCount && count < AlarmSettings.MaxRules - 2; i++)
            {
                FeatureThreshold t = c.Thresholds[i];
                int feature = AlarmFeature.FromKey(t.Feature);
                if (feature == 0)
                {
                    continue;
                }

                var r = new AlarmRule(feature, AlarmFeature.IsVibration(feature) ? t.Axis : -1, t.Warning, t.Alarm);
                r.HysteresisAbsolute = t.Hysteresis;
                r.Hysteresis = 0f;
                r.OnDelayWindows = t.OnDelayWindows < 1 ? 1 : t.OnDelayWindows;
                r.OffDelayWindows = r.OnDelayWindows;
                r.FromBaseline = t.Warning == 0f && t.Alarm == 0f;
                r.AlarmFactor = c.BaselineK;
                r.WarningFactor = (1f + c.BaselineK) / 2f;
                if (feature == AlarmFeature.VelocityRms && t.Axis < 0)
                {
                    velocityRuleConfigured = true;
                }

                rules[count++] = r;
            }

            if (!velocityRuleConfigured)
            {
                var r = new AlarmRule(AlarmFeature.VelocityRms, -1, 0f, 0f);
                r.FromBaseline = true;
                r.AlarmFactor = c.BaselineK;
                r.WarningFactor = (1f + c.BaselineK) / 2f;
                rules[count++] = r;
            }

            a.Rules = new AlarmRule[count];
            System.Array.Copy(rules, a.Rules, count);
            return a;
        }

        /// <summary>The DSP pipeline settings of a config (current channel only when the CT is enabled).</summary>
        public static PipelineSettings PipelineFor(NodeConfig c)
        {
            var p = new PipelineSettings();
            p.Vibration = VibrationFor(c);
            p.Current = c.CtEnabled ? CurrentFor(c) : null;
            p.Temperature = TemperatureFor(c);
            return p;
        }

        public static VibrationSettings VibrationFor(NodeConfig c)
        {
            var v = new VibrationSettings();
            v.SampleRateHz = c.AccelOdrHz;
            v.FftSize = c.FftSize;
            v.BurstLength = c.BurstLength;
            v.VelocityLowHz = c.VelocityBandLowHz;
            v.VelocityHighHz = c.VelocityBandHighHz;
            v.HighFrequencyLowHz = c.HfBandLowHz;
            v.HighFrequencyHighHz = c.HfBandHighHz;
            v.EnvelopeLowHz = c.EnvelopeBandLowHz;
            v.EnvelopeHighHz = c.EnvelopeBandHighHz;
            v.IsoStandard = c.IsoStandard == NodeConfig.Iso10816Part1 ? IsoZones.Iso10816Part1 : IsoZones.Iso10816Part3;
            v.IsoClass = c.IsoClass;
            v.IsoGroup = c.IsoGroup;
            v.IsoFlexibleSupport = c.IsoFlexible;
            if (c.BearingBalls > 0)
            {
                v.BearingElements = c.BearingBalls;
                v.BearingElementDiameter = c.BearingBallDiameterMm;
                v.BearingPitchDiameter = c.BearingPitchDiameterMm;
                v.BearingContactAngleDegrees = c.BearingContactAngleDeg;
            }

            if (c.ShaftMode == NodeConfig.ShaftFixed)
            {
                v.ShaftSpeedHz = c.ShaftRpm / 60f;
            }
            else if (c.ShaftMode == NodeConfig.ShaftEstimate)
            {
                v.ShaftMinHz = c.ShaftMinRpm / 60f;
                v.ShaftMaxHz = c.ShaftMaxRpm / 60f;
            }

            return v;
        }

        public static CurrentSettings CurrentFor(NodeConfig c)
        {
            var s = new CurrentSettings();
            s.SampleRateHz = c.CurrentSampleRateHz;
            s.SampleCount = CurrentWindow(c);
            s.TurnsRatio = c.CtTurns;
            s.BurdenOhms = c.CtBurdenOhm;
            s.AdcReferenceVolts = c.CtAdcReferenceV;
            s.GainTrim = c.CtGain;
            s.OffsetTrimAmps = c.CtOffsetA;
            s.NominalVoltage = c.NominalVoltageV;
            s.PowerFactor = c.PowerFactor;
            s.RunningThresholdAmps = c.RunningThresholdA;
            s.HysteresisAmps = c.RunningHysteresisA;
            return s;
        }

        /// <summary>The current analyzer runs an FFT, so its window is the largest power of two within the configured
        /// sample count (2000 → 1024), at least 256.</summary>
        public static int CurrentWindow(NodeConfig c)
        {
            int n = 256;
            while (n * 2 <= c.CurrentSamples && n < 8192)
            {
                n *= 2;
            }

            return n;
        }

        public static TemperatureSettings TemperatureFor(NodeConfig c)
        {
            var t = new TemperatureSettings();
            t.Alpha = c.TemperatureSmoothing;
            return t;
        }

        // ---- INodeInbound ---------------------------------------------------------------------------------

        public void OnMessage(NodeRuntime runtime, string topic, byte[] payload, int length)
        {
            Topics topics = runtime.Topics;
            if (topics == null)
            {
                return;
            }

            if (topic == topics.ConfigDesired)
            {
                HandleDesiredConfig(runtime, topic, payload, length);
            }
            else if (topic == topics.Command)
            {
                HandleCommand(runtime, topic, payload, length);
            }
        }

        public void PollSerial(NodeRuntime runtime)
        {
            if (_session == null)
            {
                return;
            }

            _session.Poll();
            long now = _hw.Clock == null ? 0 : _hw.Clock.MonotonicMs;
            if (_session.BytesReceived != _serialBytesSeen)
            {
                _serialBytesSeen = _session.BytesReceived;
                _lastSerialMs = now;
            }
            else if (_session.BuffersAllocated && now - _lastSerialMs >= SerialIdleReleaseMs)
            {
                _session.Release();
            }
        }

        private void HandleDesiredConfig(NodeRuntime runtime, string topic, byte[] payload, int length)
        {
            int before = SizingHash(_config);
            int result = _desired.Process(topic, payload, 0, length, _config, _configAck);
            if (ProtocolEncoder.ConfigAck(_writer, _configAck))
            {
                runtime.Publish(runtime.Topics.ConfigAck, _writer.Buffer, _writer.Length, Topics.ConfigAckQos, Topics.ConfigAckRetain);
            }

            if (result != ResultCode.Ok)
            {
                return;
            }

            PublishReported(runtime);
            ApplyCommitted(runtime, before);
        }

        private void ApplyCommitted(NodeRuntime runtime, int sizingBefore)
        {
            var settings = new NodeSettings();
            Map(_config, settings, _firmwareVersion, _board);
            if (SizingHash(_config) != sizingBefore || !runtime.ApplySettings(settings))
            {
                // Buffer sizes, sensors, network or broker changed: those are set up once at start.
                runtime.RequestReboot();
            }
        }

        private void PublishReported(NodeRuntime runtime)
        {
            _writer.Reset(_reply);
            if (ConfigCodec.WriteReported(_writer, _config, _configAck.Hash, _configAck.Counter))
            {
                runtime.Publish(runtime.Topics.ConfigReported, _writer.Buffer, _writer.Length, Topics.ConfigReportedQos, Topics.ConfigReportedRetain);
            }
        }

        /// <summary>A fingerprint of everything that is fixed at start (sizes, sensors, DSP, network, broker).</summary>
        private static int SizingHash(NodeConfig c)
        {
            int h = 17;
            h = (h * 31) + c.AccelRangeG;
            h = (h * 31) + c.AccelOdrHz;
            h = (h * 31) + c.FftSize;
            h = (h * 31) + c.BurstLength;
            h = (h * 31) + c.CurrentSamples;
            h = (h * 31) + c.CurrentSampleRateHz;
            h = (h * 31) + (c.CtEnabled ? 1 : 0);
            h = (h * 31) + c.QueueCapacity;
            h = (h * 31) + (c.QueueSpill ? c.SpillCapacity : -1);
            h = (h * 31) + c.BrokerPort;
            h = (h * 31) + (c.BrokerTls ? 1 : 0);
            h = (h * 31) + StringHash(c.BrokerHost);
            h = (h * 31) + StringHash(c.BrokerUsername);
            h = (h * 31) + StringHash(c.BrokerPassword);
            h = (h * 31) + StringHash(c.BrokerCaPem);
            h = (h * 31) + StringHash(c.WifiSsid);
            h = (h * 31) + StringHash(c.WifiPassword);
            h = (h * 31) + (int)(c.VelocityBandLowHz * 100) + (int)(c.VelocityBandHighHz * 10) + (int)(c.HfBandLowHz * 7)
                + (int)(c.HfBandHighHz * 3) + (int)(c.EnvelopeBandLowHz * 5) + (int)(c.EnvelopeBandHighHz * 11);
            h = (h * 31) + c.BearingBalls + c.ShaftMode + (int)c.ShaftRpm + (int)c.ShaftMinRpm + (int)c.ShaftMaxRpm;
            h = (h * 31) + (int)(c.CtTurns + (c.CtBurdenOhm * 13) + (c.CtGain * 1000) + (c.RunningThresholdA * 100) + (c.NominalVoltageV * 3));
            h = (h * 31) + (int)(c.TemperatureSmoothing * 1000);
            return h;
        }

        private static int StringHash(string s)
        {
            if (s == null)
            {
                return 0;
            }

            int h = s.Length;
            for (int i = 0; i < s.Length; i++)
            {
                h = (h * 31) + s[i];
            }

            return h;
        }

        private void HandleCommand(NodeRuntime runtime, string topic, byte[] payload, int length)
        {
            int result = _commands.Parse(_auth, topic, payload, 0, length, _command);
            if (result == ResultCode.Ok)
            {
                result = Execute(runtime, _command);
                if (result != ResultCode.Ok && _command.Kind == Command.Spectrum)
                {
                    ExplainSpectrum(result);
                }
            }

            _commands.FillAck(_command, result, _commandAck);
            if (ProtocolEncoder.CommandAck(_writer, _commandAck))
            {
                runtime.Publish(runtime.Topics.CommandAck, _writer.Buffer, _writer.Length, Topics.CommandAckQos, Topics.CommandAckRetain);
            }
        }

        private static int Execute(NodeRuntime runtime, Command c)
        {
            switch (c.Kind)
            {
                case Command.Rebirth:
                    runtime.RequestRebirth();
                    return ResultCode.Ok;
                case Command.Identify:
                    runtime.Identify(c.Seconds);
                    return ResultCode.Ok;
                case Command.Reboot:
                    runtime.RequestReboot();
                    return ResultCode.Ok;
                case Command.BaselineStart:
                    runtime.StartBaseline();
                    return ResultCode.Ok;
                case Command.BaselineStop:
                    return runtime.StopBaseline() ? ResultCode.Ok : ResultCode.Failed;
                case Command.ClearAlarms:
                    runtime.ClearAlarms();
                    return ResultCode.Ok;
                case Command.Spectrum:
                    return runtime.RequestSpectrum(c.Id, c.Axis, c.SpectrumKind, c.MaxHz);
                default:
                    return ResultCode.NotSupported;
            }
        }

        private void ExplainSpectrum(int result)
        {
            switch (result)
            {
                case ResultCode.OutOfRange:
                    _commands.Errors.Add("args.axis", result, "axis not measured by this node");
                    break;
                case ResultCode.Busy:
                    _commands.Errors.Add("", result, "a snapshot is pending or was taken less than 10 s ago");
                    break;
                case ResultCode.NotSupported:
                    _commands.Errors.Add("args.kind", result, "no accelerometer, or envelope spectrum not available");
                    break;
            }
        }

        // ---- IHealthContributor ---------------------------------------------------------------------------

        public void Fill(HealthSnapshot health)
        {
            _auth.CopyCountersTo(health);
            health.MemoryPlanBytes = MemoryPlan == null ? 0 : MemoryPlan.PeakBytes;
        }

        // ---- IProvisioningActions -------------------------------------------------------------------------

        public string FirmwareVersion => _firmwareVersion;

        public string Board => _board;

        public string State => _runtime == null ? "boot" : NodeState.Name(_runtime.State);

        public void Reboot()
        {
            if (_runtime != null)
            {
                _runtime.RequestReboot();
            }
        }

        public bool FactoryReset()
        {
            if (_runtime != null)
            {
                _runtime.FactoryReset();
            }

            _replay.Reset();
            return true;
        }

        public bool WriteLiveValues(JsonWriter w)
        {
            if (_runtime == null || _runtime.CyclesCompleted == 0)
            {
                return false;
            }

            MeasurementRecord r = _runtime.LastRecord;
            w.BeginObject();
            w.Prop("seq", r.Sequence);
            w.Prop("ts", r.TimestampUnixMs);
            w.Prop("st", r.Status);
            w.Name("vrms");
            w.BeginArray();
            for (int i = 0; i < r.AxisCount; i++)
            {
                w.Float(r.VelocityRms[i]);
            }

            w.EndArray();
            if ((r.Status & MeasurementRecord.StatusTemperatureFailed) == 0)
            {
                w.Prop("temp", r.TemperatureC);
            }

            if (r.HasCurrent)
            {
                w.Prop("irms", r.CurrentRms);
                w.Prop("run", r.Running);
            }

            w.EndObject();
            return true;
        }

        public int TestBroker(NodeConfig config, out string detail)
        {
            if (_runtime != null && _runtime.State != NodeState.Provisioning)
            {
                bool same = config.BrokerHost == _config.BrokerHost && config.BrokerPort == _config.BrokerPort;
                if (same && (_runtime.State == NodeState.Running || _runtime.State == NodeState.Degraded))
                {
                    detail = "connected";
                    return ResultCode.Ok;
                }

                detail = "node is running; test in provisioning mode";
                return ResultCode.Failed;
            }

            if (!_hw.Network.IsConnected)
            {
                var wifi = _hw.Network as IWifiNetwork;
                if (wifi != null)
                {
                    wifi.SetCredentials(config.WifiSsid, config.WifiPassword);
                }

                if (!_hw.Network.Connect(15000))
                {
                    detail = "network connect failed";
                    return ResultCode.Failed;
                }
            }

            var o = new MqttConnectOptions();
            o.Host = config.BrokerHost;
            o.Port = config.BrokerPort;
            o.UseTls = config.BrokerTls;
            o.CaCertificatePem = config.BrokerCaPem;
            o.ClientId = config.EffectiveClientId;
            o.Username = config.BrokerUsername;
            o.Password = config.BrokerPassword;
            int rc = _hw.Mqtt.Connect(o);
            if (rc == 0 && _hw.Mqtt.IsConnected)
            {
                _hw.Mqtt.Disconnect();
                detail = "connack 0";
                return ResultCode.Ok;
            }

            detail = "connack " + rc.ToString();
            return ResultCode.Failed;
        }

        public void ConfigCommitted(NodeConfig config)
        {
            if (_runtime == null)
            {
                return;
            }

            if (!_loaded || _runtime.State == NodeState.Provisioning)
            {
                // First provisioning: start the node with the new config without a reboot.
                _runtime.Reload();
                return;
            }

            _runtime.RequestReboot();
        }
    }
}
