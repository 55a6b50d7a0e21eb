using SensorNode.Core.Alarms;
using SensorNode.Core.Features;
using SensorNode.Core.Hardware;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Queue;

namespace SensorNode.Core.Node
{
    /// <summary>
    /// The node's behaviour as a tick-driven state machine. <see cref="Tick"/> does one bounded unit of work and
    /// returns how long the caller may sleep; the device layer calls it in a loop on one thread, tests call it with a
    /// manual clock. Order of work inside a tick: supervision → a due measurement cycle (always first: measurement
    /// never waits for the network) → one inbound message → serial → one connectivity step → replay → health.
    /// <para>States: boot → (config missing/invalid) provisioning, or → no_network → no_broker → running / degraded.
    /// Losing the network or broker only moves the node back to no_network / no_broker: it keeps measuring and
    /// queueing, reconnects with capped exponential back-off and jitter, and never reboots for it.</para>
    /// Threading: everything runs on the caller's thread except <see cref="IMqttLinkListener"/> callbacks (copied
    /// into a bounded mailbox under a lock) and <see cref="Supervise"/> (safe from a watchdog thread).
    /// </summary>
    public sealed class NodeRuntime : IMqttLinkListener
    {
        private const int PayloadBufferSize = NodeMemoryPlan.PayloadBufferBytes;
        private const int InboundSlots = NodeMemoryPlan.InboundMessages;
        private const string CountersBlob = "node.cnt";
        private const int CountersBytes = 20;

        /// <summary>Sequence numbers reserved per flash write (telemetry and alarms each).</summary>
        public const uint SequenceBlock = 1000;

        private readonly NodeHardware _hw;
        private readonly IClock _clock;
        private readonly INodeConfigSource _configSource;
        private readonly INodeInbound _inbound;
        private IWindowProcessor _processor;

        private NodeSettings _settings;
        private MeasurementCycle _cycle;
        private AlarmEngine _alarms;
        private StoreAndForwardQueue _queue;
        private Topics _topics;
        private Supervisor _supervisor;
        private Backoff _networkBackoff;
        private Backoff _brokerBackoff;
        private MqttConnectOptions _connectOptions;

        private readonly MeasurementRecord _record = new MeasurementRecord();
        private readonly MeasurementRecord _replay = new MeasurementRecord();
        private readonly byte[] _payload;
        private readonly bool _ownPayload;
        private readonly JsonWriter _writer;
        private readonly HealthSnapshot _health = new HealthSnapshot();
        private readonly BirthInfo _birth = new BirthInfo();
        private AlarmEvent[] _pendingAlarms;
        private int _pendingAlarmHead;
        private int _pendingAlarmCount;
        private readonly AlarmEvent _alarmEvent = new AlarmEvent();

        // Inbound mailbox, filled on the MQTT client's thread.
        private readonly object _inboxLock = new object();
        private readonly string[] _inboxTopic = new string[InboundSlots];
        private readonly int[] _inboxLength = new int[InboundSlots];

        // One contiguous mailbox: messages back to back from offset 0, the oldest first, so one desired config
        // and a few commands share the room of one large message (docs/memory.md).
        private readonly byte[] _inbox;
        private int _inboxUsed;
        private int _inboxCount;
        private bool _connectionLost;

        private int _state = NodeState.Boot;
        private int _transitions;
        private string _lastTransitionReason = "boot";
        private long _lastTransitionMs;
        private string _lastError;
        private uint _nextSequence;
        private uint _nextAlarmSequence;
        private uint _bootCount;
        private int _supervisorReboots;
        private bool _networkUp;
        private bool _brokerUp;
        private bool _everConnected;
        private int _reconnects;
        private int _networkAttempts;
        private int _brokerAttempts;
        private int _cyclesCompleted;
        private int _inboundDropped;
        private int _lastSensorStatus;
        private long _nextMeasureMs;
        private long _nextNetworkAttemptMs;
        private long _nextBrokerAttemptMs;
        private long _nextHealthMs;
        private long _lastCycleMs = -1;
        private long _identifyUntilMs;
        private bool _rebirthRequested;
        private bool _rebootRequested;
        private readonly byte[] _counters = new byte[CountersBytes];

        // Sequence numbers are reserved in blocks: the flash holds the end of the block in use, a reboot resumes
        // there, so numbers only grow across reboots at one flash write per SequenceBlock messages.
        private uint _telemetryLimit;
        private uint _alarmLimit;

        /// <param name="hardware">The seams (accelerometer, clock, store, MQTT link, network … ; temperature/current may be null).</param>
        /// <param name="configSource">Loads the persisted configuration at boot.</param>
        /// <param name="configSource">Loads the persisted configuration at boot and builds the DSP pipeline for it.</param>
        /// <param name="inbound">Handles config/command messages and the serial session; may be null.</param>
        public NodeRuntime(NodeHardware hardware, INodeConfigSource configSource, INodeInbound inbound)
        {
            if (hardware == null || hardware.Clock == null || hardware.Accelerometer == null || hardware.Mqtt == null
                || hardware.Network == null || configSource == null)
            {
                throw new System.ArgumentNullException("hardware");
            }

            _hw = hardware;
            _clock = hardware.Clock;
            _configSource = configSource;
            _inbound = inbound;
            // With NodeServices as the config source the encode buffer is its config workspace: both are used only
            // on this thread, one after the other, and every message is handed to the MQTT link before the next.
            var services = configSource as NodeServices;
            _ownPayload = services == null;
            _payload = services != null ? services.SharedBuffer : new byte[PayloadBufferSize];
            _writer = new JsonWriter(_payload);
            _inbox = new byte[NodeMemoryPlan.InboxBytes(hardware.MemoryClass)];
        }

        // ---- observation ----------------------------------------------------------------------------------

        public int State => _state;

        public NodeSettings Settings => _settings;

        public AlarmEngine Alarms => _alarms;

        public StoreAndForwardQueue Queue => _queue;

        public Topics Topics => _topics;

        public Supervisor Supervisor => _supervisor;

        /// <summary>The last measured window (live values for the serial session).</summary>
        public MeasurementRecord LastRecord => _record;

        public int CyclesCompleted => _cyclesCompleted;

        public bool IdentifyActive => _clock.MonotonicMs < _identifyUntilMs;

        /// <summary>Bytes of buffers the runtime allocated at start (sample buffers, queue, payload, mailbox, DSP).</summary>
        public int AllocatedBytes
        {
            get
            {
                int n = (_ownPayload ? _payload.Length : 0) + _inbox.Length + (_processor == null ? 0 : _processor.AllocatedBytes);
                if (_queue != null)
                {
                    n += _queue.AllocatedBytes;
                }

                return n;
            }
        }

        /// <summary>Fills <paramref name="into"/> with the current status (the serial session's status query).</summary>
        public void GetStatus(NodeStatus into)
        {
            into.State = _state;
            into.StateName = NodeState.Name(_state);
            into.Transitions = _transitions;
            into.LastTransitionReason = _lastTransitionReason;
            into.LastTransitionMs = _lastTransitionMs;
            into.UptimeMs = _clock.MonotonicMs;
            into.BootCount = _bootCount;
            into.NextSequence = _nextSequence;
            into.SensorStatus = _lastSensorStatus;
            into.TimeSynced = _clock.IsSynced;
            into.QueueDepth = _queue == null ? 0 : _queue.Count;
            into.QueueCapacity = _queue == null ? 0 : _queue.Capacity;
            into.Dropped = _queue == null ? 0 : _queue.Dropped;
            into.Reconnects = _reconnects;
            into.NetworkAttempts = _networkAttempts;
            into.BrokerAttempts = _brokerAttempts;
            into.CyclesCompleted = _cyclesCompleted;
            into.CycleRestarts = _supervisor == null ? 0 : _supervisor.Restarts;
            into.SupervisorReboots = _supervisorReboots;
            into.AlarmLevel = _alarms == null ? 0 : _alarms.HighestLevel;
            into.ActiveAlarms = _alarms == null ? 0 : _alarms.ActiveCount;
            into.BaselineLearning = _alarms != null && _alarms.BaselineLearning;
            into.InboundDropped = _inboundDropped;
            into.LastError = _lastError;
        }

        // ---- the loop -------------------------------------------------------------------------------------

        /// <summary>Does one bounded unit of work; returns the milliseconds the caller may sleep before the next tick
        /// (0 = call again at once). Never throws.</summary>
        public int Tick()
        {
            try
            {
                if (_rebootRequested)
                {
                    _rebootRequested = false;
                    DoReboot();
                    return 1000;
                }

                if (_state == NodeState.Boot)
                {
                    Boot();
                    return 0;
                }

                if (_state == NodeState.Provisioning)
                {
                    if (_reloadRequested)
                    {
                        _reloadRequested = false;
                        LoadAndStart();
                        return 0;
                    }

                    PollSerial();
                    BlinkProvisioning();
                    return 50;
                }

                long now = _clock.MonotonicMs;
                if (HandleSupervision(_supervisor.Check(now)))
                {
                    return 0;
                }

                if (now >= _nextMeasureMs)
                {
                    RunCycle(now);
                    return 0;
                }

                if (DrainOneInbound())
                {
                    return 0;
                }

                PollSerial();
                ConnectivityStep(now);
                if (_brokerUp)
                {
                    if (_rebirthRequested)
                    {
                        _rebirthRequested = false;
                        PublishBirth();
                    }

                    if (Replay())
                    {
                        return 0;
                    }

                    if (_clock.MonotonicMs >= _nextHealthMs)
                    {
                        PublishHealth();
                    }
                }

                UpdateLed();
                return SleepHint();
            }
            catch (System.Exception ex)
            {
                _lastError = ex.Message;
                return 100;
            }
        }

        /// <summary>For the device's watchdog thread: checks for a stuck cycle. On a reboot verdict the reboot counter
        /// is persisted and the platform rebooted; on a restart verdict the runtime restarts the cycle at its next
        /// tick (the watchdog may also have to abort and restart a runtime thread blocked in a driver).</summary>
        public int Supervise()
        {
            if (_supervisor == null)
            {
                return SupervisorAction.None;
            }

            int action = _supervisor.Check(_clock.MonotonicMs);
            if (action == SupervisorAction.Reboot)
            {
                SupervisorReboot();
            }
            else if (action == SupervisorAction.RestartCycle)
            {
                _restartPending = true;
            }

            return action;
        }

        private bool _restartPending;
        private bool _replayBlocked;

        // ---- actions (commands and the serial session call these) ----------------------------------------

        /// <summary>Returns every alarm rule to normal; each cleared rule publishes (or queues) an alarm event.</summary>
        public void ClearAlarms()
        {
            if (_alarms == null)
            {
                return;
            }

            int n = _alarms.ClearAll();
            EmitAlarmChanges(n, _record);
        }

        public void StartBaseline()
        {
            if (_alarms != null)
            {
                _alarms.StartBaseline();
            }
        }

        public bool StopBaseline()
        {
            return _alarms != null && _alarms.StopBaseline();
        }

        /// <summary>Publishes birth (and online status) again at the next tick while connected.</summary>
        public void RequestRebirth()
        {
            _rebirthRequested = true;
        }

        /// <summary>Blinks the status LED for <paramref name="seconds"/>.</summary>
        public void Identify(int seconds)
        {
            _identifyUntilMs = _clock.MonotonicMs + (seconds * 1000L);
        }

        /// <summary>Shortest time between two accepted spectrum snapshots (each one costs a second analysis of an
        /// axis and a burst of publishes), ms.</summary>
        public const int SpectrumMinIntervalMs = 10000;

        /// <summary>Bins per spectrum chunk (about 2.8 KB of JSON at 4 significant digits: fits the encode buffer).</summary>
        public const int SpectrumBinsPerChunk = 256;

        /// <summary>True while an accepted spectrum snapshot waits for the next completed window.</summary>
        public bool SpectrumPending => _spectrumPending;

        /// <summary>
        /// Accepts a spectrum snapshot of <paramref name="axis"/>: after the next completed window its amplitude
        /// spectrum is published in chunks on the spectrum topic (docs/protocol.md §3). Returns ResultCode.Ok,
        /// NotSupported (no accelerometer pipeline, or kind envelope), OutOfRange (axis not measured), or Busy (a
        /// snapshot is pending, or the last one was accepted less than SpectrumMinIntervalMs ago). Only the request
        /// is stored (a few scalars and the caller's id string): nothing is allocated.
        /// </summary>
        public int RequestSpectrum(string id, int axis, string kind, float maxHz)
        {
            var pipeline = _processor as PipelineWindowProcessor;
            if (pipeline == null || pipeline.AxisCount == 0 || kind == Command.SpectrumEnvelope)
            {
                return ResultCode.NotSupported;
            }

            if (axis < 0 || axis >= pipeline.AxisCount)
            {
                return ResultCode.OutOfRange;
            }

            long now = _clock.MonotonicMs;
            if (_spectrumPending || (_spectrumAccepted && now - _spectrumAcceptedMs < SpectrumMinIntervalMs))
            {
                return ResultCode.Busy;
            }

            _spectrumPending = true;
            _spectrumAccepted = true;
            _spectrumAcceptedMs = now;
            _spectrumId = id;
            _spectrumAxis = axis;
            _spectrumKind = kind == Command.SpectrumVelocity ? Command.SpectrumVelocity : Command.SpectrumAccel;
            _spectrumMaxHz = maxHz;
            return ResultCode.Ok;
        }

        private bool _spectrumPending;
        private bool _spectrumAccepted;
        private long _spectrumAcceptedMs;
        private string _spectrumId;
        private int _spectrumAxis;
        private string _spectrumKind;
        private float _spectrumMaxHz;

        /// <summary>Reboots at the next tick (after the current reply went out).</summary>
        public void RequestReboot()
        {
            _rebootRequested = true;
        }

        /// <summary>In provisioning mode: load the (just committed) configuration and start, without a reboot.</summary>
        public void Reload()
        {
            if (_state == NodeState.Provisioning)
            {
                _reloadRequested = true;
            }
        }

        private bool _reloadRequested;

        /// <summary>Forgets queued records (RAM and flash), pending alarm events, alarm states and the baseline.</summary>
        public void FactoryReset()
        {
            if (_queue != null)
            {
                _queue.Clear();
            }

            _pendingAlarmCount = 0;
            if (_settings != null)
            {
                _alarms = new AlarmEngine(_settings.Alarms);
            }
        }

        /// <summary>Applies settings that can change while running: intervals and alarm rules. Sizes (samples, queue,
        /// spill) need a restart; returns false (nothing applied) when the settings are invalid.</summary>
        public bool ApplySettings(NodeSettings settings)
        {
            if (settings == null || settings.Validate() != null)
            {
                return false;
            }

            var alarms = new AlarmEngine(settings.Alarms);
            _alarms = alarms;
            _settings.ReportIntervalMs = settings.ReportIntervalMs;
            _settings.AlarmReportIntervalMs = settings.AlarmReportIntervalMs;
            _settings.HealthIntervalMs = settings.HealthIntervalMs;
            _settings.ReplayPerTick = settings.ReplayPerTick;
            _settings.Alarms = settings.Alarms;
            _settings.ConfigHash = settings.ConfigHash;
            long soonest = _clock.MonotonicMs + settings.ReportIntervalMs;
            if (_nextMeasureMs > soonest)
            {
                _nextMeasureMs = soonest;
            }

            _rebirthRequested = true;
            return true;
        }

        /// <summary>Publishes a reply (config ack, command ack, reported config …) when connected; false otherwise.</summary>
        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            return _brokerUp && _hw.Mqtt.Publish(topic, payload, length, qos, retain);
        }

        /// <summary>Records a short error text for health (never put secrets in it).</summary>
        public void ReportError(string text)
        {
            _lastError = text;
        }

        // ---- IMqttLinkListener (client thread) ------------------------------------------------------------

        public void OnMessage(string topic, byte[] payload, int length)
        {
            lock (_inboxLock)
            {
                if (_inboxCount == InboundSlots || length < 0 || length > _inbox.Length - _inboxUsed)
                {
                    _inboundDropped++;
                    return;
                }

                _inboxTopic[_inboxCount] = topic;
                System.Array.Copy(payload, 0, _inbox, _inboxUsed, length);
                _inboxLength[_inboxCount] = length;
                _inboxUsed += length;
                _inboxCount++;
            }
        }

        public void OnConnectionLost()
        {
            _connectionLost = true;
        }

        // ---- boot -----------------------------------------------------------------------------------------

        private void Boot()
        {
            LoadCounters();
            _bootCount++;
            _telemetryLimit = _nextSequence + SequenceBlock;
            _alarmLimit = _nextAlarmSequence + SequenceBlock;
            SaveCounters();
            LoadAndStart();
        }

        private void LoadAndStart()
        {
            var settings = new NodeSettings();
            bool ok;
            try
            {
                ok = _configSource.TryLoad(settings) && settings.Validate() == null && Topics.IsValidSegment(settings.Site)
                    && Topics.IsValidSegment(settings.NodeId);
            }
            catch (System.Exception ex)
            {
                _lastError = ex.Message;
                ok = false;
            }

            if (!ok)
            {
                Transition(NodeState.Provisioning, "config missing or invalid");
                return;
            }

            Start(settings);
        }

        private void Start(NodeSettings settings)
        {
            _settings = settings;
            _processor = _configSource.CreateProcessor(settings);
            _topics = new Topics(settings.Site, settings.NodeId);
            _cycle = new MeasurementCycle(_hw, settings, _processor);
            _alarms = new AlarmEngine(settings.Alarms);
            _queue = settings.SpillSegments > 0 && _hw.Store != null
                ? new StoreAndForwardQueue(settings.QueueRamCapacity, _hw.Store, "sfq", settings.SpillSegmentRecords, settings.SpillSegments)
                : new StoreAndForwardQueue(settings.QueueRamCapacity);
            _queue.RestoreFromFlash();
            _pendingAlarms = new AlarmEvent[settings.AlarmEventBuffer];
            for (int i = 0; i < _pendingAlarms.Length; i++)
            {
                _pendingAlarms[i] = new AlarmEvent();
            }

            _supervisor = new Supervisor(settings.EffectiveStuckAfterMs, settings.MaxCycleRestarts);
            _networkBackoff = new Backoff(settings.NetworkBackoffInitialMs, settings.NetworkBackoffMaxMs, settings.BackoffJitter, settings.RandomSeed);
            _brokerBackoff = new Backoff(settings.BrokerBackoffInitialMs, settings.BrokerBackoffMaxMs, settings.BackoffJitter, settings.RandomSeed ^ 0x5A5A5A5Au);

            _connectOptions = new MqttConnectOptions();
            _connectOptions.Host = settings.BrokerHost;
            _connectOptions.Port = settings.BrokerPort;
            _connectOptions.UseTls = settings.BrokerTls;
            _connectOptions.CaCertificatePem = settings.BrokerCaPem;
            _connectOptions.ClientId = settings.ClientId != null && settings.ClientId.Length > 0 ? settings.ClientId : settings.NodeId;
            _connectOptions.Username = settings.Username;
            _connectOptions.Password = settings.Password;
            _connectOptions.KeepAliveSeconds = settings.KeepAliveSeconds;
            _connectOptions.WillTopic = _topics.Status;
            _connectOptions.WillPayload = ProtocolEncoder.WillPayload(_bootCount);
            _connectOptions.WillRetain = Topics.StatusRetain;
            _connectOptions.WillQos = Topics.StatusQos;
            _hw.Mqtt.SetListener(this);
            var wifi = _hw.Network as IWifiNetwork;
            if (wifi != null)
            {
                wifi.SetCredentials(settings.WifiSsid, settings.WifiPassword);
            }

            long now = _clock.MonotonicMs;
            // The first window is due right after one connectivity step, so a node that can reach its broker
            // publishes its first record live instead of from the queue.
            _nextMeasureMs = now + 1;
            _nextNetworkAttemptMs = now;
            _nextBrokerAttemptMs = now;
            _nextHealthMs = now;
            _supervisor.Arm(now);
            Transition(NodeState.NoNetwork, "config loaded");
        }

        // ---- measurement ----------------------------------------------------------------------------------

        private void RunCycle(long now)
        {
            if (_restartPending)
            {
                _restartPending = false;
                _cycle.Restart();
            }

            _supervisor.CycleStarted(now);
            long planned = _nextMeasureMs;

            // Should anything below throw, the next attempt still waits a full interval (no busy retry loop).
            _nextMeasureMs = now + _settings.ReportIntervalMs;
            MeasurementRecord r = _record;
            _cycle.Measure(r, now);
            r.TimeSynced = _clock.IsSynced;
            r.TimestampUnixMs = r.TimeSynced ? _clock.UtcNowUnixMs : _clock.MonotonicMs;
            if (!r.TimeSynced)
            {
                r.Status |= MeasurementRecord.StatusClockNotSynced;
            }

            r.Sequence = _nextSequence++;
            if (_nextSequence >= _telemetryLimit)
            {
                _telemetryLimit = _nextSequence + SequenceBlock;
                SaveCounters();
            }
            r.Historical = false;

            int changes = _alarms.Evaluate(r);
            EmitAlarmChanges(changes, r);

            // Schedule from the planned time so the cadence does not drift; skip missed slots after a long stall.
            // The interval follows the alarm state this window ended in (faster reporting while in alarm).
            long interval = _alarms.HighestLevel > AlarmLevel.Normal ? _settings.AlarmReportIntervalMs : _settings.ReportIntervalMs;
            _nextMeasureMs = planned + interval;
            if (_nextMeasureMs <= now)
            {
                _nextMeasureMs = now + interval;
            }

            bool sent = false;
            if (_brokerUp)
            {
                sent = EncodeAndPublishTelemetry(r);
            }

            if (!sent)
            {
                _queue.Enqueue(r);
            }

            if (_spectrumPending)
            {
                PublishSpectrum(r);
            }

            _lastCycleMs = now;
            _cyclesCompleted++;
            int sensorBits = r.Status & (MeasurementRecord.StatusAccelerometerFailed | MeasurementRecord.StatusTemperatureFailed | MeasurementRecord.StatusCurrentFailed);
            if (!_settings.TemperatureEnabled)
            {
                sensorBits &= ~MeasurementRecord.StatusTemperatureFailed;
            }

            _lastSensorStatus = sensorBits;
            UpdateOperationalState(sensorBits != 0 ? "sensor failed" : "sensors ok");
            HandleSupervision(_supervisor.CycleCompleted(_clock.MonotonicMs));
        }

        // All chunks go out in this tick, from the shared work buffer, before the next window can overwrite it.
        // Offline (or a failed burst) the request is dropped, not queued: a stale spectrum is worth less than asking again.
        private void PublishSpectrum(MeasurementRecord r)
        {
            _spectrumPending = false;
            var pipeline = _processor as PipelineWindowProcessor;
            if (!_brokerUp || pipeline == null || (r.Status & MeasurementRecord.StatusAccelerometerFailed) != 0)
            {
                return;
            }

            bool velocity = _spectrumKind == Command.SpectrumVelocity;
            int bins = pipeline.AmplitudeSpectrum(_spectrumAxis, velocity, r);
            if (bins == 0)
            {
                return;
            }

            float df = pipeline.SpectrumBinHz;
            if (_spectrumMaxHz > 0f)
            {
                int last = (int)(_spectrumMaxHz / df);
                if (last + 1 < bins)
                {
                    bins = last + 1;
                }
            }

            float[] amp = pipeline.SpectrumBuffer;
            string unit = velocity ? "mm/s" : "m/s2";
            int chunks = (bins + SpectrumBinsPerChunk - 1) / SpectrumBinsPerChunk;
            for (int c = 0; c < chunks; c++)
            {
                int first = c * SpectrumBinsPerChunk;
                int count = bins - first < SpectrumBinsPerChunk ? bins - first : SpectrumBinsPerChunk;
                if (!ProtocolEncoder.SpectrumChunk(_writer, _spectrumId, r.TimestampUnixMs, _spectrumAxis, _spectrumKind, unit,
                    df, amp, first, count, bins, c, chunks))
                {
                    _lastError = "spectrum chunk too large";
                    return;
                }

                if (!_hw.Mqtt.Publish(_topics.Spectrum, _writer.Buffer, _writer.Length, Topics.SpectrumQos, Topics.SpectrumRetain))
                {
                    return;
                }
            }
        }

        private bool EncodeAndPublishTelemetry(MeasurementRecord r)
        {
            if (!ProtocolEncoder.Telemetry(_writer, r))
            {
                _lastError = "telemetry too large";
                return false;
            }

            return _hw.Mqtt.Publish(_topics.Telemetry, _writer.Buffer, _writer.Length, Topics.TelemetryQos, Topics.TelemetryRetain);
        }

        private void EmitAlarmChanges(int changes, MeasurementRecord r)
        {
            for (int c = 0; c < changes; c++)
            {
                int rule = _alarms.ChangedRule(c);
                AlarmEvent e = _alarmEvent;
                e.Sequence = _nextAlarmSequence++;
                if (_nextAlarmSequence >= _alarmLimit)
                {
                    _alarmLimit = _nextAlarmSequence + SequenceBlock;
                    SaveCounters();
                }
                e.TimestampUnixMs = r.TimestampUnixMs;
                e.TimeSynced = r.TimeSynced;
                e.Historical = false;
                int feature = _alarms.Feature(rule);
                e.FeatureKey = AlarmFeature.Key(feature);
                e.Axis = AlarmFeature.IsVibration(feature) ? _alarms.TriggerAxis(rule) : -1;
                e.Level = _alarms.Level(rule);
                e.PreviousLevel = _alarms.PreviousLevel(rule);
                e.Value = _alarms.TriggerValue(rule);
                e.Threshold = _alarms.TriggerThreshold(rule);
                e.Kind = _alarms.IsIsoRule(rule) ? AlarmEvent.KindIso : (_alarms.UsesBaseline(rule) ? AlarmEvent.KindBaseline : AlarmEvent.KindThreshold);
                if (!(_brokerUp && _pendingAlarmCount == 0 && PublishAlarm(e)))
                {
                    KeepAlarm(e);
                }
            }
        }

        private bool PublishAlarm(AlarmEvent e)
        {
            if (!ProtocolEncoder.Alarm(_writer, e))
            {
                return false;
            }

            return _hw.Mqtt.Publish(_topics.Alarm, _writer.Buffer, _writer.Length, Topics.AlarmQos, Topics.AlarmRetain);
        }

        private void KeepAlarm(AlarmEvent e)
        {
            if (_pendingAlarmCount == _pendingAlarms.Length)
            {
                _pendingAlarmHead = (_pendingAlarmHead + 1) % _pendingAlarms.Length;
                _pendingAlarmCount--;
                AlarmEventsDropped++;
            }

            int slot = (_pendingAlarmHead + _pendingAlarmCount) % _pendingAlarms.Length;
            _pendingAlarms[slot].CopyFrom(e);
            _pendingAlarms[slot].Historical = true;
            _pendingAlarmCount++;
        }

        /// <summary>Alarm events lost because more changed while offline than the buffer holds.</summary>
        public int AlarmEventsDropped { get; private set; }

        /// <summary>Alarm events waiting to be sent.</summary>
        public int PendingAlarmEvents => _pendingAlarmCount;

        // ---- supervision ----------------------------------------------------------------------------------

        private bool HandleSupervision(int action)
        {
            if (action == SupervisorAction.RestartCycle)
            {
                _restartPending = false;
                _cycle.Restart();
                _lastError = "cycle stuck: restarted";
                return false;
            }

            if (action == SupervisorAction.Reboot)
            {
                SupervisorReboot();
                return true;
            }

            return false;
        }

        private void SupervisorReboot()
        {
            _supervisorReboots++;
            _lastError = "cycle stuck: reboot";
            SaveCounters();
            DoReboot();
        }

        private void DoReboot()
        {
            if (_brokerUp)
            {
                // A clean disconnect would suppress the Will; publish offline ourselves first.
                if (ProtocolEncoder.Status(_writer, false, _bootCount, 0))
                {
                    _hw.Mqtt.Publish(_topics.Status, _writer.Buffer, _writer.Length, Topics.StatusQos, Topics.StatusRetain);
                }
            }

            if (_hw.System != null)
            {
                _hw.System.Reboot();
            }
        }

        /// <summary>Supervisor reboots over the node's life (persisted).</summary>
        public int SupervisorReboots => _supervisorReboots;

        public uint BootCount => _bootCount;

        private void LoadCounters()
        {
            if (_hw.Store == null)
            {
                return;
            }

            int n = _hw.Store.Read(CountersBlob, _counters);
            if (n == CountersBytes && RecordCodec.ReadUInt32(_counters, 16) == SpillCrc.Compute(_counters, 0, 16))
            {
                _bootCount = RecordCodec.ReadUInt32(_counters, 0);
                _supervisorReboots = (int)RecordCodec.ReadUInt32(_counters, 4);

                // The ends of the blocks reserved before the reboot: nothing at or above them was ever used.
                _nextSequence = RecordCodec.ReadUInt32(_counters, 8);
                _nextAlarmSequence = RecordCodec.ReadUInt32(_counters, 12);
            }
            else if (n == 12 && RecordCodec.ReadUInt32(_counters, 8) == SpillCrc.Compute(_counters, 0, 8))
            {
                // Format of earlier firmware (no sequence marks).
                _bootCount = RecordCodec.ReadUInt32(_counters, 0);
                _supervisorReboots = (int)RecordCodec.ReadUInt32(_counters, 4);
            }
        }

        private void SaveCounters()
        {
            if (_hw.Store == null)
            {
                return;
            }

            RecordCodec.WriteUInt32(_counters, 0, _bootCount);
            RecordCodec.WriteUInt32(_counters, 4, (uint)_supervisorReboots);
            RecordCodec.WriteUInt32(_counters, 8, _telemetryLimit);
            RecordCodec.WriteUInt32(_counters, 12, _alarmLimit);
            RecordCodec.WriteUInt32(_counters, 16, SpillCrc.Compute(_counters, 0, 16));
            _hw.Store.Write(CountersBlob, _counters, CountersBytes);
        }

        // ---- connectivity ---------------------------------------------------------------------------------

        private void ConnectivityStep(long now)
        {
            if (_connectionLost || (_brokerUp && !_hw.Mqtt.IsConnected))
            {
                _connectionLost = false;
                if (_brokerUp)
                {
                    _brokerUp = false;
                    _nextBrokerAttemptMs = now + _brokerBackoff.NextDelayMs();
                    UpdateOperationalState("broker connection lost");
                }
            }

            if (_networkUp && !_hw.Network.IsConnected)
            {
                _networkUp = false;
                _brokerUp = false;
                _nextNetworkAttemptMs = now + _networkBackoff.NextDelayMs();
                UpdateOperationalState("network lost");
                return;
            }

            if (!_networkUp)
            {
                if (now < _nextNetworkAttemptMs)
                {
                    UpdateOperationalState("network down");
                    return;
                }

                _networkAttempts++;
                if (_hw.Network.IsConnected || _hw.Network.Connect(_settings.NetworkConnectTimeoutMs))
                {
                    _networkUp = true;
                    _networkBackoff.Reset();
                    _nextBrokerAttemptMs = _clock.MonotonicMs;
                    now = _nextBrokerAttemptMs;
                    UpdateOperationalState("network up");
                }
                else
                {
                    _nextNetworkAttemptMs = _clock.MonotonicMs + _networkBackoff.NextDelayMs();
                    UpdateOperationalState("network connect failed");
                    return;
                }
            }

            if (!_brokerUp)
            {
                if (now < _nextBrokerAttemptMs)
                {
                    UpdateOperationalState("broker down");
                    return;
                }

                _brokerAttempts++;
                int rc = _hw.Mqtt.Connect(_connectOptions);
                if (rc == 0 && _hw.Mqtt.IsConnected)
                {
                    OnBrokerConnected();
                }
                else
                {
                    _lastError = rc == 0 ? "broker connect failed" : "broker refused";
                    _nextBrokerAttemptMs = _clock.MonotonicMs + _brokerBackoff.NextDelayMs();
                    UpdateOperationalState("broker connect failed");
                }
            }
        }

        private void OnBrokerConnected()
        {
            _brokerUp = true;
            _connectionLost = false;
            _brokerBackoff.Reset();
            if (_everConnected)
            {
                _reconnects++;
            }

            _everConnected = true;
            _hw.Mqtt.Subscribe(_topics.ConfigDesired, Topics.ConfigDesiredQos);
            _hw.Mqtt.Subscribe(_topics.Command, Topics.CommandQos);
            PublishBirth();
            _nextHealthMs = _clock.MonotonicMs;
            UpdateOperationalState("broker connected");
        }

        private void PublishBirth()
        {
            BirthInfo b = _birth;
            b.TimestampUnixMs = _clock.IsSynced ? _clock.UtcNowUnixMs : _clock.MonotonicMs;
            b.TimeSynced = _clock.IsSynced;
            b.BootCount = _bootCount;
            b.FirmwareVersion = _settings.FirmwareVersion;
            b.Board = _settings.Board;
            b.AssetName = _settings.AssetName;
            b.NextTelemetrySequence = _nextSequence;
            b.NextAlarmSequence = _nextAlarmSequence;
            b.ConfigHash = _settings.ConfigHash;
            b.FftSize = _settings.SamplesPerAxis;
            b.AxisCount = MeasurementRecord.MaxAxes;
            b.AccelerometerRateHz = _hw.Accelerometer.SampleRateHz;
            b.AccelerometerRangeG = _settings.AccelerometerRangeG;
            b.TemperatureModel = _settings.TemperatureEnabled && _hw.Temperature != null ? "BME280" : null;
            b.CurrentModel = _settings.CurrentEnabled && _hw.Current != null ? "CT" : null;
            b.CurrentRateHz = _settings.CurrentRateHz;
            b.ReportIntervalSeconds = _settings.ReportIntervalMs / 1000;
            b.Capabilities = BirthInfo.DefaultCapabilities;
            if (ProtocolEncoder.Birth(_writer, b))
            {
                _hw.Mqtt.Publish(_topics.Birth, _writer.Buffer, _writer.Length, Topics.BirthQos, Topics.BirthRetain);
            }

            if (ProtocolEncoder.Status(_writer, true, _bootCount, b.TimestampUnixMs))
            {
                _hw.Mqtt.Publish(_topics.Status, _writer.Buffer, _writer.Length, Topics.StatusQos, Topics.StatusRetain);
            }
        }

        private void PublishHealth()
        {
            _nextHealthMs = _clock.MonotonicMs + _settings.HealthIntervalMs;
            HealthSnapshot h = _health;
            h.TimestampUnixMs = _clock.IsSynced ? _clock.UtcNowUnixMs : _clock.MonotonicMs;
            h.TimeSynced = _clock.IsSynced;
            h.UptimeSeconds = _clock.MonotonicMs / 1000;
            h.BootCount = _bootCount;
            h.FreeMemoryBytes = _hw.System == null ? 0 : _hw.System.FreeMemoryBytes;
            h.RssiDbm = _hw.Network.RssiDbm;
            h.QueueDepth = _queue.Count;
            h.QueueCapacity = _queue.Capacity;
            h.DroppedCount = _queue.Dropped;
            h.Reconnects = _reconnects;
            h.LastError = _lastError;
            h.State = NodeState.Name(_state);
            h.SensorStatus = _lastSensorStatus;
            h.Transitions = _transitions;
            h.TransitionReason = _lastTransitionReason;
            if (HealthFiller != null)
            {
                HealthFiller.Fill(h);
            }

            if (ProtocolEncoder.Health(_writer, h))
            {
                _hw.Mqtt.Publish(_topics.Health, _writer.Buffer, _writer.Length, Topics.HealthQos, Topics.HealthRetain);
            }
        }

        /// <summary>Optional: adds counters the runtime does not own (e.g. signature rejections) to each health message.</summary>
        public IHealthContributor HealthFiller;

        /// <summary>Sends up to ReplayPerTick waiting alarm events / historical records. True when something was sent.</summary>
        private bool Replay()
        {
            int budget = _settings.ReplayPerTick;
            int sent = 0;
            _replayBlocked = false;
            while (sent < budget && _pendingAlarmCount > 0)
            {
                if (!PublishAlarm(_pendingAlarms[_pendingAlarmHead]))
                {
                    _replayBlocked = true;
                    return sent > 0;
                }

                _pendingAlarmHead = (_pendingAlarmHead + 1) % _pendingAlarms.Length;
                _pendingAlarmCount--;
                sent++;
            }

            while (sent < budget && _queue.PeekOldest(_replay))
            {
                if (!EncodeAndPublishTelemetry(_replay))
                {
                    _replayBlocked = true;
                    return sent > 0;
                }

                _queue.RemoveOldest();
                sent++;
            }

            return sent > 0;
        }

        // ---- inbound --------------------------------------------------------------------------------------

        private bool DrainOneInbound()
        {
            string topic;
            byte[] data;
            int length;
            lock (_inboxLock)
            {
                if (_inboxCount == 0)
                {
                    return false;
                }

                topic = _inboxTopic[0];
                data = _inbox;
                length = _inboxLength[0];
            }

            // The oldest message stays at offset 0 until handled; the client thread only appends behind it.
            try
            {
                if (_inbound != null)
                {
                    _inbound.OnMessage(this, topic, data, length);
                }
            }
            finally
            {
                lock (_inboxLock)
                {
                    // Move the rest forward (front to back, so the overlapping copy is safe on any runtime).
                    int rest = _inboxUsed - length;
                    for (int i = 0; i < rest; i++)
                    {
                        _inbox[i] = _inbox[length + i];
                    }

                    _inboxUsed = rest;
                    for (int i = 1; i < _inboxCount; i++)
                    {
                        _inboxTopic[i - 1] = _inboxTopic[i];
                        _inboxLength[i - 1] = _inboxLength[i];
                    }

                    _inboxCount--;
                    _inboxTopic[_inboxCount] = null;
                }
            }

            return true;
        }

        private void PollSerial()
        {
            if (_inbound != null && _hw.Serial != null)
            {
                _inbound.PollSerial(this);
            }
        }

        // ---- state bookkeeping ----------------------------------------------------------------------------

        private void UpdateOperationalState(string reason)
        {
            int next;
            if (!_networkUp)
            {
                next = NodeState.NoNetwork;
            }
            else if (!_brokerUp)
            {
                next = NodeState.NoBroker;
            }
            else
            {
                next = _lastSensorStatus != 0 ? NodeState.Degraded : NodeState.Running;
            }

            Transition(next, reason);
        }

        private void Transition(int next, string reason)
        {
            if (next == _state)
            {
                return;
            }

            _state = next;
            _transitions++;
            _lastTransitionReason = reason;
            _lastTransitionMs = _clock.MonotonicMs;
        }

        private int SleepHint()
        {
            long now = _clock.MonotonicMs;
            long wait = _nextMeasureMs - now;
            if (!_networkUp && _nextNetworkAttemptMs - now < wait)
            {
                wait = _nextNetworkAttemptMs - now;
            }
            else if (_networkUp && !_brokerUp && _nextBrokerAttemptMs - now < wait)
            {
                wait = _nextBrokerAttemptMs - now;
            }

            // More history to send: come back at once, unless the client just refused (its queue is full).
            if (_brokerUp && !_replayBlocked && (_queue.Count > 0 || _pendingAlarmCount > 0))
            {
                wait = 0;
            }

            if (wait < 0)
            {
                wait = 0;
            }

            // Stay responsive to inbound messages and the serial line.
            return wait > 100 ? 100 : (int)wait;
        }

        private void UpdateLed()
        {
            if (_hw.Led == null)
            {
                return;
            }

            long now = _clock.MonotonicMs;
            if (now < _identifyUntilMs)
            {
                _hw.Led.Set(((now / 250) & 1) == 0);
                return;
            }

            // Steady on when running, slow blink when degraded or offline.
            _hw.Led.Set(_state == NodeState.Running || ((now / 1000) & 1) == 0);
        }

        private void BlinkProvisioning()
        {
            if (_hw.Led != null)
            {
                _hw.Led.Set(((_clock.MonotonicMs / 100) & 1) == 0);
            }
        }
    }

    /// <summary>Adds counters owned elsewhere (signature rejections …) to the health snapshot.</summary>
    public interface IHealthContributor
    {
        void Fill(HealthSnapshot health);
    }
}
