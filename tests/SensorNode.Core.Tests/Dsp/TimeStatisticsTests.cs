using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Dsp;

namespace SensorNode.Core.Tests.Dsp
{
    [TestClass]
    public class TimeStatisticsTests
    {
        [TestMethod]
        public void SineOnGravityHasTextbookShapeValues()
        {
            const int n = 3200;
            float[] x = new float[n];
            SignalGenerator.Fill(x, SignalGenerator.StandardGravity);
            SignalGenerator.AddSine(x, n, 3200f, 50f, 2f, 0f); // 50 whole cycles
            TimeStatistics s = new TimeStatistics();
            s.Compute(x, 0, n);
            Assert.IsTrue(SignalGenerator.Near(s.Mean, 9.80665f, 1e-4f), "mean");
            Assert.IsTrue(SignalGenerator.Near(s.Rms, 2f / (float)Math.Sqrt(2), 1e-4f), "AC RMS");
            Assert.IsTrue(SignalGenerator.Near(s.Peak, 2f, 1e-4f), "peak");
            Assert.IsTrue(SignalGenerator.Near(s.PeakToPeak, 4f, 1e-4f), "p2p");
            Assert.IsTrue(SignalGenerator.Near(s.CrestFactor, (float)Math.Sqrt(2), 1e-4f), "crest");
            Assert.IsTrue(SignalGenerator.Near(s.Kurtosis, 1.5f, 1e-3f), "kurtosis");
            Assert.IsTrue(SignalGenerator.Near(s.ExcessKurtosis, -1.5f, 1e-3f), "excess kurtosis");
            Assert.IsTrue(Math.Abs(s.Skewness) < 1e-3f, "skewness");
        }

        [TestMethod]
        public void SmallVectorMatchesHandComputedMoments()
        {
            // x = 1, 2, 3, 4, 10: mean 4, deviations −3 −2 −1 0 6; m2 = 50/5 = 10, m3 = 180/5 = 36, m4 = 1394/5 = 278.8.
            float[] x = { 1f, 2f, 3f, 4f, 10f };
            TimeStatistics s = new TimeStatistics();
            s.Compute(x, 0, 5);
            Assert.IsTrue(SignalGenerator.Near(s.Mean, 4f, 1e-6f));
            Assert.IsTrue(SignalGenerator.Near(s.Rms, (float)Math.Sqrt(10), 1e-5f));
            Assert.IsTrue(SignalGenerator.Near(s.StandardDeviation, (float)Math.Sqrt(12.5), 1e-5f));
            Assert.IsTrue(SignalGenerator.Near(s.Skewness, 36f / (float)Math.Pow(10, 1.5), 1e-5f));
            Assert.IsTrue(SignalGenerator.Near(s.Kurtosis, 2.788f, 1e-5f));
            Assert.IsTrue(SignalGenerator.Near(s.Peak, 6f, 1e-6f));
            Assert.IsTrue(SignalGenerator.Near(s.PeakToPeak, 9f, 1e-6f));
            Assert.IsTrue(SignalGenerator.Near(s.CrestFactor, 6f / (float)Math.Sqrt(10), 1e-5f));
        }

        [TestMethod]
        public void ConstantAndZeroBlocksGiveZeroNotNaN()
        {
            TimeStatistics s = new TimeStatistics();
            float[] zero = new float[1024];
            s.Compute(zero, 0, zero.Length);
            AssertAllFinite(s);
            Assert.AreEqual(0f, s.Rms);
            Assert.AreEqual(0f, s.CrestFactor);
            Assert.AreEqual(0f, s.Kurtosis);

            float[] constant = new float[1024];
            SignalGenerator.Fill(constant, 9.80665f);
            s.Compute(constant, 0, constant.Length);
            AssertAllFinite(s);
            Assert.IsTrue(SignalGenerator.Near(s.Mean, 9.80665f, 1e-5f));
            Assert.AreEqual(0f, s.CrestFactor);
            Assert.AreEqual(0f, s.Skewness);

            s.Compute(constant, 0, 0);
            Assert.AreEqual(0f, s.Mean);
        }

        [TestMethod]
        public void ClippingFlattensTheShape()
        {
            const int n = 2000;
            float[] x = new float[n];
            SignalGenerator.AddSine(x, n, 2000f, 20f, 4f, 0f);
            for (int i = 0; i < n; i++)
            {
                x[i] = Math.Max(-1f, Math.Min(1f, x[i])); // hard clip at a quarter of the amplitude
            }

            TimeStatistics s = new TimeStatistics();
            s.Compute(x, 0, n);
            AssertAllFinite(s);
            Assert.IsTrue(SignalGenerator.Near(s.Peak, 1f, 1e-5f), "peak is the clip level");
            Assert.IsTrue(s.CrestFactor < 1.2f && s.CrestFactor > 1f, "clipped sine is nearly square: crest " + s.CrestFactor.ToString("F3"));
            Assert.IsTrue(s.Kurtosis < 1.5f, "flatter than a sine: kurtosis " + s.Kurtosis.ToString("F3"));
        }

        [TestMethod]
        public void ImpulsesRaiseKurtosisAndCrest()
        {
            const int n = 4096;
            float[] x = new float[n];
            SignalGenerator.AddNoise(x, n, 0.1f, 3);
            TimeStatistics s = new TimeStatistics();
            s.Compute(x, 0, n);
            Assert.IsTrue(Math.Abs(s.ExcessKurtosis) < 0.5f, "Gaussian noise: excess kurtosis near 0, got " + s.ExcessKurtosis.ToString("F3"));
            for (int i = 100; i < n; i += 800)
            {
                x[i] += 3f;
            }

            s.Compute(x, 0, n);
            Assert.IsTrue(s.Kurtosis > 10f, "impulsive: kurtosis " + s.Kurtosis.ToString("F2"));
            Assert.IsTrue(s.CrestFactor > 8f, "impulsive: crest " + s.CrestFactor.ToString("F2"));
            Assert.IsTrue(s.Skewness > 1f, "positive impulses skew right");
        }

        private static void AssertAllFinite(TimeStatistics s)
        {
            float[] values = { s.Mean, s.Rms, s.StandardDeviation, s.Peak, s.PeakToPeak, s.CrestFactor, s.Kurtosis, s.ExcessKurtosis, s.Skewness };
            for (int i = 0; i < values.Length; i++)
            {
                Assert.IsFalse(float.IsNaN(values[i]) || float.IsInfinity(values[i]), "value " + i.ToString() + " is not finite");
            }
        }
    }
}
