using System;

namespace SensorNode.Core.Dsp
{
    /// <summary>
    /// The largest local maxima of a single-sided power spectrum (see <see cref="Spectrum"/>), with interpolated
    /// frequency and RMS amplitude. A peak must be the maximum within ±2 bins (the Hann main lobe, so side lobes
    /// do not count) and no more than 60 dB below the largest bin of the range.
    /// Capacity fixed at construction; <see cref="Find"/> allocates nothing.
    /// </summary>
    public sealed class PeakFinder
    {
        /// <summary>Peaks below this fraction of the largest bin's power (60 dB) are ignored.</summary>
        public const float DynamicRange = 1e-6f;

        private readonly float[] _frequency;
        private readonly float[] _amplitude;
        private readonly float[] _power;

        public PeakFinder(int capacity)
        {
            if (capacity < 1 || capacity > 64)
            {
                throw new ArgumentException("Peak capacity must be 1 … 64, got " + capacity.ToString() + ".", "capacity");
            }

            _frequency = new float[capacity];
            _amplitude = new float[capacity];
            _power = new float[capacity];
        }

        public int Capacity
        {
            get { return _frequency.Length; }
        }

        /// <summary>Peaks found by the last <see cref="Find"/>, largest first.</summary>
        public int Count { get; private set; }

        /// <summary>Interpolated frequency of peak i, Hz.</summary>
        public float FrequencyHz(int i)
        {
            return _frequency[i];
        }

        /// <summary>Interpolated RMS amplitude of peak i, in the unit of the signal.</summary>
        public float AmplitudeRms(int i)
        {
            return _amplitude[i];
        }

        /// <summary>Bytes one instance allocates.</summary>
        public static int Bytes(int capacity)
        {
            return 3 * 4 * capacity;
        }

        /// <summary>Finds the largest local maxima of power[first … last].</summary>
        public void Find(float[] power, int first, int last, float binHz, Window window)
        {
            Count = 0;
            if (first < 1)
            {
                first = 1;
            }

            if (last > power.Length - 2)
            {
                last = power.Length - 2;
            }

            float largest = 0f;
            for (int k = first; k <= last; k++)
            {
                if (power[k] > largest)
                {
                    largest = power[k];
                }
            }

            float floor = largest * DynamicRange;
            int top = power.Length - 1;
            int capacity = _frequency.Length;
            for (int k = first; k <= last; k++)
            {
                float p = power[k];
                if (!(p > power[k - 1]) || p < power[k + 1] || !(p > floor) || !(p > 0f))
                {
                    continue;
                }

                if ((k >= 2 && power[k - 2] > p) || (k + 2 <= top && power[k + 2] > p))
                {
                    continue;
                }

                if (Count == capacity && p <= _power[capacity - 1])
                {
                    continue;
                }

                // Insertion into the sorted fixed list.
                int at = Count < capacity ? Count : capacity - 1;
                while (at > 0 && _power[at - 1] < p)
                {
                    _power[at] = _power[at - 1];
                    _frequency[at] = _frequency[at - 1];
                    _amplitude[at] = _amplitude[at - 1];
                    at--;
                }

                float delta;
                float rms = InterpolatedRms(power, k, window, out delta);
                _power[at] = p;
                _frequency[at] = (k + delta) * binHz;
                _amplitude[at] = rms;
                if (Count < capacity)
                {
                    Count++;
                }
            }
        }

        /// <summary>RMS amplitude of the tone whose peak is at bin k, corrected for scalloping, and its offset in bins.</summary>
        public static float InterpolatedRms(float[] power, int k, Window window, out float delta)
        {
            float alpha = k > 0 ? (float)Math.Sqrt(power[k - 1]) : 0f;
            float beta = (float)Math.Sqrt(power[k]);
            float gamma = k + 1 < power.Length ? (float)Math.Sqrt(power[k + 1]) : 0f;
            delta = PeakInterpolation.Offset(window.Kind, alpha, beta, gamma);

            // A bin-centred tone of RMS a shows P = a²·mean(w)²/mean(w²).
            float centred = beta * (float)Math.Sqrt(window.MeanSquare) / window.CoherentGain;
            float gain = PeakInterpolation.Gain(window.Kind, delta);
            return gain > 0f ? centred / gain : centred;
        }
    }
}
