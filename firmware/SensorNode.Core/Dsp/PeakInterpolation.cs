using System;

namespace SensorNode.Core.Dsp
{
    /// <summary>
    /// Sub-bin frequency and amplitude of a spectral peak from the magnitudes of the peak bin and its neighbours.
    /// Hann: the exact two-point ratio for a pure tone (Grandke): δ = (2γ − β)/(β + γ) towards the larger neighbour,
    /// and the window response W(δ) = sinc(δ)/(1 − δ²) to undo scalloping. Other windows: parabolic offset;
    /// flat-top needs no amplitude correction, rectangular uses sinc(δ).
    /// </summary>
    public static class PeakInterpolation
    {
        /// <summary>Offset of the true peak from the centre bin in bins (−1 … 1), from magnitudes α (k−1), β (k), γ (k+1).</summary>
        public static float Offset(WindowKind kind, float alpha, float beta, float gamma)
        {
            if (!(beta > 0f))
            {
                return 0f;
            }

            if (kind == WindowKind.Hann)
            {
                if (gamma > alpha)
                {
                    return Clamp((2f * gamma - beta) / (beta + gamma));
                }

                return -Clamp((2f * alpha - beta) / (beta + alpha));
            }

            float denominator = alpha - 2f * beta + gamma;
            if (denominator == 0f)
            {
                return 0f;
            }

            return Clamp(0.5f * (alpha - gamma) / denominator);
        }

        /// <summary>Window response at <paramref name="delta"/> bins from a tone, relative to the bin-centred response.</summary>
        public static float Gain(WindowKind kind, float delta)
        {
            float d = Math.Abs(delta);
            if (kind == WindowKind.FlatTop || d < 1e-4f)
            {
                return 1f;
            }

            float sinc = (float)(Math.Sin(Math.PI * d) / (Math.PI * d));
            if (kind == WindowKind.Hann)
            {
                float q = 1f - d * d;
                return q < 1e-3f ? 0.5f : sinc / q;
            }

            return sinc;
        }

        private static float Clamp(float value)
        {
            if (value > 1f)
            {
                return 1f;
            }

            if (value < -1f)
            {
                return -1f;
            }

            return value;
        }
    }
}
