using SensorNode.Core.Dsp;

namespace SensorNode.Core.Current
{
    /// <summary>
    /// CT clamp on an ADC channel: sampling, calibration, electrical assumptions and the running threshold.
    /// Defaults: SCT-013-000 (100 A : 50 mA, 2000 turns) on a 22 Ω burden, 12-bit ADC at 3.3 V, 230 V single phase.
    /// Amps per ADC code = AdcReferenceVolts / FullScaleCode / BurdenOhms × TurnsRatio (0.0733 A by default).
    /// </summary>
    public sealed class CurrentSettings
    {
        /// <summary>Target ADC sample rate, Hz (the achieved rate reported by the ADC is used at run time).</summary>
        public float SampleRateHz = 2000f;

        /// <summary>Samples per window, 256 … 16384 (512 at 2 kHz = 256 ms ≈ 12.8 cycles at 50 Hz). RMS uses all of
        /// them (whole cycles); the spectrum (line frequency, THD) uses the first <see cref="FftSize"/>.</summary>
        public int SampleCount = 512;

        /// <summary>CT turns ratio (secondary turns per primary turn).</summary>
        public float TurnsRatio = 2000f;

        /// <summary>Burden resistor, Ω.</summary>
        public float BurdenOhms = 22f;

        /// <summary>ADC reference (full-scale) voltage, V.</summary>
        public float AdcReferenceVolts = 3.3f;

        /// <summary>Code read at the reference voltage (4095 for 12 bits).</summary>
        public int FullScaleCode = 4095;

        /// <summary>Calibration trim: I = GainTrim × I_measured + OffsetTrimAmps (from a reference meter), floored at 0.</summary>
        public float GainTrim = 1f;
        public float OffsetTrimAmps = 0f;

        /// <summary>Nominal voltage, V: phase voltage for single phase, line-to-line for three phase.</summary>
        public float NominalVoltage = 230f;

        /// <summary>Balanced three-phase load measured on one phase: S = √3 · V_LL · I.</summary>
        public bool ThreePhase = false;

        /// <summary>Assumed power factor for energy: kWh accumulates S × PF.</summary>
        public float PowerFactor = 0.85f;

        /// <summary>THD over harmonics 2 … HarmonicCount (harmonics above 0.8 × fs/2 are left out).</summary>
        public int HarmonicCount = 13;

        /// <summary>Where the fundamental is searched, Hz.</summary>
        public float LineFrequencyMinHz = 40f;
        public float LineFrequencyMaxHz = 70f;

        /// <summary>Running when I ≥ RunningThresholdAmps; idle again only when I &lt; RunningThresholdAmps − HysteresisAmps.</summary>
        public float RunningThresholdAmps = 0.5f;
        public float HysteresisAmps = 0.1f;

        /// <summary>FFT length used for the spectrum: the largest power of two ≤ SampleCount (at most 8192).</summary>
        public int FftSize
        {
            get { return FftSizeFor(SampleCount); }
        }

        /// <summary>Largest power of two ≤ <paramref name="sampleCount"/>, clipped to 256 … 8192.</summary>
        public static int FftSizeFor(int sampleCount)
        {
            int n = RealFft.MinSize;
            while (n * 2 <= sampleCount && n * 2 <= RealFft.MaxSize)
            {
                n *= 2;
            }

            return n;
        }

        /// <summary>Amps per ADC code before trim.</summary>
        public float AmpsPerCode
        {
            get { return AdcReferenceVolts / FullScaleCode / BurdenOhms * TurnsRatio; }
        }

        /// <summary>Null when the settings are usable, else a message naming the field.</summary>
        public string Validate()
        {
            if (!(SampleRateHz >= 200f) || !(SampleRateHz <= 100000f))
            {
                return "Current SampleRateHz must be 200 … 100000.";
            }

            if (SampleCount < RealFft.MinSize || SampleCount > 2 * RealFft.MaxSize)
            {
                return "Current SampleCount must be 256 … 16384, got " + SampleCount.ToString() + ".";
            }

            if (!(TurnsRatio > 0f) || !(BurdenOhms > 0f) || !(AdcReferenceVolts > 0f) || FullScaleCode < 1 || FullScaleCode > 65535)
            {
                return "Current calibration needs TurnsRatio > 0, BurdenOhms > 0, AdcReferenceVolts > 0 and FullScaleCode 1 … 65535.";
            }

            if (!(GainTrim > 0f) || !(GainTrim <= 10f) || float.IsNaN(OffsetTrimAmps) || float.IsInfinity(OffsetTrimAmps))
            {
                return "Current GainTrim must be 0 … 10 (exclusive of 0) and OffsetTrimAmps finite.";
            }

            if (!(NominalVoltage >= 0f) || !(NominalVoltage <= 100000f))
            {
                return "NominalVoltage must be 0 … 100000 V.";
            }

            if (!(PowerFactor >= 0f) || !(PowerFactor <= 1f))
            {
                return "PowerFactor must be 0 … 1.";
            }

            if (HarmonicCount < 2 || HarmonicCount > 50)
            {
                return "HarmonicCount must be 2 … 50.";
            }

            float binHz = SampleRateHz / FftSize;
            if (!(LineFrequencyMinHz >= 3f * binHz) || !(LineFrequencyMaxHz > LineFrequencyMinHz) || !(LineFrequencyMaxHz < 0.4f * SampleRateHz))
            {
                return "Line frequency range must satisfy 3·fs/N <= LineFrequencyMinHz < LineFrequencyMaxHz < 0.4·fs.";
            }

            if (!(RunningThresholdAmps >= 0f) || !(HysteresisAmps >= 0f) || !(HysteresisAmps <= RunningThresholdAmps))
            {
                return "Running threshold and hysteresis must satisfy 0 <= HysteresisAmps <= RunningThresholdAmps.";
            }

            return null;
        }
    }
}
