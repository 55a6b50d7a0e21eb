using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Tests.Dsp;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Tests.Vibration
{
    [TestClass]
    public class VibrationAnalyzerTests
    {
        private const float Fs = 3200f;
        private const int N = 2048;

        [TestMethod]
        public void OrdersAndEstimatedShaftSpeed()
        {
            VibrationSettings settings = new VibrationSettings();
            float[] x = MachineSignal(24.7f, 3f, 1.5f, 0.5f);
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, N, Fs, record, 0);

            Assert.IsTrue(SignalGenerator.Near(analyzer.ShaftSpeedHz, 24.7f, 0.05f), SignalGenerator.Describe("shaft", analyzer.ShaftSpeedHz, 24.7f));
            Assert.IsTrue(SignalGenerator.Near(record.Order1[0], 3f, 0.03f), SignalGenerator.Describe("1×", record.Order1[0], 3f));
            Assert.IsTrue(SignalGenerator.Near(record.Order2[0], 1.5f, 0.015f), SignalGenerator.Describe("2×", record.Order2[0], 1.5f));
            Assert.IsTrue(SignalGenerator.Near(record.Order3[0], 0.5f, 0.005f), SignalGenerator.Describe("3×", record.Order3[0], 0.5f));
            float total = (float)Math.Sqrt(9 + 2.25 + 0.25);
            Assert.IsTrue(SignalGenerator.Near(record.VelocityRms[0], total, 0.01f * total), "overall velocity");
            Assert.AreEqual(IsoZoneLimits.ZoneC, record.IsoZone[0], "3.39 mm/s is zone C in group 2 rigid");
        }

        [TestMethod]
        public void FixedShaftSpeedIsUsedAsGiven()
        {
            VibrationSettings settings = new VibrationSettings();
            settings.ShaftSpeedHz = 24.7f;
            float[] x = MachineSignal(24.7f, 0.2f, 2f, 0.1f); // 2× dominates: an estimate would pick it, the fixed speed does not
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, N, Fs, record, 0);
            Assert.AreEqual(24.7f, analyzer.ShaftSpeedHz);
            Assert.IsTrue(SignalGenerator.Near(record.Order1[0], 0.2f, 0.01f), SignalGenerator.Describe("1×", record.Order1[0], 0.2f));
            Assert.IsTrue(SignalGenerator.Near(record.Order2[0], 2f, 0.02f), SignalGenerator.Describe("2×", record.Order2[0], 2f));
        }

        [TestMethod]
        public void DominantFrequencyIsTheLargestAccelerationPeak()
        {
            VibrationSettings settings = new VibrationSettings();
            float[] x = new float[N];
            SignalGenerator.AddSineRms(x, N, Fs, 24.7f, 0.5f);
            SignalGenerator.AddSineRms(x, N, Fs, 377.3f, 2f);
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, N, Fs, record, 2);
            Assert.IsTrue(SignalGenerator.Near(record.DominantFrequency[2], 377.3f, 0.05f), SignalGenerator.Describe("fpk", record.DominantFrequency[2], 377.3f));
            Assert.IsTrue(SignalGenerator.Near(analyzer.Peaks.AmplitudeRms(0), 2f, 0.02f), "peak amplitude RMS");
            Assert.AreEqual(2, analyzer.Peaks.Count);
        }

        [TestMethod]
        public void OuterRaceImpactsShowAtBpfoInTheEnvelopeSpectrum()
        {
            // MFPT geometry at 25 Hz, BPFO 81.12 Hz; impacts ring a 2.5 kHz resonance (1.5 ms decay) under a strong 1× component.
            VibrationSettings settings = BearingSettings();
            const float fs = 10240f;
            const int n = 8192;
            float[] x = new float[n];
            SignalGenerator.AddSineRms(x, n, fs, 25f, 3f);
            SignalGenerator.AddImpactTrain(x, n, fs, 81.125f, 2500f, 0.0015f, 8f);
            SignalGenerator.AddNoise(x, n, 0.5f, 5);
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, n, fs, record, 0);

            float binHz = fs / n;
            Assert.IsTrue(SignalGenerator.Near(analyzer.EnvelopePeakHz, 81.12f, binHz), SignalGenerator.Describe("envelope peak", analyzer.EnvelopePeakHz, 81.12f));
            Assert.IsTrue(record.Bpfo[0] > 0.5f, "BPFO envelope amplitude " + record.Bpfo[0].ToString("F3"));
            Assert.IsTrue(record.Bpfo[0] > 4f * record.Bpfi[0], "BPFO above BPFI");
            Assert.IsTrue(record.Bpfo[0] > 4f * record.Bsf[0], "BPFO above BSF");
            Assert.IsTrue(record.Bpfo[0] > 4f * record.Ftf[0], "BPFO above FTF");

            // The same machine without the defect: nothing at BPFO.
            float[] healthy = new float[n];
            SignalGenerator.AddSineRms(healthy, n, fs, 25f, 3f);
            SignalGenerator.AddNoise(healthy, n, 0.5f, 5);
            MeasurementRecord reference = new MeasurementRecord();
            analyzer.Analyze(healthy, n, fs, reference, 0);
            Assert.IsTrue(record.Bpfo[0] > 5f * reference.Bpfo[0], "defect " + record.Bpfo[0].ToString("F3") + " vs healthy " + reference.Bpfo[0].ToString("F3"));
        }

        [TestMethod]
        public void InnerRaceImpactsShowAtBpfi()
        {
            VibrationSettings settings = BearingSettings();
            const float fs = 10240f;
            const int n = 8192;
            float[] x = new float[n];
            SignalGenerator.AddImpactTrain(x, n, fs, 118.875f, 2500f, 0.0015f, 8f);
            SignalGenerator.AddNoise(x, n, 0.5f, 9);
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, n, fs, record, 1);
            Assert.IsTrue(SignalGenerator.Near(analyzer.EnvelopePeakHz, 118.88f, fs / n), SignalGenerator.Describe("envelope peak", analyzer.EnvelopePeakHz, 118.88f));
            Assert.IsTrue(record.Bpfi[1] > 4f * record.Bpfo[1], "BPFI above BPFO");
        }

        [TestMethod]
        public void AllZeroInputGivesZeroFeaturesAndNoNaN()
        {
            VibrationSettings settings = BearingSettings();
            settings.ShaftSpeedHz = 0f;
            settings.SampleRateHz = Fs;
            settings.FftSize = N;
            settings.BurstLength = N;
            settings.EnvelopeLowHz = 500f;
            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            float[] x = new float[N];
            MeasurementRecord record = new MeasurementRecord();
            Assert.IsTrue(analyzer.Analyze(x, N, Fs, record, 0));
            float[] values = AxisValues(record, 0);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.AreEqual(0f, values[i], "field " + i.ToString());
            }

            Assert.AreEqual(IsoZoneLimits.ZoneA, record.IsoZone[0]);
            Assert.AreEqual(0f, analyzer.ShaftSpeedHz);
        }

        [TestMethod]
        public void ClippedInputStaysFiniteAndShowsOddHarmonics()
        {
            VibrationSettings settings = new VibrationSettings();
            settings.ShaftSpeedHz = 50f;
            float[] x = new float[N];
            SignalGenerator.AddSineRms(x, N, Fs, 50f, 2f * SignalGenerator.StandardGravity);
            float limit = 2f * SignalGenerator.StandardGravity; // ±2 g range: clips the 2.83 g peaks
            for (int i = 0; i < N; i++)
            {
                x[i] = Math.Max(-limit, Math.Min(limit, x[i]));
            }

            VibrationAnalyzer analyzer = new VibrationAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(x, N, Fs, record, 0);
            float[] values = AxisValues(record, 0);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.IsFalse(float.IsNaN(values[i]) || float.IsInfinity(values[i]), "field " + i.ToString());
            }

            Assert.IsTrue(record.CrestFactor[0] < 1.40f, "clipping lowers the crest factor: " + record.CrestFactor[0].ToString("F3"));
            Assert.IsTrue(record.Order3[0] > 5f * record.Order2[0], "a symmetric clip makes odd harmonics");
            Assert.IsTrue(SignalGenerator.Near(record.DominantFrequency[0], 50f, 0.05f), "fundamental still dominates");
        }

        [TestMethod]
        public void ShortBurstIsRefusedAndZeroesTheAxis()
        {
            VibrationAnalyzer analyzer = new VibrationAnalyzer(new VibrationSettings());
            MeasurementRecord record = new MeasurementRecord();
            record.VelocityRms[1] = 5f;
            Assert.IsFalse(analyzer.Analyze(new float[N], N - 1, Fs, record, 1));
            Assert.AreEqual(0f, record.VelocityRms[1]);
        }

        [TestMethod]
        public void InvalidSettingsAreRejectedWithTheFieldName()
        {
            VibrationSettings settings = new VibrationSettings();
            settings.FftSize = 3000;
            Assert.IsTrue(settings.Validate().IndexOf("FftSize") >= 0);
            Assert.ThrowsException(typeof(ArgumentException), () => new VibrationAnalyzer(settings));

            settings = new VibrationSettings();
            settings.VelocityHighHz = 1700f;
            Assert.IsTrue(settings.Validate().IndexOf("Velocity band") >= 0);

            settings = new VibrationSettings();
            settings.BurstLength = 1000;
            Assert.IsTrue(settings.Validate().IndexOf("BurstLength") >= 0);

            settings = new VibrationSettings();
            settings.BearingElements = 8;
            Assert.IsTrue(settings.Validate().IndexOf("diameter") >= 0);

            Assert.IsNull(new VibrationSettings().Validate());
        }

        [TestMethod]
        public void MemoryEstimateMatchesTheInstance()
        {
            VibrationSettings settings = BearingSettings();
            Assert.AreEqual(VibrationAnalyzer.EstimateBytes(settings, false), new VibrationAnalyzer(settings).AllocatedBytes);
            Assert.AreEqual(VibrationAnalyzer.EstimateBytes(settings, true), new VibrationAnalyzer(settings, new float[8192]).AllocatedBytes);
        }

        private static VibrationSettings BearingSettings()
        {
            VibrationSettings settings = new VibrationSettings();
            settings.SampleRateHz = 10240f;
            settings.FftSize = 8192;
            settings.BurstLength = 8192;
            settings.ShaftSpeedHz = 25f;
            settings.EnvelopeLowHz = 2000f;
            settings.EnvelopeHighHz = 3000f;
            settings.BearingElements = 8;
            settings.BearingElementDiameter = 0.235f;
            settings.BearingPitchDiameter = 1.245f;
            return settings;
        }

        /// <summary>1×, 2×, 3× of the shaft with the given velocity RMS values (mm/s).</summary>
        private static float[] MachineSignal(float shaftHz, float v1, float v2, float v3)
        {
            float[] x = new float[N];
            float w = 2f * (float)Math.PI * shaftHz / 1000f;
            SignalGenerator.AddSineRms(x, N, Fs, shaftHz, v1 * w);
            SignalGenerator.AddSineRms(x, N, Fs, 2f * shaftHz, v2 * 2f * w);
            SignalGenerator.AddSineRms(x, N, Fs, 3f * shaftHz, v3 * 3f * w);
            return x;
        }

        private static float[] AxisValues(MeasurementRecord r, int a)
        {
            return new float[]
            {
                r.VelocityRms[a], r.AccelerationRms[a], r.HighFrequencyRms[a], r.Peak[a], r.PeakToPeak[a], r.CrestFactor[a],
                r.Kurtosis[a], r.Skewness[a], r.Mean[a], r.Order1[a], r.Order2[a], r.Order3[a], r.Bpfo[a], r.Bpfi[a],
                r.Bsf[a], r.Ftf[a], r.DominantFrequency[a]
            };
        }
    }
}
