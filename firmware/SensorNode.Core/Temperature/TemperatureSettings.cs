namespace SensorNode.Core.Temperature
{
    /// <summary>Smoothing of the housing temperature: an exponential moving average with a spike guard.</summary>
    public sealed class TemperatureSettings
    {
        /// <summary>EMA weight of a new reading, 0 … 1 (1 = no smoothing). 0.3 at one reading per cycle.</summary>
        public float Alpha = 0.3f;

        /// <summary>A reading further than this from the smoothed value is a suspected spike, °C.</summary>
        public float SpikeThresholdC = 5f;

        /// <summary>Consecutive suspected spikes (on the same side) after which the jump is accepted as real
        /// and the average restarts from the reading.</summary>
        public int SpikeConfirmCount = 3;

        /// <summary>Readings outside this range are rejected as sensor errors (BME280: −40 … 85 °C).</summary>
        public float MinimumC = -40f;
        public float MaximumC = 125f;

        /// <summary>Null when usable, else a message naming the field.</summary>
        public string Validate()
        {
            if (!(Alpha > 0f) || !(Alpha <= 1f))
            {
                return "Temperature Alpha must be in (0, 1].";
            }

            if (!(SpikeThresholdC > 0f))
            {
                return "SpikeThresholdC must be > 0.";
            }

            if (SpikeConfirmCount < 1 || SpikeConfirmCount > 100)
            {
                return "SpikeConfirmCount must be 1 … 100.";
            }

            if (!(MaximumC > MinimumC))
            {
                return "MaximumC must be above MinimumC.";
            }

            return null;
        }
    }
}
