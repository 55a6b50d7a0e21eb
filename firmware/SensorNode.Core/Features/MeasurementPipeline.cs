using System;
using SensorNode.Core.Current;
using SensorNode.Core.Hardware;
using SensorNode.Core.Temperature;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Features
{
    /// <summary>
    /// One measurement window from samples to a filled <see cref="MeasurementRecord"/>: owns the sample buffers,
    /// the analyzers and one FFT work buffer they share. Build it once from <see cref="PipelineSettings"/>
    /// (it throws ArgumentException with the validation message); then per window either call
    /// <see cref="Measure"/> with the hardware seams, or fill <see cref="AxisBuffer"/>/<see cref="CurrentCodes"/>
    /// yourself and call the Analyze* methods. Nothing is allocated per window.
    /// The pipeline sets and clears the sensor status bits (accelerometer, temperature, current) and the
    /// measured fields; sequence, timestamp, clock and history flags are the caller's.
    /// </summary>
    public sealed class MeasurementPipeline
    {
        private const int SensorStatusBits = MeasurementRecord.StatusAccelerometerFailed | MeasurementRecord.StatusTemperatureFailed
            | MeasurementRecord.StatusCurrentFailed;

        private readonly float[] _x, _y, _z;
        private readonly float[] _work;
        private readonly ushort[] _codes;
        private readonly int _axes;
        private readonly int _burst;
        private readonly float _vibrationRate, _currentRate;

        public MeasurementPipeline(PipelineSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            string error = settings.Validate();
            if (error != null)
            {
                throw new ArgumentException(error, "settings");
            }

            Plan = MemoryPlan.For(settings);
            _axes = settings.AxisCount;
            _work = new float[MemoryPlan.WorkLength(settings)];
            if (settings.Vibration != null)
            {
                _burst = settings.Vibration.BurstLength;
                _vibrationRate = settings.Vibration.SampleRateHz;
                _x = new float[_burst];
                _y = new float[_burst];
                _z = new float[_burst];
                Vibration = new VibrationAnalyzer(settings.Vibration, _work);
            }

            if (settings.Current != null)
            {
                _currentRate = settings.Current.SampleRateHz;
                _codes = new ushort[settings.Current.SampleCount];
                Current = new CurrentAnalyzer(settings.Current, _work);
            }

            Temperature = new TemperatureSmoother(settings.Temperature);
        }

        /// <summary>The plan this pipeline was sized by.</summary>
        public MemoryPlan Plan { get; private set; }

        /// <summary>Bytes actually allocated (array payloads); equals Plan.TotalBytes.</summary>
        public int AllocatedBytes
        {
            get
            {
                int bytes = 4 * _work.Length;
                if (_x != null)
                {
                    bytes += 4 * (_x.Length + _y.Length + _z.Length) + Vibration.AllocatedBytes;
                }

                if (_codes != null)
                {
                    bytes += 2 * _codes.Length + Current.AllocatedBytes;
                }

                return bytes;
            }
        }

        /// <summary>Null when no accelerometer is configured.</summary>
        public VibrationAnalyzer Vibration { get; private set; }

        /// <summary>Null when no current channel is configured.</summary>
        public CurrentAnalyzer Current { get; private set; }

        public TemperatureSmoother Temperature { get; private set; }

        /// <summary>Samples per axis the accelerometer should deliver per window (0 without accelerometer).</summary>
        public int BurstLength
        {
            get { return _burst; }
        }

        public int AxisCount
        {
            get { return _axes; }
        }

        /// <summary>ADC codes per window (0 without current channel).</summary>
        public int CurrentSampleCount
        {
            get { return _codes == null ? 0 : _codes.Length; }
        }

        /// <summary>Buffer of axis 0 (x), 1 (y) or 2 (z), BurstLength samples in m/s².</summary>
        public float[] AxisBuffer(int axis)
        {
            switch (axis)
            {
                case 0: return _x;
                case 1: return _y;
                case 2: return _z;
                default: throw new ArgumentOutOfRangeException("axis");
            }
        }

        /// <summary>The ADC code buffer, CurrentSampleCount long (null without current channel).</summary>
        public ushort[] CurrentCodes
        {
            get { return _codes; }
        }

        /// <summary>
        /// Acquires and analyzes one window: accelerometer burst, temperature, current. A null seam means the
        /// sensor is not fitted; a seam that fails (short read, false, exception) sets its status bit.
        /// <paramref name="elapsedMs"/>: monotonic time since the previous window, for energy and run hours.
        /// </summary>
        public void Measure(IAccelerometer accelerometer, ITemperatureSensor temperature, ICurrentAdc currentAdc,
            long elapsedMs, MeasurementRecord record)
        {
            if (accelerometer != null && Vibration != null)
            {
                int read = 0;
                float rate = 0f;
                try
                {
                    read = accelerometer.ReadBurst(_x, _y, _z, _burst);
                    rate = accelerometer.SampleRateHz;
                }
                catch (Exception)
                {
                    read = 0;
                }

                AnalyzeVibration(read, rate, record);
            }
            else
            {
                record.AxisCount = 0;
            }

            if (temperature != null)
            {
                bool ok;
                float celsius;
                try
                {
                    ok = temperature.TryRead(out celsius);
                }
                catch (Exception)
                {
                    ok = false;
                    celsius = 0f;
                }

                AnalyzeTemperature(ok, celsius, record);
            }

            if (currentAdc != null && Current != null)
            {
                int read = 0;
                float achieved = 0f;
                try
                {
                    read = currentAdc.ReadBurst(_codes, _codes.Length, (int)_currentRate, out achieved);
                }
                catch (Exception)
                {
                    read = 0;
                }

                AnalyzeCurrent(read, achieved, elapsedMs, record);
            }
            else
            {
                record.HasCurrent = false;
            }
        }

        /// <summary>
        /// Analyzes the first <paramref name="samplesRead"/> samples of the axis buffers. Fewer than FftSize samples
        /// sets StatusAccelerometerFailed and AxisCount = 0. <paramref name="sampleRateHz"/> ≤ 0 uses the configured
        /// rate. ShaftSpeedHz is the configured speed or the estimate of the axis with the strongest shaft peak.
        /// </summary>
        public bool AnalyzeVibration(int samplesRead, float sampleRateHz, MeasurementRecord record)
        {
            if (Vibration == null)
            {
                record.AxisCount = 0;
                return false;
            }

            float rate = sampleRateHz > 0f ? sampleRateHz : _vibrationRate;
            int count = samplesRead < _burst ? samplesRead : _burst;
            if (count < Vibration.FftSize)
            {
                record.Status |= MeasurementRecord.StatusAccelerometerFailed;
                record.AxisCount = 0;
                record.ShaftSpeedHz = 0f;
                for (int axis = 0; axis < MeasurementRecord.MaxAxes; axis++)
                {
                    VibrationAnalyzer.ClearAxis(record, axis);
                }

                return false;
            }

            float shaft = 0f;
            float strength = -1f;
            for (int axis = 0; axis < MeasurementRecord.MaxAxes; axis++)
            {
                if (axis < _axes)
                {
                    Vibration.Analyze(AxisBuffer(axis), count, rate, record, axis);
                    if (Vibration.ShaftPeakVelocity > strength)
                    {
                        strength = Vibration.ShaftPeakVelocity;
                        shaft = Vibration.ShaftSpeedHz;
                    }
                }
                else
                {
                    VibrationAnalyzer.ClearAxis(record, axis);
                }
            }

            record.AxisCount = _axes;
            record.ShaftSpeedHz = shaft;
            record.Status &= ~MeasurementRecord.StatusAccelerometerFailed;
            return true;
        }

        /// <summary>Analyzes the first CurrentSampleCount codes; a short read sets StatusCurrentFailed.</summary>
        public bool AnalyzeCurrent(int samplesRead, float achievedRateHz, long elapsedMs, MeasurementRecord record)
        {
            if (Current == null)
            {
                record.HasCurrent = false;
                return false;
            }

            if (!Current.Analyze(_codes, samplesRead, achievedRateHz, elapsedMs, record))
            {
                record.Status |= MeasurementRecord.StatusCurrentFailed;
                return false;
            }

            record.Status &= ~MeasurementRecord.StatusCurrentFailed;
            return true;
        }

        /// <summary>Feeds one temperature reading through the smoother. A failed read or an invalid (out-of-range,
        /// non-finite) reading sets StatusTemperatureFailed; a spike held back keeps the previous smoothed value
        /// without the failure bit. Returns true when the reading was taken into the average.</summary>
        public bool AnalyzeTemperature(bool readOk, float celsius, MeasurementRecord record)
        {
            bool accepted = readOk && Temperature.Add(celsius);
            if (!readOk || Temperature.LastWasInvalid || !Temperature.HasValue)
            {
                record.Status |= MeasurementRecord.StatusTemperatureFailed;
                record.TemperatureC = Temperature.Value;
                return false;
            }

            record.Status &= ~MeasurementRecord.StatusTemperatureFailed;
            record.TemperatureC = Temperature.Value;
            return accepted;
        }
    }
}
