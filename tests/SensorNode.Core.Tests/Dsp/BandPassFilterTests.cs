using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Dsp;

namespace SensorNode.Core.Tests.Dsp
{
    [TestClass]
    public class BandPassFilterTests
    {
        [TestMethod]
        [DataRow(1414f, 1.0f, 0.02f)]
        [DataRow(500f, 0.7071f, 0.03f)]
        [DataRow(4000f, 0.7071f, 0.03f)]
        [DataRow(100f, 0.0f, 0.01f)]
        public void GainFollowsAFourthOrderButterworthOnEachEdge(float frequencyHz, float expectedGain, float tolerance)
        {
            const float fs = 10240f;
            const int n = 8192;
            BandPassFilter filter = new BandPassFilter(500f, 4000f, fs);
            float[] x = new float[n];
            SignalGenerator.AddSine(x, n, fs, frequencyHz, 1f, 0f);
            float[] y = new float[n];
            filter.Process(x, 0, y, 0, n, 0f);

            // Skip the settling part; the amplitude of the steady state is the gain.
            float peak = 0f;
            for (int i = n / 2; i < n; i++)
            {
                peak = Math.Max(peak, Math.Abs(y[i]));
            }

            Assert.IsTrue(SignalGenerator.Near(peak, expectedGain, tolerance), SignalGenerator.Describe("gain at " + frequencyHz.ToString("F0"), peak, expectedGain));
        }

        [TestMethod]
        public void RemovesAnOffsetAndRejectsABadBand()
        {
            BandPassFilter filter = new BandPassFilter(100f, 400f, 1000f);
            float[] x = new float[4096];
            SignalGenerator.Fill(x, 9.81f);
            float[] y = new float[4096];
            filter.Process(x, 0, y, 0, 4096, 9.81f);
            Assert.AreEqual(0f, y[4095]);
            Assert.ThrowsException(typeof(ArgumentException), () => new BandPassFilter(400f, 100f, 1000f));
            Assert.ThrowsException(typeof(ArgumentException), () => new BandPassFilter(100f, 600f, 1000f));
        }
    }
}
