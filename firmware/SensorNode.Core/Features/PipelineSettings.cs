using SensorNode.Core.Current;
using SensorNode.Core.Temperature;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Features
{
    /// <summary>Everything <see cref="MeasurementPipeline"/> needs. Null Vibration or Current = that channel is not fitted.</summary>
    public sealed class PipelineSettings
    {
        public VibrationSettings Vibration = new VibrationSettings();
        public CurrentSettings Current = new CurrentSettings();
        public TemperatureSettings Temperature = new TemperatureSettings();

        /// <summary>Vibration axes analyzed and reported, 1 … 3 (x, then y, then z). The accelerometer always
        /// delivers three axes, so the sample buffers are allocated for three.</summary>
        public int AxisCount = 3;

        /// <summary>Null when usable, else the first problem found, prefixed with its section.</summary>
        public string Validate()
        {
            if (AxisCount < 1 || AxisCount > MeasurementRecord.MaxAxes)
            {
                return "AxisCount must be 1 … 3.";
            }

            string error;
            if (Vibration != null)
            {
                error = Vibration.Validate();
                if (error != null)
                {
                    return "vibration: " + error;
                }
            }

            if (Current != null)
            {
                error = Current.Validate();
                if (error != null)
                {
                    return "current: " + error;
                }
            }

            if (Temperature == null)
            {
                return "temperature: settings are required.";
            }

            error = Temperature.Validate();
            return error == null ? null : "temperature: " + error;
        }
    }
}
