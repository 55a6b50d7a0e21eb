using System;

namespace SensorNode.Core.Tests.Dsp
{
    /// <summary>
    /// Synthetic test signals in the nanoFramework subset. Phases are reduced to one cycle in double before
    /// Math.Sin, so the signals stay exact on a device whose Math runs in single precision.
    /// </summary>
    public static class SignalGenerator
    {
        public const float StandardGravity = 9.80665f;

        public static void Fill(float[] data, float value)
        {
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = value;
            }
        }

        /// <summary>Adds amplitude·sin(2π·f·i/fs + phase) to data[0 … count−1].</summary>
        public static void AddSine(float[] data, int count, float sampleRateHz, float frequencyHz, float amplitude, float phaseRadians)
        {
            double phaseCycles = phaseRadians / (2.0 * Math.PI);
            for (int i = 0; i < count; i++)
            {
                data[i] += (float)(amplitude * SinCycles(frequencyHz * (double)i / sampleRateHz + phaseCycles));
            }
        }

        /// <summary>Adds a sine of the given RMS (amplitude = RMS·√2).</summary>
        public static void AddSineRms(float[] data, int count, float sampleRateHz, float frequencyHz, float rms)
        {
            AddSine(data, count, sampleRateHz, frequencyHz, (float)(rms * Math.Sqrt(2.0)), 0f);
        }

        /// <summary>Adds Gaussian noise of the given RMS (Box–Muller).</summary>
        public static void AddNoise(float[] data, int count, float rms, int seed)
        {
            Random random = new Random(seed);
            for (int i = 0; i < count; i += 2)
            {
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                double r = Math.Sqrt(-2.0 * Math.Log(u1)) * rms;
                data[i] += (float)(r * SinCycles(u2 + 0.25));
                if (i + 1 < count)
                {
                    data[i + 1] += (float)(r * SinCycles(u2));
                }
            }
        }

        /// <summary>
        /// Adds a bearing-defect signal: one impact every 1/rateHz seconds, each ringing a structural resonance
        /// (decaying sine at resonanceHz with time constant decaySeconds, starting amplitude <paramref name="amplitude"/>).
        /// </summary>
        public static void AddImpactTrain(float[] data, int count, float sampleRateHz, float rateHz, float resonanceHz,
            float decaySeconds, float amplitude)
        {
            double period = 1.0 / rateHz;
            for (int i = 0; i < count; i++)
            {
                double t = i / (double)sampleRateHz;
                double sinceImpact = t - Math.Floor(t / period) * period;
                double ring = Math.Exp(-sinceImpact / decaySeconds);
                data[i] += (float)(amplitude * ring * SinCycles(resonanceHz * sinceImpact));
            }
        }

        /// <summary>
        /// ADC codes of a CT signal: bias + Σ amplitudes[h]·sin(2π·h·f·t) (h = 1 … amplitudes.Length − 1, index 0
        /// unused), quantised to integers and clipped to 0 … fullScale.
        /// </summary>
        public static void CurrentCodes(ushort[] codes, int count, float sampleRateHz, float lineHz, float biasCodes,
            float[] amplitudesCodes, int fullScale)
        {
            for (int i = 0; i < count; i++)
            {
                double v = biasCodes;
                for (int h = 1; h < amplitudesCodes.Length; h++)
                {
                    if (amplitudesCodes[h] != 0f)
                    {
                        v += amplitudesCodes[h] * SinCycles(h * lineHz * (double)i / sampleRateHz);
                    }
                }

                double rounded = Math.Floor(v + 0.5);
                if (rounded < 0)
                {
                    rounded = 0;
                }

                if (rounded > fullScale)
                {
                    rounded = fullScale;
                }

                codes[i] = (ushort)rounded;
            }
        }

        /// <summary>sin(2π·cycles) with the argument reduced to one cycle first.</summary>
        public static double SinCycles(double cycles)
        {
            double fraction = cycles - Math.Floor(cycles);
            return Math.Sin(2.0 * Math.PI * fraction);
        }

        public static bool Near(float actual, float expected, float tolerance)
        {
            return Math.Abs(actual - expected) <= tolerance;
        }

        public static string Describe(string what, float actual, float expected)
        {
            return what + ": got " + actual.ToString("F5") + ", expected " + expected.ToString("F5");
        }
    }
}
