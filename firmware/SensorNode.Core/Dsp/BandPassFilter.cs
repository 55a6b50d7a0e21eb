using System;

namespace SensorNode.Core.Dsp
{
    /// <summary>
    /// 8th-order band-pass: a 4th-order Butterworth high-pass at the low edge cascaded with a 4th-order
    /// Butterworth low-pass at the high edge (four biquads, bilinear transform with pre-warping, RBJ cookbook
    /// forms; −3 dB at each edge). Coefficients are computed once; <see cref="Process"/> runs the four sections
    /// inline in transposed direct form II, with no calls per sample.
    /// </summary>
    public sealed class BandPassFilter
    {
        // Pole-pair quality factors of a 4th-order Butterworth: 1/(2cos(π/8)) and 1/(2cos(3π/8)).
        private const double Q1 = 0.54119610014619698;
        private const double Q2 = 1.3065629648763766;

        private readonly float[] _c = new float[20]; // per section: b0 b1 b2 a1 a2
        private readonly float[] _z = new float[8];  // per section: z1 z2

        public BandPassFilter(float lowHz, float highHz, float sampleRateHz)
        {
            Configure(lowHz, highHz, sampleRateHz);
        }

        /// <summary>Re-designs the filter in place (a few Math calls, no allocation) and clears its state.</summary>
        public void Configure(float lowHz, float highHz, float sampleRateHz)
        {
            if (!(sampleRateHz > 0f) || !(lowHz > 0f) || !(highHz > lowHz) || !(highHz < 0.5f * sampleRateHz))
            {
                throw new ArgumentException("Band-pass needs 0 < low < high < fs/2.");
            }

            LowHz = lowHz;
            HighHz = highHz;
            SampleRateHz = sampleRateHz;
            Design(0, lowHz, sampleRateHz, Q1, true);
            Design(1, lowHz, sampleRateHz, Q2, true);
            Design(2, highHz, sampleRateHz, Q1, false);
            Design(3, highHz, sampleRateHz, Q2, false);
            Reset();
        }

        public float LowHz { get; private set; }

        public float HighHz { get; private set; }

        public float SampleRateHz { get; private set; }

        /// <summary>Bytes one instance allocates.</summary>
        public const int Bytes = 4 * 28;

        public void Reset()
        {
            Array.Clear(_z, 0, _z.Length);
        }

        /// <summary>Filters src[srcOffset …] into dst[dstOffset …] for <paramref name="count"/> samples, after
        /// subtracting <paramref name="offset"/>; the state carries over between calls.</summary>
        public void Process(float[] src, int srcOffset, float[] dst, int dstOffset, int count, float offset)
        {
            float[] c = _c;
            float[] z = _z;
            float z10 = z[0], z20 = z[1], z11 = z[2], z21 = z[3], z12 = z[4], z22 = z[5], z13 = z[6], z23 = z[7];
            for (int i = 0; i < count; i++)
            {
                float x = src[srcOffset + i] - offset;
                float y = c[0] * x + z10;
                z10 = c[1] * x - c[3] * y + z20;
                z20 = c[2] * x - c[4] * y;
                x = y;
                y = c[5] * x + z11;
                z11 = c[6] * x - c[8] * y + z21;
                z21 = c[7] * x - c[9] * y;
                x = y;
                y = c[10] * x + z12;
                z12 = c[11] * x - c[13] * y + z22;
                z22 = c[12] * x - c[14] * y;
                x = y;
                y = c[15] * x + z13;
                z13 = c[16] * x - c[18] * y + z23;
                z23 = c[17] * x - c[19] * y;
                dst[dstOffset + i] = y;
            }

            z[0] = z10;
            z[1] = z20;
            z[2] = z11;
            z[3] = z21;
            z[4] = z12;
            z[5] = z22;
            z[6] = z13;
            z[7] = z23;
        }

        private void Design(int section, float cornerHz, float sampleRateHz, double q, bool highPass)
        {
            double w0 = 2.0 * Math.PI * cornerHz / sampleRateHz;
            double cosW = Math.Cos(w0);
            double alpha = Math.Sin(w0) / (2.0 * q);
            double a0 = 1.0 + alpha;
            double b0, b1;
            if (highPass)
            {
                b0 = (1.0 + cosW) / 2.0;
                b1 = -(1.0 + cosW);
            }
            else
            {
                b0 = (1.0 - cosW) / 2.0;
                b1 = 1.0 - cosW;
            }

            int o = 5 * section;
            _c[o] = (float)(b0 / a0);
            _c[o + 1] = (float)(b1 / a0);
            _c[o + 2] = (float)(b0 / a0);
            _c[o + 3] = (float)(-2.0 * cosW / a0);
            _c[o + 4] = (float)((1.0 - alpha) / a0);
        }
    }
}
