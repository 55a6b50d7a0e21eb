namespace SensorNode.Core.Dsp
{
    /// <summary>
    /// Single-sided spectra from the packed output of <see cref="RealFft"/>.
    /// Scaling conventions (documented in docs/dsp.md):
    /// - amplitude spectrum: A[k] = 2·|X[k]| / (N·mean(w)) for 0 &lt; k &lt; N/2, |X[k]| / (N·mean(w)) at DC and N/2:
    ///   the peak amplitude of a bin-centred tone;
    /// - power spectrum: P[k] = 2·|X[k]|² / (N²·mean(w²)) (1× at DC and N/2): mean square per bin, so the sum over
    ///   a band is the mean square (RMS²) of the signal in that band for any window (Parseval + energy correction).
    /// Both have N/2 + 1 bins, bin k at k·fs/N Hz.
    /// </summary>
    public static class Spectrum
    {
        /// <summary>Adds <paramref name="weight"/> × the single-sided power spectrum of <paramref name="packed"/> to
        /// <paramref name="power"/>[0 … N/2] (Welch averaging: weight = 1/K for K segments).</summary>
        public static void AccumulatePower(float[] packed, int n, Window window, float[] power, float weight)
        {
            float nf = n;
            float scale = weight / (nf * nf * window.MeanSquare);
            float scale2 = 2f * scale;
            power[0] += packed[0] * packed[0] * scale;
            power[n / 2] += packed[1] * packed[1] * scale;
            int h = n / 2;
            for (int k = 1; k < h; k++)
            {
                float re = packed[2 * k];
                float im = packed[2 * k + 1];
                power[k] += (re * re + im * im) * scale2;
            }
        }

        /// <summary>Turns the packed spectrum into the single-sided power spectrum (mean square per bin), in place in
        /// data[0 … N/2].</summary>
        public static void ToPowerInPlace(float[] data, int n, Window window)
        {
            float nf = n;
            float scale = 1f / (nf * nf * window.MeanSquare);
            float scale2 = 2f * scale;
            float nyquist = data[1];
            data[0] = data[0] * data[0] * scale;
            int h = n / 2;
            for (int k = 1; k < h; k++)
            {
                float re = data[2 * k];
                float im = data[2 * k + 1];
                data[k] = (re * re + im * im) * scale2;
            }

            data[h] = nyquist * nyquist * scale;
        }

        /// <summary>Turns the packed spectrum into the single-sided amplitude spectrum, in place in
        /// data[0 … N/2].</summary>
        public static void ToAmplitudeInPlace(float[] data, int n, Window window)
        {
            float nf = n;
            float scale = 1f / (nf * window.CoherentGain);
            float nyquist = data[1];
            data[0] = System.Math.Abs(data[0]) * scale;
            int h = n / 2;
            float scale2 = 2f * scale;

            // Bin k is read from 2k and 2k+1 (≥ k), so a forward pass never reads what it already wrote.
            for (int k = 1; k < h; k++)
            {
                float re = data[2 * k];
                float im = data[2 * k + 1];
                data[k] = (float)System.Math.Sqrt(re * re + im * im) * scale2;
            }

            data[h] = System.Math.Abs(nyquist) * scale;
        }

        /// <summary>Sum of power[first … last] (clipped to the array).</summary>
        public static float Sum(float[] power, int first, int last)
        {
            if (first < 0)
            {
                first = 0;
            }

            if (last > power.Length - 1)
            {
                last = power.Length - 1;
            }

            float sum = 0f;
            for (int k = first; k <= last; k++)
            {
                sum += power[k];
            }

            return sum;
        }

        /// <summary>First bin whose centre is at or above <paramref name="hz"/>.</summary>
        public static int FirstBinAtOrAbove(float hz, float binHz)
        {
            int k = (int)(hz / binHz);
            if (k * binHz < hz)
            {
                k++;
            }

            return k < 0 ? 0 : k;
        }

        /// <summary>Last bin whose centre is at or below <paramref name="hz"/>.</summary>
        public static int LastBinAtOrBelow(float hz, float binHz)
        {
            if (hz < 0f)
            {
                return -1;
            }

            int k = (int)(hz / binHz);
            if (k * binHz > hz)
            {
                k--;
            }

            return k;
        }
    }
}
