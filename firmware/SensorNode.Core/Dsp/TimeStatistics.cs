using System;

namespace SensorNode.Core.Dsp
{
    /// <summary>
    /// Time-domain statistics of one block, computed in two passes (mean first, then central moments) so a large
    /// DC such as gravity does not cost precision in float32. A constant or all-zero block gives 0 for every
    /// shape value (crest factor, kurtosis, skewness), never NaN.
    /// </summary>
    public sealed class TimeStatistics
    {
        /// <summary>Mean (DC).</summary>
        public float Mean;
        /// <summary>AC RMS = population standard deviation (divides by N).</summary>
        public float Rms;
        /// <summary>Sample standard deviation (divides by N − 1).</summary>
        public float StandardDeviation;
        /// <summary>max |x − mean|.</summary>
        public float Peak;
        public float Min;
        public float Max;
        /// <summary>Max − min.</summary>
        public float PeakToPeak;
        /// <summary>Peak / AC RMS (a sine gives √2).</summary>
        public float CrestFactor;
        /// <summary>m4 / m2² (Gaussian 3, sine 1.5).</summary>
        public float Kurtosis;
        /// <summary>Kurtosis − 3 (Gaussian 0).</summary>
        public float ExcessKurtosis;
        /// <summary>m3 / m2^1.5.</summary>
        public float Skewness;

        /// <summary>Computes every value over x[offset … offset + count − 1].</summary>
        public void Compute(float[] x, int offset, int count)
        {
            if (count <= 0)
            {
                Clear();
                return;
            }

            int end = offset + count;
            float sum = 0f;
            float min = x[offset];
            float max = min;
            for (int i = offset; i < end; i++)
            {
                float v = x[i];
                sum += v;
                if (v < min)
                {
                    min = v;
                }

                if (v > max)
                {
                    max = v;
                }
            }

            float mean = sum / count;
            float m2 = 0f, m3 = 0f, m4 = 0f;
            for (int i = offset; i < end; i++)
            {
                float d = x[i] - mean;
                float d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }

            m2 /= count;
            m3 /= count;
            m4 /= count;

            Mean = mean;
            Min = min;
            Max = max;
            PeakToPeak = max - min;
            float up = max - mean;
            float down = mean - min;
            Peak = up > down ? up : down;
            Rms = (float)Math.Sqrt(m2);
            StandardDeviation = count > 1 ? (float)Math.Sqrt(m2 * count / (count - 1)) : 0f;

            // Below this the block is constant up to float rounding: shape values are undefined, report 0.
            float floor = 1e-12f * (1f + mean * mean);
            if (m2 > floor)
            {
                CrestFactor = Peak / Rms;
                Kurtosis = m4 / (m2 * m2);
                ExcessKurtosis = Kurtosis - 3f;
                Skewness = m3 / (m2 * Rms);
            }
            else
            {
                Rms = 0f;
                StandardDeviation = 0f;
                CrestFactor = 0f;
                Kurtosis = 0f;
                ExcessKurtosis = 0f;
                Skewness = 0f;
            }
        }

        public void Clear()
        {
            Mean = 0f;
            Rms = 0f;
            StandardDeviation = 0f;
            Peak = 0f;
            Min = 0f;
            Max = 0f;
            PeakToPeak = 0f;
            CrestFactor = 0f;
            Kurtosis = 0f;
            ExcessKurtosis = 0f;
            Skewness = 0f;
        }
    }
}
