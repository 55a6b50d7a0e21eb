using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Tests.Dsp;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Tests.Vibration
{
    /// <summary>Velocity RMS by frequency-domain integration against the golden vectors of
    /// ../shared/reference/peers-and-standards.md §b3 (v = a / 2πf), within 1 %.</summary>
    [TestClass]
    public class VelocityRmsTests
    {
        [TestMethod]
        [DataRow(159.15f, 1.0f, 1.000f)]
        [DataRow(100f, 9.80665f, 15.61f)]
        [DataRow(63.7f, 0.5f, 1.249f)]
        [DataRow(12.5f, 0.2f, 2.546f)]
        public void GoldenVectorsOnTheDefaultBand(float frequencyHz, float accelerationRms, float expectedMmPerS)
        {
            VibrationSettings settings = new VibrationSettings();
            float v = VelocityOf(settings, frequencyHz, accelerationRms, 2048);
            Assert.IsTrue(SignalGenerator.Near(v, expectedMmPerS, 0.01f * expectedMmPerS), SignalGenerator.Describe("velocity RMS", v, expectedMmPerS));
        }

        [TestMethod]
        public void OneGAtOneKilohertzIs1561MicrometresPerSecondInsideTheBand()
        {
            // 1 kHz sits on the default upper edge (half its main lobe outside); widen the band so it is inside.
            VibrationSettings settings = new VibrationSettings();
            settings.VelocityHighHz = 1100f;
            float v = VelocityOf(settings, 1000f, SignalGenerator.StandardGravity, 2048);
            Assert.IsTrue(SignalGenerator.Near(v, 1.561f, 0.01f * 1.561f), SignalGenerator.Describe("velocity RMS", v, 1.561f));
        }

        [TestMethod]
        public void WelchAveragingOverALongerBurstGivesTheSameValue()
        {
            VibrationSettings settings = new VibrationSettings();
            settings.BurstLength = 4096; // 3 segments at 50 % overlap
            Assert.AreEqual(3, settings.SegmentCount);
            float v = VelocityOf(settings, 159.15f, 1f, 4096);
            Assert.IsTrue(SignalGenerator.Near(v, 1f, 0.01f), SignalGenerator.Describe("velocity RMS", v, 1f));
        }

        [TestMethod]
        public void GravityAndOtherDcDoNotCount()
        {
            VibrationSettings settings = new VibrationSettings();
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            float[] x = new float[2048];
            SignalGenerator.Fill(x, SignalGenerator.StandardGravity);
            SignalGenerator.AddSineRms(x, 2048, 3200f, 100f, SignalGenerator.StandardGravity);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, 2048, 3200f, record, 1);
            Assert.IsTrue(SignalGenerator.Near(record.VelocityRms[1], 15.61f, 0.156f), SignalGenerator.Describe("velocity", record.VelocityRms[1], 15.61f));
            Assert.IsTrue(SignalGenerator.Near(record.Mean[1], 9.80665f, 0.01f), "mean keeps gravity");
        }

        [TestMethod]
        public void SlowMachineBandFrom2HzIncludesWhatTheDefaultBandExcludes()
        {
            // 5 Hz (300 r/min): outside 10–1000 Hz, inside 2–1000 Hz. N = 8192 for 0.39 Hz bins.
            VibrationSettings settings = new VibrationSettings();
            settings.FftSize = 8192;
            settings.BurstLength = 8192;
            float expected = 1000f / (2f * (float)Math.PI * 5f); // 1 m/s² RMS → 31.83 mm/s
            float excluded = VelocityOf(settings, 5f, 1f, 8192);
            Assert.IsTrue(excluded < 0.01f * expected, "5 Hz leaks into the 10 Hz band: " + excluded.ToString("F4"));

            settings.VelocityLowHz = VibrationSettings.VelocityLowHzFor(300f);
            Assert.AreEqual(2f, settings.VelocityLowHz);
            float included = VelocityOf(settings, 5f, 1f, 8192);
            Assert.IsTrue(SignalGenerator.Near(included, expected, 0.01f * expected), SignalGenerator.Describe("velocity RMS", included, expected));
            Assert.AreEqual(10f, VibrationSettings.VelocityLowHzFor(1480f));
        }

        [TestMethod]
        public void SeveralTonesAddInPower()
        {
            VibrationSettings settings = new VibrationSettings();
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            float[] x = new float[2048];
            SignalGenerator.AddSineRms(x, 2048, 3200f, 50f, 2f * (float)Math.PI * 50f * 0.003f);   // 3 mm/s
            SignalGenerator.AddSineRms(x, 2048, 3200f, 230.3f, 2f * (float)Math.PI * 230.3f * 0.004f); // 4 mm/s
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, 2048, 3200f, record, 0);
            Assert.IsTrue(SignalGenerator.Near(record.VelocityRms[0], 5f, 0.05f), SignalGenerator.Describe("velocity", record.VelocityRms[0], 5f));
        }

        [TestMethod]
        public void HighFrequencyBandSeesOnlyItsBand()
        {
            VibrationSettings settings = new VibrationSettings();
            settings.SampleRateHz = 12800f;
            settings.FftSize = 4096;
            settings.BurstLength = 4096;
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            float[] x = new float[4096];
            SignalGenerator.AddSineRms(x, 4096, 12800f, 200f, 5f);
            SignalGenerator.AddSineRms(x, 4096, 12800f, 3000f, 2f);
            SignalGenerator.AddSineRms(x, 4096, 12800f, 4000f, 1.5f);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, 4096, 12800f, record, 2);
            float expected = 2.5f; // sqrt(2² + 1.5²); 200 Hz is below the 1–5 kHz band
            Assert.IsTrue(SignalGenerator.Near(record.HighFrequencyRms[2], expected, 0.01f * expected), SignalGenerator.Describe("HF RMS", record.HighFrequencyRms[2], expected));
            float whole = (float)Math.Sqrt(25 + 4 + 2.25);
            Assert.IsTrue(SignalGenerator.Near(record.AccelerationRms[2], whole, 0.01f * whole), "whole-band acceleration RMS");
        }

        [TestMethod]
        public void HighFrequencyBandIsClippedByTheSampleRate()
        {
            // At 3.2 kHz the band is 1000–1280 Hz: a 1.5 kHz tone is outside it.
            VibrationSettings settings = new VibrationSettings();
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            float[] x = new float[2048];
            SignalGenerator.AddSineRms(x, 2048, 3200f, 1500f, 3f);
            SignalGenerator.AddSineRms(x, 2048, 3200f, 1150f, 1f);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, 2048, 3200f, record, 0);
            Assert.IsTrue(SignalGenerator.Near(record.HighFrequencyRms[0], 1f, 0.01f), SignalGenerator.Describe("HF RMS", record.HighFrequencyRms[0], 1f));
        }

        private static float VelocityOf(VibrationSettings settings, float frequencyHz, float accelerationRms, int count)
        {
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            float[] x = new float[count];
            SignalGenerator.AddSineRms(x, count, settings.SampleRateHz, frequencyHz, accelerationRms);
            MeasurementRecord record = new MeasurementRecord();
            Assert.IsTrue(analyzer.Analyze(x, count, settings.SampleRateHz, record, 0));
            return record.VelocityRms[0];
        }
    }
}
