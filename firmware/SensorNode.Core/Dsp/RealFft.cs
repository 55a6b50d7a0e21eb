using System;

namespace SensorNode.Core.Dsp
{
    /// <summary>
    /// Forward FFT of a real signal of N = 256 … 8192 points (power of two), in place on a caller-owned float[N].
    /// Built once: a quarter-wave cosine table (N/4 + 1 floats) gives every twiddle, and a swap table gives the
    /// bit reversal; nothing is computed with Math.Sin/Cos and nothing is allocated per call.
    /// Method: the N real samples are read as N/2 complex points (even = re, odd = im), transformed by a radix-2
    /// decimation-in-time complex FFT, then split into the spectrum of the real signal.
    /// Output layout (CMSIS arm_rfft_fast style): data[0] = Re X[0], data[1] = Re X[N/2] (both are real),
    /// data[2k] = Re X[k], data[2k+1] = Im X[k] for k = 1 … N/2 − 1. Unscaled: X[k] = Σ x[n]·e^(−2πikn/N).
    /// </summary>
    public sealed class RealFft
    {
        public const int MinSize = 256;
        public const int MaxSize = 8192;

        private readonly int _n;
        private readonly int _half;    // complex points M = N/2
        private readonly int _quarter; // N/4
        private readonly float[] _cos; // cos(2πj/N), j = 0 … N/4
        private readonly ushort[] _swaps; // pairs (i, j), i < j, of bit-reversed complex indices

        public RealFft(int size)
        {
            string error = CheckSize(size);
            if (error != null)
            {
                throw new ArgumentException(error, "size");
            }

            _n = size;
            _half = size / 2;
            _quarter = size / 4;
            _cos = new float[_quarter + 1];
            for (int j = 0; j <= _quarter; j++)
            {
                _cos[j] = (float)Math.Cos(2.0 * Math.PI * j / size);
            }

            // Exact zeros and ones keep the trivial twiddles exact.
            _cos[0] = 1f;
            _cos[_quarter] = 0f;

            _swaps = new ushort[2 * SwapCount(_half)];
            int s = 0;
            int bits = Log2(_half);
            for (int i = 0; i < _half; i++)
            {
                int r = Reverse(i, bits);
                if (i < r)
                {
                    _swaps[s++] = (ushort)i;
                    _swaps[s++] = (ushort)r;
                }
            }
        }

        /// <summary>Transform length N.</summary>
        public int Size
        {
            get { return _n; }
        }

        /// <summary>Bytes of this instance's tables.</summary>
        public int AllocatedBytes
        {
            get { return 4 * _cos.Length + 2 * _swaps.Length; }
        }

        /// <summary>Null when <paramref name="size"/> is a valid FFT size, else the reason.</summary>
        public static string CheckSize(int size)
        {
            if (size < MinSize || size > MaxSize || (size & (size - 1)) != 0)
            {
                return "FFT size must be a power of two between 256 and 8192, got " + size.ToString() + ".";
            }

            return null;
        }

        /// <summary>Bytes of the tables one instance allocates for <paramref name="size"/> points (array payloads).</summary>
        public static int TableBytes(int size)
        {
            return 4 * (size / 4 + 1) + 2 * 2 * SwapCount(size / 2);
        }

        /// <summary>cos(2πk/N) for 0 ≤ k ≤ N/2, from the quarter-wave table.</summary>
        public float Cos(int k)
        {
            return k <= _quarter ? _cos[k] : -_cos[_half - k];
        }

        /// <summary>sin(2πk/N) for 0 ≤ k ≤ N/2, from the quarter-wave table.</summary>
        public float Sin(int k)
        {
            return k <= _quarter ? _cos[_quarter - k] : _cos[k - _quarter];
        }

        /// <summary>Transforms <paramref name="data"/>[0 … N−1] in place into the packed spectrum (see class remarks).</summary>
        public void Forward(float[] data)
        {
            if (data == null || data.Length < _n)
            {
                throw new ArgumentException("The buffer must hold at least N floats.", "data");
            }

            ComplexTransform(data);
            SplitReal(data);
        }

        private void ComplexTransform(float[] d)
        {
            ushort[] swaps = _swaps;
            for (int s = 0; s < swaps.Length; s += 2)
            {
                int a = swaps[s] << 1;
                int b = swaps[s + 1] << 1;
                float t = d[a];
                d[a] = d[b];
                d[b] = t;
                t = d[a + 1];
                d[a + 1] = d[b + 1];
                d[b + 1] = t;
            }

            int m = _half;
            int end = 2 * m;

            // Stage of length 2: twiddle 1, no multiplications.
            for (int a = 0; a < end; a += 4)
            {
                float ar = d[a], ai = d[a + 1], br = d[a + 2], bi = d[a + 3];
                d[a] = ar + br;
                d[a + 1] = ai + bi;
                d[a + 2] = ar - br;
                d[a + 3] = ai - bi;
            }

            float[] cosTable = _cos;
            int quarter = _quarter;
            int half = _half;
            for (int len = 4; len <= m; len <<= 1)
            {
                int span = len >> 1;          // butterflies per group
                int step = _n / len;          // twiddle index step in N-point units
                int stride = len << 1;        // floats per group
                for (int j = 0; j < span; j++)
                {
                    // W = e^(−2πi·k/N), k = j·N/len < N/2.
                    int k = j * step;
                    float c, s;
                    if (k <= quarter)
                    {
                        c = cosTable[k];
                        s = cosTable[quarter - k];
                    }
                    else
                    {
                        c = -cosTable[half - k];
                        s = cosTable[k - quarter];
                    }

                    int offset = span << 1;
                    for (int a = j << 1; a < end; a += stride)
                    {
                        int b = a + offset;
                        float br = d[b], bi = d[b + 1];
                        float tr = br * c + bi * s;   // (br + i·bi)(c − i·s)
                        float ti = bi * c - br * s;
                        float ar = d[a], ai = d[a + 1];
                        d[b] = ar - tr;
                        d[b + 1] = ai - ti;
                        d[a] = ar + tr;
                        d[a + 1] = ai + ti;
                    }
                }
            }
        }

        private void SplitReal(float[] d)
        {
            int m = _half;
            int quarter = _quarter;
            float[] cosTable = _cos;

            float z0r = d[0], z0i = d[1];
            d[0] = z0r + z0i;
            d[1] = z0r - z0i;

            for (int k = 1; k <= m / 2; k++)
            {
                int a = k << 1;
                int b = (m - k) << 1;
                float zr = d[a], zi = d[a + 1];
                float yr = d[b], yi = d[b + 1];

                // Even and odd halves: Fe = (Z[k] + conj Z[M−k]) / 2, Fo = (Z[k] − conj Z[M−k]) / 2i.
                float fer = 0.5f * (zr + yr);
                float fei = 0.5f * (zi - yi);
                float f0r = 0.5f * (zi + yi);
                float f0i = -0.5f * (zr - yr);

                // k ≤ N/4 here, so the table lookup needs no second branch.
                float c = cosTable[k];
                float s = cosTable[quarter - k];
                float wr = c * f0r + s * f0i;  // (c − i·s)·Fo
                float wi = c * f0i - s * f0r;

                d[a] = fer + wr;
                d[a + 1] = fei + wi;
                d[b] = fer - wr;
                d[b + 1] = wi - fei;
            }
        }

        private static int SwapCount(int points)
        {
            int bits = Log2(points);
            int count = 0;
            for (int i = 0; i < points; i++)
            {
                if (i < Reverse(i, bits))
                {
                    count++;
                }
            }

            return count;
        }

        private static int Log2(int value)
        {
            int bits = 0;
            while ((1 << bits) < value)
            {
                bits++;
            }

            return bits;
        }

        private static int Reverse(int value, int bits)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r = (r << 1) | ((value >> b) & 1);
            }

            return r;
        }
    }
}
