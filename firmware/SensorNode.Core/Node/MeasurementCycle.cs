using SensorNode.Core.Features;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Node
{
    /// <summary>
    /// One measurement window: an accelerometer burst straight into the processor's buffers (allocated once), the
    /// vibration DSP, the temperature and a current burst. A sensor that fails (short read, refusal, exception from
    /// its driver) only sets its status bit; the others carry on. A failed burst re-configures the accelerometer at
    /// the next window. Timestamps and sequence numbers are the runtime's job.
    /// </summary>
    public sealed class MeasurementCycle
    {
        private readonly IAccelerometer _accelerometer;
        private readonly ITemperatureSensor _temperature;
        private readonly ICurrentAdc _current;
        private readonly IWindowProcessor _processor;
        private readonly float[] _x;
        private readonly float[] _y;
        private readonly float[] _z;
        private readonly ushort[] _codes;
        private readonly int _samples;
        private readonly int _currentRateHz;
        private readonly int _rangeG;
        private readonly int _rateHz;
        private bool _configured;
        private long _lastCurrentMs = -1;

        public MeasurementCycle(NodeHardware hardware, NodeSettings settings, IWindowProcessor processor)
        {
            _accelerometer = hardware.Accelerometer;
            _temperature = settings.TemperatureEnabled ? hardware.Temperature : null;
            _processor = processor;
            _samples = processor.BurstLength;
            _rangeG = settings.AccelerometerRangeG;
            _rateHz = settings.AccelerometerRateHz;
            _x = processor.AxisBuffer(0);
            _y = processor.AxisBuffer(1);
            _z = processor.AxisBuffer(2);
            _codes = processor.CurrentCodes;
            _current = settings.CurrentEnabled && _codes != null ? hardware.Current : null;
            _currentRateHz = settings.CurrentRateHz;
        }

        /// <summary>Sensor failures seen since start (any sensor).</summary>
        public int SensorFailures { get; private set; }

        /// <summary>The last exception text from a sensor driver, or null.</summary>
        public string LastSensorError { get; private set; }

        /// <summary>Re-configures the sensors at the next window and forgets filter state (supervisor restart).</summary>
        public void Restart()
        {
            _configured = false;
            _lastCurrentMs = -1;
            _processor.Reset();
        }

        /// <summary>Measures one window into <paramref name="record"/> (Status reflects failed sensors).</summary>
        public void Measure(MeasurementRecord record, long nowMs)
        {
            record.Status = 0;
            record.Historical = false;
            MeasureVibration(record);
            MeasureTemperature(record);
            MeasureCurrent(record, nowMs);
        }

        private void MeasureVibration(MeasurementRecord record)
        {
            int read = 0;
            float rate = 0f;
            try
            {
                if (!_configured)
                {
                    _configured = _accelerometer.Configure(_rangeG, _rateHz);
                }

                if (_configured)
                {
                    read = _accelerometer.ReadBurst(_x, _y, _z, _samples);
                    rate = _accelerometer.SampleRateHz;
                }
            }
            catch (System.Exception ex)
            {
                LastSensorError = ex.Message;
                read = 0;
            }

            if (read < _samples)
            {
                // A short burst often means a FIFO overrun or a lost bus: set the device up again next time.
                _configured = false;
                read = 0;
            }

            if (!_processor.AnalyzeVibration(read, rate, record))
            {
                SensorFailures++;
                record.Status |= MeasurementRecord.StatusAccelerometerFailed;
                record.AxisCount = 0;
            }
        }

        private void MeasureTemperature(MeasurementRecord record)
        {
            if (_temperature == null)
            {
                record.Status |= MeasurementRecord.StatusTemperatureFailed;
                return;
            }

            bool ok;
            float c;
            try
            {
                ok = _temperature.TryRead(out c);
            }
            catch (System.Exception ex)
            {
                LastSensorError = ex.Message;
                ok = false;
                c = 0f;
            }

            _processor.AnalyzeTemperature(ok, c, record);
            if ((record.Status & MeasurementRecord.StatusTemperatureFailed) != 0)
            {
                SensorFailures++;
            }
        }

        private void MeasureCurrent(MeasurementRecord record, long nowMs)
        {
            if (_current == null)
            {
                record.HasCurrent = false;
                return;
            }

            record.HasCurrent = true;
            int read = 0;
            float achieved = 0f;
            try
            {
                read = _current.ReadBurst(_codes, _codes.Length, _currentRateHz, out achieved);
            }
            catch (System.Exception ex)
            {
                LastSensorError = ex.Message;
                read = 0;
            }

            long elapsed = _lastCurrentMs < 0 ? 0 : nowMs - _lastCurrentMs;
            if (read == _codes.Length && achieved > 0f && _processor.AnalyzeCurrent(read, achieved, elapsed, record))
            {
                _lastCurrentMs = nowMs;
                return;
            }

            SensorFailures++;
            record.Status |= MeasurementRecord.StatusCurrentFailed;
            record.CurrentRms = 0f;
            record.Running = false;
        }
    }
}
