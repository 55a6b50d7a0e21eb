using System;

namespace SensorNode.Core.Dsp
{
    /// <summary>Window shapes. Values are stable (they may be stored in configuration).</summary>
    public enum WindowKind
    {
        Rectangular = 0,
        /// <summary>Hann: good leakage/resolution balance; the default for spectra and band energy.</summary>
        Hann = 1,
        /// <summary>Flat-top (SRS/HFT5 coefficients, as MATLAB flattopwin): amplitude flat within ±0.01 dB over a bin.</summary>
        FlatTop = 2
    }

    /// <summary>
    /// A periodic (DFT-even) window of length N with its correction factors. The coefficients are symmetric
    /// (w[n] = w[N−n]), so only N/2 + 1 of them are stored.
    /// Correction factors: amplitude (coherent gain) correction = 1 / mean(w) restores the amplitude of a tone
    /// centred on a bin; energy correction = 1 / sqrt(mean(w²)) restores the RMS (power) of broadband or band
    /// energy. Hann: 2.000 and 1.633; flat-top: 4.639 and 2.389; rectangular: 1 and 1.
    /// </summary>
    public sealed class Window
    {
        // Flat-top window coefficients (SRS flat-top, also used by MATLAB flattopwin).
        private const double Ft0 = 0.21557895;
        private const double Ft1 = 0.41663158;
        private const double Ft2 = 0.277263158;
        private const double Ft3 = 0.083578947;
        private const double Ft4 = 0.006947368;

        private readonly float[] _half; // w[0 … N/2]
        private readonly int _n;

        public Window(WindowKind kind, int size)
        {
            if (size < 4 || (size & 1) != 0)
            {
                throw new ArgumentException("Window length must be even and at least 4, got " + size.ToString() + ".", "size");
            }

            if (kind != WindowKind.Rectangular && kind != WindowKind.Hann && kind != WindowKind.FlatTop)
            {
                throw new ArgumentException("Unknown window kind.", "kind");
            }

            Kind = kind;
            _n = size;
            _half = new float[size / 2 + 1];
            double sum = 0, sumSq = 0;
            for (int i = 0; i <= size / 2; i++)
            {
                double x = 2.0 * Math.PI * i / size;
                double w;
                if (kind == WindowKind.Hann)
                {
                    w = 0.5 - 0.5 * Math.Cos(x);
                }
                else if (kind == WindowKind.FlatTop)
                {
                    w = Ft0 - Ft1 * Math.Cos(x) + Ft2 * Math.Cos(2 * x) - Ft3 * Math.Cos(3 * x) + Ft4 * Math.Cos(4 * x);
                }
                else
                {
                    w = 1.0;
                }

                _half[i] = (float)w;

                // Indices 1 … N/2−1 occur twice in the full window.
                int weight = (i == 0 || i == size / 2) ? 1 : 2;
                sum += weight * w;
                sumSq += weight * w * w;
            }

            CoherentGain = (float)(sum / size);
            MeanSquare = (float)(sumSq / size);
            AmplitudeCorrection = (float)(size / sum);
            EnergyCorrection = (float)Math.Sqrt(size / sumSq);
            EquivalentNoiseBandwidthBins = (float)(size * sumSq / (sum * sum));
        }

        public WindowKind Kind { get; private set; }

        public int Size
        {
            get { return _n; }
        }

        /// <summary>mean(w): a bin-centred tone of amplitude A shows |X| = A·N·CG/2.</summary>
        public float CoherentGain { get; private set; }

        /// <summary>mean(w²): the windowed signal keeps this fraction of its power.</summary>
        public float MeanSquare { get; private set; }

        /// <summary>1 / mean(w).</summary>
        public float AmplitudeCorrection { get; private set; }

        /// <summary>1 / sqrt(mean(w²)).</summary>
        public float EnergyCorrection { get; private set; }

        /// <summary>N·Σw² / (Σw)², in bins (Hann 1.5, flat-top ≈ 3.77, rectangular 1).</summary>
        public float EquivalentNoiseBandwidthBins { get; private set; }

        /// <summary>Coefficient n (0 ≤ n &lt; N).</summary>
        public float this[int n]
        {
            get { return n <= _n / 2 ? _half[n] : _half[_n - n]; }
        }

        /// <summary>Bytes of this instance's coefficient table.</summary>
        public int AllocatedBytes
        {
            get { return 4 * _half.Length; }
        }

        /// <summary>Bytes of the coefficient table for a window of <paramref name="size"/> points.</summary>
        public static int TableBytes(int size)
        {
            return 4 * (size / 2 + 1);
        }

        /// <summary>dst[i] = (src[srcOffset + i] − offset)·w[i] for i &lt; N. dst may be src when srcOffset is 0.</summary>
        public void Apply(float[] src, int srcOffset, float[] dst, float offset)
        {
            int n = _n;
            int h = n / 2;
            float[] w = _half;
            for (int i = 0; i <= h; i++)
            {
                dst[i] = (src[srcOffset + i] - offset) * w[i];
            }

            for (int i = h + 1; i < n; i++)
            {
                dst[i] = (src[srcOffset + i] - offset) * w[n - i];
            }
        }

        /// <summary>Multiplies data[0 … N−1] by the window in place.</summary>
        public void ApplyInPlace(float[] data)
        {
            Apply(data, 0, data, 0f);
        }
    }
}
