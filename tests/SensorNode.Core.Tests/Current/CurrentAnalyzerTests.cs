using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Current;
using SensorNode.Core.Features;
using SensorNode.Core.Tests.Dsp;

namespace SensorNode.Core.Tests.Current
{
    /// <summary>CT-clamp current on synthetic 12-bit ADC codes: bias, quantisation, harmonics, clipping.</summary>
    [TestClass]
    public class CurrentAnalyzerTests
    {
        private const float Bias = 2048f;

        [TestMethod]
        [DataRow(50f, 10f)]
        [DataRow(60f, 10f)]
        [DataRow(49.7f, 2.5f)]
        [DataRow(50.3f, 60f)]
        public void RmsAndLineFrequencyOfASineOnTheBias(float lineHz, float amps)
        {
            CurrentSettings settings = new CurrentSettings();
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            ushort[] codes = Codes(settings, lineHz, amps, null);
            MeasurementRecord record = new MeasurementRecord();
            Assert.IsTrue(analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record));

            // 1 % for the RMS (quantisation is 0.073 A per code), 0.05 Hz for the line frequency.
            Assert.IsTrue(SignalGenerator.Near(record.CurrentRms, amps, 0.01f * amps + 0.02f), SignalGenerator.Describe("Irms", record.CurrentRms, amps));
            Assert.IsTrue(SignalGenerator.Near(record.LineFrequencyHz, lineHz, 0.05f), SignalGenerator.Describe("line frequency", record.LineFrequencyHz, lineHz));
            Assert.IsTrue(SignalGenerator.Near(record.CurrentCrestFactor, 1.414f, 0.03f), SignalGenerator.Describe("crest", record.CurrentCrestFactor, 1.414f));
            Assert.IsTrue(SignalGenerator.Near(analyzer.OffsetCodes, Bias, 1f), "bias removed");
            Assert.IsTrue(record.CurrentThdPercent < 1f, "pure sine: THD " + record.CurrentThdPercent.ToString("F2"));
            Assert.IsTrue(record.HasCurrent);
        }

        [TestMethod]
        public void ThdOfKnownHarmonics()
        {
            // 3rd at 10 %, 5th at 5 %, 7th at 3 %: THD = sqrt(0.01 + 0.0025 + 0.0009) = 11.58 %.
            CurrentSettings settings = new CurrentSettings();
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            float[] harmonics = { 0f, 1f, 0f, 0.10f, 0f, 0.05f, 0f, 0.03f };
            ushort[] codes = Codes(settings, 50f, 20f, harmonics);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record);
            Assert.IsTrue(SignalGenerator.Near(record.CurrentThdPercent, 11.58f, 0.15f), SignalGenerator.Describe("THD %", record.CurrentThdPercent, 11.58f));
            float fundamental = 20f;
            float total = fundamental * (float)Math.Sqrt(1 + 0.0134);
            Assert.IsTrue(SignalGenerator.Near(record.CurrentRms, total, 0.01f * total), SignalGenerator.Describe("Irms", record.CurrentRms, total));
            Assert.IsTrue(SignalGenerator.Near(analyzer.HarmonicRms(1), fundamental, 0.01f * fundamental), "fundamental RMS");
            Assert.IsTrue(SignalGenerator.Near(analyzer.HarmonicRms(3), 2f, 0.05f), "3rd harmonic RMS " + analyzer.HarmonicRms(3).ToString("F3"));
        }

        [TestMethod]
        public void HarmonicsAboveTheUsableBandAreLeftOut()
        {
            // At 2 kHz, 0.4·fs = 800 Hz: harmonics above the 15th of 50 Hz cannot count; HarmonicCount 40 is accepted.
            CurrentSettings settings = new CurrentSettings();
            settings.HarmonicCount = 40;
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            float[] harmonics = { 0f, 1f, 0f, 0.2f };
            ushort[] codes = Codes(settings, 50f, 10f, harmonics);
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record);
            Assert.IsTrue(SignalGenerator.Near(record.CurrentThdPercent, 20f, 0.3f), SignalGenerator.Describe("THD %", record.CurrentThdPercent, 20f));
            Assert.AreEqual(0f, analyzer.HarmonicRms(20));
        }

        [TestMethod]
        public void BiasOnlyAndAllZeroCodesGiveZeroAmpsAndNoNaN()
        {
            CurrentSettings settings = new CurrentSettings();
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            ushort[] codes = new ushort[settings.SampleCount];
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 1000, record);
            AssertZero(record);
            Assert.AreEqual(codes.Length, analyzer.ClippedSamples, "code 0 counts as clipped");

            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = (ushort)(i % 3 == 0 ? 2049 : 2048); // one code of noise
            }

            analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 1000, record);
            Assert.IsTrue(record.CurrentRms < 0.05f, "noise below a code: " + record.CurrentRms.ToString("F3"));
            Assert.AreEqual(0f, record.LineFrequencyHz, "no line frequency without signal");
            Assert.AreEqual(0f, record.CurrentThdPercent);
            Assert.IsFalse(record.Running);
        }

        [TestMethod]
        public void ClippingIsCountedAndLowersTheCrestFactor()
        {
            CurrentSettings settings = new CurrentSettings();
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            ushort[] codes = Codes(settings, 50f, 150f, null); // 150 A on a 100 A CT: ±2894 codes around 2048
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record);
            Assert.IsTrue(analyzer.ClippedSamples > 50, "clipped samples " + analyzer.ClippedSamples.ToString());
            Assert.IsTrue(record.CurrentCrestFactor < 1.3f, "crest " + record.CurrentCrestFactor.ToString("F3"));
            Assert.IsTrue(record.CurrentRms < 150f && record.CurrentRms > 100f, "clipped RMS reads low: " + record.CurrentRms.ToString("F1"));
            Assert.IsTrue(record.CurrentThdPercent > 5f, "clipping shows as distortion");
        }

        [TestMethod]
        public void CalibrationScalesAndTrims()
        {
            CurrentSettings settings = new CurrentSettings();
            Assert.IsTrue(SignalGenerator.Near(settings.AmpsPerCode, 3.3f / 4095f / 22f * 2000f, 1e-6f));
            ushort[] codes = Codes(settings, 50f, 10f, null);
            settings.GainTrim = 1.05f;
            settings.OffsetTrimAmps = -0.2f;
            CurrentAnalyzer trimmed = new CurrentAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            trimmed.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record);
            float expected = 10f * 1.05f - 0.2f;
            Assert.IsTrue(SignalGenerator.Near(record.CurrentRms, expected, 0.01f * expected), SignalGenerator.Describe("trimmed Irms", record.CurrentRms, expected));

            // A different CT and burden: 30 A : 1 V type (1800 turns, 60 Ω) reads the same codes as less current.
            settings = new CurrentSettings();
            settings.TurnsRatio = 1800f;
            settings.BurdenOhms = 60f;
            CurrentAnalyzer other = new CurrentAnalyzer(settings);
            other.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record);
            float scaled = 10f * (1800f / 60f) / (2000f / 22f);
            Assert.IsTrue(SignalGenerator.Near(record.CurrentRms, scaled, 0.01f * scaled), SignalGenerator.Describe("rescaled Irms", record.CurrentRms, scaled));
        }

        [TestMethod]
        public void ApparentPowerAndEnergyAccumulateOverElapsedTime()
        {
            CurrentSettings settings = new CurrentSettings();
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            ushort[] codes = Codes(settings, 50f, 10f, null);
            MeasurementRecord record = new MeasurementRecord();

            // 360 windows 10 s apart = 1 h at 10 A, 230 V, PF 0.85 → 2300 VA, 1.955 kWh.
            for (int i = 0; i < 360; i++)
            {
                analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 10000, record);
            }

            float va = record.ApparentPowerVa;
            Assert.IsTrue(SignalGenerator.Near(va, 2300f, 23f), SignalGenerator.Describe("VA", va, 2300f));
            double expectedKwh = va * 0.85 / 1000.0;
            Assert.IsTrue(Math.Abs(record.EnergyKwh - expectedKwh) < 1e-6 * 360, "kWh " + record.EnergyKwh.ToString("F6") + " vs " + expectedKwh.ToString("F6"));
            Assert.IsTrue(Math.Abs(record.RunHours - 1.0) < 1e-9, "run hours " + record.RunHours.ToString("F6"));
            Assert.AreEqual(1, record.StartCount);

            settings.ThreePhase = true;
            settings.NominalVoltage = 400f;
            CurrentAnalyzer threePhase = new CurrentAnalyzer(settings);
            threePhase.Analyze(codes, codes.Length, settings.SampleRateHz, 0, record);
            Assert.IsTrue(SignalGenerator.Near(record.ApparentPowerVa, 1.7320508f * 400f * record.CurrentRms, 1f), "three-phase VA");
            Assert.AreEqual(0.0, record.EnergyKwh, "no elapsed time, no energy");
        }

        [TestMethod]
        public void RunStateHasHysteresisAndCountsStarts()
        {
            // Threshold 2 A, hysteresis 0.5 A: on at ≥ 2 A, off again only below 1.5 A.
            CurrentSettings settings = new CurrentSettings();
            settings.RunningThresholdAmps = 2f;
            settings.HysteresisAmps = 0.5f;
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            float[] steps = { 0f, 1.8f, 2.3f, 1.7f, 1.6f, 1.3f, 1.8f, 2.2f, 8f, 0f, 2.4f };
            bool[] running = { false, false, true, true, true, false, false, true, true, false, true };
            int[] starts = { 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3 };
            for (int i = 0; i < steps.Length; i++)
            {
                ushort[] codes = Codes(settings, 50f, steps[i], null);
                analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 60000, record);
                Assert.AreEqual(running[i], record.Running, "step " + i.ToString() + " at " + steps[i].ToString("F1") + " A");
                Assert.AreEqual(starts[i], record.StartCount, "starts after step " + i.ToString());
            }

            // Running during steps 2,3,4,7,8,10: six minutes.
            Assert.IsTrue(Math.Abs(record.RunHours - 0.1) < 1e-9, "run hours " + record.RunHours.ToString("F6"));

            analyzer.RestoreTotals(12.5, 100.0, 42, false);
            analyzer.Analyze(Codes(settings, 50f, 0f, null), settings.SampleCount, settings.SampleRateHz, 0, record);
            Assert.AreEqual(42, record.StartCount);
            Assert.AreEqual(12.5, record.EnergyKwh);
        }

        [TestMethod]
        public void ShortReadIsRefusedAndLeavesTotalsAlone()
        {
            CurrentSettings settings = new CurrentSettings();
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings);
            MeasurementRecord record = new MeasurementRecord();
            ushort[] codes = Codes(settings, 50f, 10f, null);
            analyzer.Analyze(codes, codes.Length, settings.SampleRateHz, 1000, record);
            double energy = analyzer.EnergyKwh;
            Assert.IsFalse(analyzer.Analyze(codes, 100, settings.SampleRateHz, 1000, record));
            Assert.IsFalse(record.HasCurrent);
            Assert.AreEqual(energy, analyzer.EnergyKwh);
        }

        [TestMethod]
        public void AchievedSampleRateIsUsedForTheFrequencyAxis()
        {
            // The ADC ran at 1870 Hz instead of 2000 Hz; the line frequency must still read 50 Hz.
            CurrentSettings settings = new CurrentSettings();
            settings.SampleRateHz = 1870f;
            ushort[] codes = Codes(settings, 50f, 10f, null);
            CurrentAnalyzer analyzer = new CurrentAnalyzer(new CurrentSettings());
            MeasurementRecord record = new MeasurementRecord();
            analyzer.Analyze(codes, codes.Length, 1870f, 0, record);
            Assert.IsTrue(SignalGenerator.Near(record.LineFrequencyHz, 50f, 0.05f), SignalGenerator.Describe("line frequency", record.LineFrequencyHz, 50f));
        }

        [TestMethod]
        [DataRow(1000, 5000f, 512, 1000)]
        [DataRow(1600, 8000f, 1024, 1600)]
        [DataRow(256, 1280f, 256, 256)]
        [DataRow(1150, 5000f, 1024, 1100)]
        public void SampleCountNeedNotBeAPowerOfTwo(int count, float rate, int fftSize, int wholeCycleSpan)
        {
            // 200 ms windows: RMS over all whole cycles in the window, spectrum over the first power of two.
            CurrentSettings settings = new CurrentSettings();
            settings.SampleCount = count;
            settings.SampleRateHz = rate;
            Assert.IsNull(settings.Validate());
            Assert.AreEqual(fftSize, settings.FftSize);
            CurrentAnalyzer analyzer = new CurrentAnalyzer(settings, new float[fftSize]);
            ushort[] codes = Codes(settings, 50f, 7f, new float[] { 0f, 1f, 0f, 0.1f });
            MeasurementRecord record = new MeasurementRecord();
            Assert.IsTrue(analyzer.Analyze(codes, count, rate, 0, record));
            float expected = 7f * (float)Math.Sqrt(1.01);
            Assert.IsTrue(SignalGenerator.Near(record.CurrentRms, expected, 0.01f * expected), SignalGenerator.Describe("Irms", record.CurrentRms, expected));
            Assert.IsTrue(SignalGenerator.Near(record.LineFrequencyHz, 50f, 0.05f), SignalGenerator.Describe("line frequency", record.LineFrequencyHz, 50f));
            Assert.IsTrue(SignalGenerator.Near(record.CurrentThdPercent, 10f, 0.3f), SignalGenerator.Describe("THD", record.CurrentThdPercent, 10f));
            Assert.AreEqual(wholeCycleSpan, analyzer.RmsSpan, "RMS over whole cycles");
        }

        [TestMethod]
        public void InvalidSettingsAreRejected()
        {
            CurrentSettings settings = new CurrentSettings();
            settings.SampleCount = 100;
            Assert.IsTrue(settings.Validate().IndexOf("SampleCount") >= 0);
            Assert.ThrowsException(typeof(ArgumentException), () => new CurrentAnalyzer(settings));
            settings = new CurrentSettings();
            settings.HysteresisAmps = 1f;
            Assert.IsNotNull(settings.Validate());
            settings = new CurrentSettings();
            settings.BurdenOhms = 0f;
            Assert.IsNotNull(settings.Validate());
            settings = new CurrentSettings();
            settings.PowerFactor = 1.2f;
            Assert.IsNotNull(settings.Validate());
            Assert.IsNull(new CurrentSettings().Validate());
        }

        /// <summary>Codes of a current with RMS <paramref name="amps"/> for the fundamental and optional relative harmonics.</summary>
        internal static ushort[] Codes(CurrentSettings settings, float lineHz, float amps, float[] relativeHarmonics)
        {
            float peakCodes = amps * (float)Math.Sqrt(2) / settings.AmpsPerCode;
            float[] amplitudes = relativeHarmonics == null ? new float[] { 0f, 1f } : new float[relativeHarmonics.Length];
            if (relativeHarmonics != null)
            {
                Array.Copy(relativeHarmonics, amplitudes, relativeHarmonics.Length);
            }

            for (int h = 0; h < amplitudes.Length; h++)
            {
                amplitudes[h] *= peakCodes;
            }

            ushort[] codes = new ushort[settings.SampleCount];
            SignalGenerator.CurrentCodes(codes, codes.Length, settings.SampleRateHz, lineHz, Bias, amplitudes, settings.FullScaleCode);
            return codes;
        }

        private static void AssertZero(MeasurementRecord r)
        {
            Assert.AreEqual(0f, r.CurrentRms);
            Assert.AreEqual(0f, r.CurrentCrestFactor);
            Assert.AreEqual(0f, r.LineFrequencyHz);
            Assert.AreEqual(0f, r.CurrentThdPercent);
            Assert.AreEqual(0f, r.ApparentPowerVa);
            Assert.AreEqual(0.0, r.EnergyKwh);
            Assert.IsFalse(r.Running);
        }
    }
}
