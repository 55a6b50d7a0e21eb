using SensorNode.Core.Features;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Node
{
    /// <summary>The hardware the runtime drives: what the device layer (or the simulator) hands over.
    /// Temperature and current may be null when the board has no such sensor.</summary>
    public sealed class NodeHardware
    {
        public IAccelerometer Accelerometer;
        public ITemperatureSensor Temperature;
        public ICurrentAdc Current;
        public IClock Clock;
        public IBlobStore Store;
        public IMqttLink Mqtt;
        public INetwork Network;
        public ISerialLine Serial;
        public IStatusLed Led;
        public ISystemControl System;

        /// <summary>NodeMemoryPlan.ClassSmall (default: no PSRAM) or ClassPsram, from the board profile's
        /// memory.psram; sizes the config document limit, the mailbox and the queue's RAM ring.</summary>
        public int MemoryClass;
    }

    /// <summary>
    /// The DSP pipeline for one window, and the owner of the sample buffers (allocated once, at construction):
    /// the runtime reads the sensors straight into <see cref="AxisBuffer"/> / <see cref="CurrentCodes"/> and then
    /// asks for the analysis. Called once per window, never per sample; must not allocate.
    /// </summary>
    public interface IWindowProcessor
    {
        /// <summary>Bytes of buffers the processor allocated (for the memory plan).</summary>
        int AllocatedBytes { get; }

        /// <summary>Samples per axis per window.</summary>
        int BurstLength { get; }

        /// <summary>Buffer of axis 0 (x), 1 (y) or 2 (z), <see cref="BurstLength"/> samples, m/s².</summary>
        float[] AxisBuffer(int axis);

        /// <summary>Raw ADC code buffer of the current channel; null without one.</summary>
        ushort[] CurrentCodes { get; }

        /// <summary>Analyzes the first <paramref name="samplesRead"/> samples of the axis buffers into the record;
        /// too few sets StatusAccelerometerFailed. False when the window was not usable.</summary>
        bool AnalyzeVibration(int samplesRead, float sampleRateHz, MeasurementRecord record);

        /// <summary>Analyzes the current codes; <paramref name="elapsedMs"/> since the previous window (energy, run hours).</summary>
        bool AnalyzeCurrent(int samplesRead, float achievedRateHz, long elapsedMs, MeasurementRecord record);

        /// <summary>Feeds one temperature reading through the smoother into the record.</summary>
        bool AnalyzeTemperature(bool readOk, float celsius, MeasurementRecord record);

        /// <summary>Forgets filter state (after a supervisor restart of the cycle).</summary>
        void Reset();
    }

    /// <summary>Where the runtime gets its configuration at boot, and the DSP pipeline that configuration asks for.</summary>
    public interface INodeConfigSource
    {
        /// <summary>Loads the persisted configuration into <paramref name="into"/>; false when there is none or it
        /// is invalid, which sends the node to provisioning mode.</summary>
        bool TryLoad(NodeSettings into);

        /// <summary>Builds the window processor for the loaded configuration (called once, right after a successful load).</summary>
        IWindowProcessor CreateProcessor(NodeSettings settings);
    }

    /// <summary>
    /// Handles what comes in: MQTT config/command messages and the serial provisioning line. Called on the runtime
    /// thread only; it acts through the runtime's public methods (publish a reply, apply settings, clear alarms …).
    /// </summary>
    public interface INodeInbound
    {
        /// <summary>One inbound MQTT message (already copied out of the client's thread).</summary>
        void OnMessage(NodeRuntime runtime, string topic, byte[] payload, int length);

        /// <summary>Gives the serial session a bounded slice of work (read what arrived, answer complete lines).</summary>
        void PollSerial(NodeRuntime runtime);
    }
}
