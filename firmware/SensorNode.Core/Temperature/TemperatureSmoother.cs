using System;

namespace SensorNode.Core.Temperature
{
    /// <summary>
    /// EMA of temperature readings with a spike guard: a single reading that jumps more than SpikeThresholdC away
    /// from the average is held back; only SpikeConfirmCount such readings in a row on the same side are taken
    /// as a real step, and the average then restarts from the latest reading. Out-of-range and non-finite
    /// readings are rejected. No allocation.
    /// </summary>
    public sealed class TemperatureSmoother
    {
        private readonly float _alpha, _spike, _min, _max;
        private readonly int _confirm;
        private int _pending;
        private int _pendingSide;

        public TemperatureSmoother(TemperatureSettings settings)
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

            _alpha = settings.Alpha;
            _spike = settings.SpikeThresholdC;
            _confirm = settings.SpikeConfirmCount;
            _min = settings.MinimumC;
            _max = settings.MaximumC;
        }

        /// <summary>True once a reading was accepted.</summary>
        public bool HasValue { get; private set; }

        /// <summary>Smoothed temperature, °C (0 before the first accepted reading).</summary>
        public float Value { get; private set; }

        /// <summary>Readings rejected as spikes or out of range since construction.</summary>
        public int Rejected { get; private set; }

        /// <summary>True when the last reading was rejected as invalid (out of range or not finite), not as a spike.</summary>
        public bool LastWasInvalid { get; private set; }

        /// <summary>Adds a reading; returns false when it was rejected (the smoothed value is then unchanged).</summary>
        public bool Add(float celsius)
        {
            LastWasInvalid = false;
            if (float.IsNaN(celsius) || float.IsInfinity(celsius) || celsius < _min || celsius > _max)
            {
                Rejected++;
                LastWasInvalid = true;
                return false;
            }

            if (!HasValue)
            {
                Value = celsius;
                HasValue = true;
                return true;
            }

            float diff = celsius - Value;
            if (Math.Abs(diff) > _spike)
            {
                int side = diff > 0f ? 1 : -1;
                if (side != _pendingSide)
                {
                    _pendingSide = side;
                    _pending = 0;
                }

                _pending++;
                if (_pending < _confirm)
                {
                    Rejected++;
                    return false;
                }

                Value = celsius;
                _pending = 0;
                _pendingSide = 0;
                return true;
            }

            _pending = 0;
            _pendingSide = 0;
            Value += _alpha * diff;
            return true;
        }

        public void Reset()
        {
            HasValue = false;
            Value = 0f;
            _pending = 0;
            _pendingSide = 0;
        }
    }
}
