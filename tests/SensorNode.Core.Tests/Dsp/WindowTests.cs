using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Dsp;

namespace SensorNode.Core.Tests.Dsp
{
    [TestClass]
    public class WindowTests
    {
        [TestMethod]
        public void HannCorrectionFactorsAreTwoAndRootEightThirds()
        {
            Window w = new Window(WindowKind.Hann, 2048);
            Assert.IsTrue(SignalGenerator.Near(w.CoherentGain, 0.5f, 1e-6f), "CG");
            Assert.IsTrue(SignalGenerator.Near(w.AmplitudeCorrection, 2f, 1e-5f), "ACF");
            Assert.IsTrue(SignalGenerator.Near(w.MeanSquare, 0.375f, 1e-6f), "mean square");
            Assert.IsTrue(SignalGenerator.Near(w.EnergyCorrection, (float)Math.Sqrt(8.0 / 3.0), 1e-5f), "ECF");
            Assert.IsTrue(SignalGenerator.Near(w.EquivalentNoiseBandwidthBins, 1.5f, 1e-5f), "ENBW");
        }

        [TestMethod]
        public void FlatTopCorrectionFactorsFollowFromItsCoefficients()
        {
            Window w = new Window(WindowKind.FlatTop, 1024);
            double a0 = 0.21557895, a1 = 0.41663158, a2 = 0.277263158, a3 = 0.083578947, a4 = 0.006947368;
            double meanSquare = a0 * a0 + (a1 * a1 + a2 * a2 + a3 * a3 + a4 * a4) / 2.0;
            Assert.IsTrue(SignalGenerator.Near(w.AmplitudeCorrection, (float)(1.0 / a0), 1e-4f), "ACF " + w.AmplitudeCorrection.ToString("F4"));
            Assert.IsTrue(SignalGenerator.Near(w.EnergyCorrection, (float)(1.0 / Math.Sqrt(meanSquare)), 1e-4f), "ECF " + w.EnergyCorrection.ToString("F4"));
        }

        [TestMethod]
        public void RectangularIsOne()
        {
            Window w = new Window(WindowKind.Rectangular, 256);
            Assert.AreEqual(1f, w.AmplitudeCorrection);
            Assert.AreEqual(1f, w.EnergyCorrection);
            Assert.AreEqual(1f, w[17]);
        }

        [TestMethod]
        public void HannIsPeriodicAndSymmetric()
        {
            Window w = new Window(WindowKind.Hann, 256);
            Assert.AreEqual(0f, w[0]);
            Assert.IsTrue(SignalGenerator.Near(w[128], 1f, 1e-7f));
            for (int i = 1; i < 256; i++)
            {
                Assert.AreEqual(w[i], w[256 - i]);
                Assert.IsTrue(SignalGenerator.Near(w[i], (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / 256)), 1e-6f));
            }
        }

        [TestMethod]
        public void ApplySubtractsTheOffsetFirst()
        {
            Window w = new Window(WindowKind.Hann, 256);
            float[] src = new float[300];
            SignalGenerator.Fill(src, 5f);
            float[] dst = new float[256];
            w.Apply(src, 44, dst, 5f);
            for (int i = 0; i < 256; i++)
            {
                Assert.AreEqual(0f, dst[i]);
            }
        }

        [TestMethod]
        [DataRow(0.0f)]
        [DataRow(0.25f)]
        [DataRow(0.5f)]
        public void FlatTopAmplitudeIsFlatAcrossABin(float offsetBins)
        {
            const int n = 1024;
            const float fs = 1024f;
            Window w = new Window(WindowKind.FlatTop, n);
            float[] data = new float[n];
            SignalGenerator.AddSine(data, n, fs, 100f + offsetBins, 2f, 0.3f);
            w.ApplyInPlace(data);
            new RealFft(n).Forward(data);
            Spectrum.ToAmplitudeInPlace(data, n, w);
            float peak = Math.Max(data[100], data[101]);
            // SRS flat-top scallop loss is about 0.01 dB (0.11 %).
            Assert.IsTrue(SignalGenerator.Near(peak, 2f, 2f * 0.002f), SignalGenerator.Describe("flat-top amplitude", peak, 2f));
        }

        [TestMethod]
        public void RejectsOddOrTinyLengths()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new Window(WindowKind.Hann, 255));
            Assert.ThrowsException(typeof(ArgumentException), () => new Window(WindowKind.Hann, 2));
        }
    }
}
