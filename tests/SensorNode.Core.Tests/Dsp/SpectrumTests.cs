using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Dsp;

namespace SensorNode.Core.Tests.Dsp
{
    [TestClass]
    public class SpectrumTests
    {
        [TestMethod]
        public void HannAmplitudeSpectrumGivesTheAmplitudeOfABinCentredTone()
        {
            const int n = 2048;
            const float fs = 3200f;
            Window w = new Window(WindowKind.Hann, n);
            float[] data = new float[n];
            float f = 200 * fs / n; // bin 200
            SignalGenerator.AddSine(data, n, fs, f, 3f, 1f);
            w.ApplyInPlace(data);
            new RealFft(n).Forward(data);
            Spectrum.ToAmplitudeInPlace(data, n, w);
            Assert.IsTrue(SignalGenerator.Near(data[200], 3f, 3e-4f), SignalGenerator.Describe("amplitude", data[200], 3f));
            Assert.IsTrue(SignalGenerator.Near(data[199], 1.5f, 3e-4f), "Hann neighbour is half the peak");
            Assert.IsTrue(data[203] < 1e-3f, "outside the main lobe");
        }

        [TestMethod]
        public void PowerSpectrumSumsToTheMeanSquareOfNoise()
        {
            const int n = 4096;
            Window w = new Window(WindowKind.Hann, n);
            float[] data = new float[n];
            SignalGenerator.AddNoise(data, n, 2f, 11);
            double meanSquare = 0;
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += data[i];
            }

            mean /= n;
            for (int i = 0; i < n; i++)
            {
                meanSquare += (data[i] - mean) * (data[i] - mean);
            }

            meanSquare /= n;
            float[] power = new float[n / 2 + 1];
            w.Apply(data, 0, data, (float)mean);
            new RealFft(n).Forward(data);
            Spectrum.AccumulatePower(data, n, w, power, 1f);
            float sum = Spectrum.Sum(power, 0, n / 2);

            // One realisation of noise: the Hann-weighted estimate scatters by about 1/sqrt(N/ENBW).
            Assert.IsTrue(Math.Abs(sum / meanSquare - 1.0) < 0.06, "sum " + sum.ToString("F4") + " vs " + meanSquare.ToString("F4"));
        }

        [TestMethod]
        [DataRow(0.0f)]
        [DataRow(0.2f)]
        [DataRow(0.5f)]
        [DataRow(0.8f)]
        public void BandPowerOfAToneIsItsMeanSquareWhereverItFalls(float offsetBins)
        {
            const int n = 2048;
            const float fs = 2048f;
            Window w = new Window(WindowKind.Hann, n);
            float[] data = new float[n];
            SignalGenerator.AddSineRms(data, n, fs, 300f + offsetBins, 1.25f);
            w.ApplyInPlace(data);
            new RealFft(n).Forward(data);
            float[] power = new float[n / 2 + 1];
            Spectrum.AccumulatePower(data, n, w, power, 1f);
            float sum = Spectrum.Sum(power, 296, 305);
            Assert.IsTrue(SignalGenerator.Near(sum, 1.5625f, 1.5625f * 0.002f), SignalGenerator.Describe("band power", sum, 1.5625f));
        }

        [TestMethod]
        [DataRow(0.0f)]
        [DataRow(0.1f)]
        [DataRow(0.37f)]
        [DataRow(0.5f)]
        [DataRow(0.81f)]
        public void HannPeakInterpolationRecoversFrequencyAndAmplitude(float offsetBins)
        {
            const int n = 2048;
            const float fs = 3200f;
            float binHz = fs / n;
            float f = (400 + offsetBins) * binHz;
            Window w = new Window(WindowKind.Hann, n);
            float[] data = new float[n];
            SignalGenerator.AddSineRms(data, n, fs, f, 0.7f);
            w.ApplyInPlace(data);
            new RealFft(n).Forward(data);
            float[] power = new float[n / 2 + 1];
            Spectrum.AccumulatePower(data, n, w, power, 1f);
            PeakFinder peaks = new PeakFinder(3);
            peaks.Find(power, 1, n / 2 - 1, binHz, w);
            Assert.IsTrue(peaks.Count >= 1);
            Assert.IsTrue(SignalGenerator.Near(peaks.FrequencyHz(0), f, 0.01f * binHz), SignalGenerator.Describe("frequency", peaks.FrequencyHz(0), f));
            Assert.IsTrue(SignalGenerator.Near(peaks.AmplitudeRms(0), 0.7f, 0.7f * 0.005f), SignalGenerator.Describe("amplitude", peaks.AmplitudeRms(0), 0.7f));
        }

        [TestMethod]
        public void PeaksComeLargestFirst()
        {
            const int n = 1024;
            const float fs = 1000f;
            Window w = new Window(WindowKind.Hann, n);
            float[] data = new float[n];
            SignalGenerator.AddSineRms(data, n, fs, 50.3f, 1f);
            SignalGenerator.AddSineRms(data, n, fs, 120.7f, 3f);
            SignalGenerator.AddSineRms(data, n, fs, 333.1f, 2f);
            w.ApplyInPlace(data);
            new RealFft(n).Forward(data);
            float[] power = new float[n / 2 + 1];
            Spectrum.AccumulatePower(data, n, w, power, 1f);
            PeakFinder peaks = new PeakFinder(3);
            peaks.Find(power, 2, n / 2 - 1, fs / n, w);
            Assert.AreEqual(3, peaks.Count);
            Assert.IsTrue(SignalGenerator.Near(peaks.FrequencyHz(0), 120.7f, 0.05f), "first");
            Assert.IsTrue(SignalGenerator.Near(peaks.FrequencyHz(1), 333.1f, 0.05f), "second");
            Assert.IsTrue(SignalGenerator.Near(peaks.FrequencyHz(2), 50.3f, 0.05f), "third");
            Assert.IsTrue(SignalGenerator.Near(peaks.AmplitudeRms(0), 3f, 0.02f), "first amplitude");
        }

        [TestMethod]
        public void BinHelpersRoundTowardsTheBand()
        {
            Assert.AreEqual(7, Spectrum.FirstBinAtOrAbove(10f, 1.5625f));
            Assert.AreEqual(640, Spectrum.LastBinAtOrBelow(1000f, 1.5625f));
            Assert.AreEqual(640, Spectrum.FirstBinAtOrAbove(1000f, 1.5625f));
            Assert.AreEqual(6, Spectrum.LastBinAtOrBelow(10f, 1.5625f));
        }
    }
}
