using SensorNode.Core.Dsp;
using SensorNode.Core.Features;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Node
{
    /// <summary>The runtime's window processor: the DSP engineer's <see cref="MeasurementPipeline"/>, which owns the
    /// sample buffers and the analyzers (one shared FFT work buffer).</summary>
    public sealed class PipelineWindowProcessor : IWindowProcessor
    {
        private const float TwoPi = (float)(2.0 * System.Math.PI);

        // mean(w) and mean(w²) of the periodic windows in closed form (Dsp/Window.cs), so the snapshot needs no
        // window table of its own. Flat-top: a0 and a0² + Σ a_k²/2 of the SRS coefficients.
        private const double FlatTopGain = 0.21557895;
        private const double FlatTopMeanSquare = 0.21557895 * 0.21557895
            + 0.5 * ((0.41663158 * 0.41663158) + (0.277263158 * 0.277263158) + (0.083578947 * 0.083578947) + (0.006947368 * 0.006947368));

        private readonly MeasurementPipeline _pipeline;
        private readonly float _gain;
        private readonly float _meanSquare;

        public PipelineWindowProcessor(PipelineSettings settings)
        {
            _pipeline = new MeasurementPipeline(settings);
            WindowKind kind = settings.Vibration != null ? settings.Vibration.Window : WindowKind.Hann;
            if (kind == WindowKind.Hann)
            {
                _gain = 0.5f;
                _meanSquare = 0.375f;
            }
            else if (kind == WindowKind.FlatTop)
            {
                _gain = (float)FlatTopGain;
                _meanSquare = (float)FlatTopMeanSquare;
            }
            else
            {
                _gain = 1f;
                _meanSquare = 1f;
            }
        }

        public MeasurementPipeline Pipeline => _pipeline;

        public int AllocatedBytes => _pipeline.Plan.TotalBytes;

        public int BurstLength => _pipeline.BurstLength;

        public ushort[] CurrentCodes => _pipeline.CurrentCodes;

        /// <summary>Axes analyzed per window (0 without accelerometer).</summary>
        public int AxisCount => _pipeline.Vibration == null ? 0 : _pipeline.AxisCount;

        /// <summary>Where <see cref="AmplitudeSpectrum"/> leaves its result: the pipeline's shared FFT work buffer,
        /// valid until the next window (or the next analysis) overwrites it. Null without accelerometer.</summary>
        public float[] SpectrumBuffer => _pipeline.Vibration == null ? null : _pipeline.Vibration.EnvelopeSpectrum;

        /// <summary>Bin spacing of the last <see cref="AmplitudeSpectrum"/>, Hz.</summary>
        public float SpectrumBinHz => _pipeline.Vibration == null ? 0f : _pipeline.Vibration.BinHz;

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

        /// <summary>
        /// The single-sided amplitude spectrum (peak amplitude of a tone, m/s²; or mm/s when
        /// <paramref name="velocity"/>) of one axis from the samples of the last complete window still in its
        /// buffer, written to <see cref="SpectrumBuffer"/>[0 … bins − 1]; returns bins (FftSize/2 + 1), 0 when there is
        /// no such axis. No memory of its own: the axis is analyzed again (same samples, so <paramref name="record"/>
        /// gets the values it already holds for that axis), which leaves the Welch power of that axis in the
        /// analyzer's power buffer; the amplitudes go into the shared work buffer. Call it after the window's results
        /// are used and before the next window.
        /// </summary>
        public int AmplitudeSpectrum(int axis, bool velocity, MeasurementRecord record)
        {
            VibrationAnalyzer v = _pipeline.Vibration;
            if (v == null || axis < 0 || axis >= _pipeline.AxisCount || record == null)
            {
                return 0;
            }

            if (!v.Analyze(_pipeline.AxisBuffer(axis), _pipeline.BurstLength, v.SampleRateHz, record, axis))
            {
                return 0;
            }

            float[] power = v.PowerSpectrum;
            float[] amp = v.EnvelopeSpectrum;
            int bins = power.Length;

            // P[k] = 2|X|²/(N²·mean(w²)) and A[k] = 2|X|/(N·mean(w)) (1× at DC and N/2): A = sqrt(2·P·mean(w²))/mean(w).
            float inner = 2f * _meanSquare;
            float inv = 1f / _gain;
            for (int k = 0; k < bins; k++)
            {
                float factor = (k == 0 || k == bins - 1) ? _meanSquare : inner;
                amp[k] = (float)System.Math.Sqrt(power[k] * factor) * inv;
            }

            if (velocity)
            {
                // v = a / (2π·f), in mm/s; DC has no velocity.
                float w = TwoPi * v.BinHz;
                amp[0] = 0f;
                for (int k = 1; k < bins; k++)
                {
                    amp[k] = 1000f * amp[k] / (w * k);
                }
            }

            return bins;
        }
    }
}
