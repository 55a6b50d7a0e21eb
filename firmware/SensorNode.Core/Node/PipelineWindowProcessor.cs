using SensorNode.Core.Features;

namespace SensorNode.Core.Node
{
    /// <summary>The runtime's window processor: the DSP engineer's <see cref="MeasurementPipeline"/>, which owns the
    /// sample buffers and the analyzers (one shared FFT work buffer).</summary>
    public sealed class PipelineWindowProcessor : IWindowProcessor
    {
        private readonly MeasurementPipeline _pipeline;

        public PipelineWindowProcessor(PipelineSettings settings)
        {
            _pipeline = new MeasurementPipeline(settings);
        }

        public MeasurementPipeline Pipeline => _pipeline;

        public int AllocatedBytes => _pipeline.Plan.TotalBytes;

        public int BurstLength => _pipeline.BurstLength;

        public ushort[] CurrentCodes => _pipeline.CurrentCodes;

        public float[] AxisBuffer(int axis) => _pipeline.AxisBuffer(axis);

        public bool AnalyzeVibration(int samplesRead, float sampleRateHz, MeasurementRecord record)
        {
            return _pipeline.AnalyzeVibration(samplesRead, sampleRateHz, record);
        }

        public bool AnalyzeCurrent(int samplesRead, float achievedRateHz, long elapsedMs, MeasurementRecord record)
        {
            return _pipeline.AnalyzeCurrent(samplesRead, achievedRateHz, elapsedMs, record);
        }

        public bool AnalyzeTemperature(bool readOk, float celsius, MeasurementRecord record)
        {
            return _pipeline.AnalyzeTemperature(readOk, celsius, record);
        }

        public void Reset()
        {
            _pipeline.Temperature.Reset();
        }
    }
}
