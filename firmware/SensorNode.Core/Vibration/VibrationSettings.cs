using SensorNode.Core.Dsp;

namespace SensorNode.Core.Vibration
{
    /// <summary>
    /// What the vibration analysis needs from the node configuration. Plain fields with working defaults
    /// (3.2 kHz accelerometer, 2048-point FFT, ISO 10816-3 group 2 rigid). Frequencies in Hz.
    /// Call <see cref="Validate"/> (the analyzer does, and throws ArgumentException with the same message).
    /// </summary>
    public sealed class VibrationSettings
    {
        /// <summary>Accelerometer output data rate the spectra are laid out for, Hz. The rate the sensor reports
        /// at run time is used for the frequency axis, so a slightly different actual rate is fine.</summary>
        public float SampleRateHz = 3200f;

        /// <summary>FFT length N: power of two, 256 … 8192. Bin width = fs/N (1.5625 Hz by default).</summary>
        public int FftSize = 2048;

        /// <summary>Samples per axis per window (the burst read from the accelerometer), ≥ FftSize. Welch averaging
        /// uses K = 1 + (BurstLength − FftSize) / hop segments, hop = FftSize·(1 − WelchOverlap).
        /// The default (= FftSize, K = 1) keeps the 3-axis pipeline within 48 KB; raise it on PSRAM boards.</summary>
        public int BurstLength = 2048;

        /// <summary>Overlap of the Welch segments, 0 … 0.75.</summary>
        public float WelchOverlap = 0.5f;

        /// <summary>Window for every spectrum of this analyzer.</summary>
        public WindowKind Window = WindowKind.Hann;

        /// <summary>Velocity RMS band, Hz: ISO 10816/20816 use 10–1000 Hz, 2–1000 Hz for machines below 600 r/min
        /// (see <see cref="VelocityLowHzFor"/>).</summary>
        public float VelocityLowHz = 10f;
        public float VelocityHighHz = 1000f;

        /// <summary>High-frequency acceleration RMS band, Hz; the upper edge is clipped to 0.8 × fs/2 at run time
        /// (1000–1280 Hz at 3.2 kHz, the full 1–5 kHz from 12.5 kHz).</summary>
        public float HighFrequencyLowHz = 1000f;
        public float HighFrequencyHighHz = 5000f;

        /// <summary>Band-pass before envelope demodulation, Hz; upper edge clipped to 0.8 × fs/2 at run time.
        /// Put it around a structural resonance the bearing impacts excite.</summary>
        public float EnvelopeLowHz = 500f;
        public float EnvelopeHighHz = 5000f;

        /// <summary>How many spectral peaks to keep per axis (1 … 16).</summary>
        public int PeakCount = 5;

        /// <summary>Shaft speed, Hz (r/min / 60). 0 = estimate it per window from the largest velocity peak
        /// between ShaftMinHz and ShaftMaxHz.</summary>
        public float ShaftSpeedHz = 0f;
        public float ShaftMinHz = 5f;
        public float ShaftMaxHz = 100f;

        /// <summary>Half width of the order and bearing-frequency search bands, percent of the frequency
        /// (at least 2.5 bins): covers slip and speed error.</summary>
        public float FrequencyTolerancePercent = 2f;

        /// <summary>Bearing geometry; BearingElements = 0 means no bearing configured (bearing values stay 0).</summary>
        public int BearingElements = 0;
        public float BearingElementDiameter = 0f;
        public float BearingPitchDiameter = 0f;
        public float BearingContactAngleDegrees = 0f;

        /// <summary>Severity table: <see cref="IsoZones.Iso10816Part3"/> (3, default) with IsoGroup and
        /// IsoFlexibleSupport, or <see cref="IsoZones.Iso10816Part1"/> (1) with IsoClass 1 … 4.</summary>
        public int IsoStandard = IsoZones.Iso10816Part3;
        public int IsoClass = 1;
        public int IsoGroup = 2;
        public bool IsoFlexibleSupport = false;

        /// <summary>Lower velocity band edge the ISO standards ask for at this running speed.</summary>
        public static float VelocityLowHzFor(float shaftRpm)
        {
            return shaftRpm > 0f && shaftRpm < 600f ? 2f : 10f;
        }

        /// <summary>Welch segments per window.</summary>
        public int SegmentCount
        {
            get { return 1 + (BurstLength - FftSize) / Hop; }
        }

        /// <summary>Samples between the starts of successive Welch segments.</summary>
        public int Hop
        {
            get
            {
                int hop = (int)(FftSize * (1f - WelchOverlap));
                return hop < 1 ? 1 : hop;
            }
        }

        public bool HasBearing
        {
            get { return BearingElements > 0; }
        }

        /// <summary>Null when the settings are usable, else a message naming the field.</summary>
        public string Validate()
        {
            if (!(SampleRateHz >= 100f) || !(SampleRateHz <= 100000f))
            {
                return "SampleRateHz must be 100 … 100000.";
            }

            string fft = RealFft.CheckSize(FftSize);
            if (fft != null)
            {
                return "FftSize: " + fft;
            }

            if (BurstLength < FftSize || BurstLength > 65536)
            {
                return "BurstLength must be FftSize … 65536, got " + BurstLength.ToString() + ".";
            }

            if (!(WelchOverlap >= 0f) || !(WelchOverlap <= 0.75f))
            {
                return "WelchOverlap must be 0 … 0.75.";
            }

            if (Window != WindowKind.Hann && Window != WindowKind.FlatTop && Window != WindowKind.Rectangular)
            {
                return "Window is not a known window kind.";
            }

            float nyquist = 0.5f * SampleRateHz;
            float binHz = SampleRateHz / FftSize;
            if (!(VelocityLowHz >= binHz) || !(VelocityHighHz > VelocityLowHz) || !(VelocityHighHz < nyquist))
            {
                return "Velocity band must satisfy fs/N <= VelocityLowHz < VelocityHighHz < fs/2 (fs/N = "
                    + binHz.ToString("F3") + " Hz, fs/2 = " + nyquist.ToString("F1") + " Hz).";
            }

            if (!(HighFrequencyLowHz > 0f) || !(HighFrequencyHighHz > HighFrequencyLowHz))
            {
                return "High-frequency band must satisfy 0 < HighFrequencyLowHz < HighFrequencyHighHz.";
            }


            if (PeakCount < 1 || PeakCount > 16)
            {
                return "PeakCount must be 1 … 16.";
            }

            if (!(ShaftSpeedHz >= 0f) || !(ShaftSpeedHz < nyquist / 3f))
            {
                return "ShaftSpeedHz must be 0 (estimate) or below fs/6.";
            }

            if (ShaftSpeedHz == 0f && (!(ShaftMinHz >= binHz) || !(ShaftMaxHz > ShaftMinHz) || !(ShaftMaxHz < nyquist)))
            {
                return "Shaft estimation range must satisfy fs/N <= ShaftMinHz < ShaftMaxHz < fs/2.";
            }

            if (!(FrequencyTolerancePercent >= 0f) || !(FrequencyTolerancePercent <= 20f))
            {
                return "FrequencyTolerancePercent must be 0 … 20.";
            }

            if (BearingElements != 0)
            {
                string bearing = BearingGeometry.Check(BearingElements, BearingElementDiameter, BearingPitchDiameter, BearingContactAngleDegrees);
                if (bearing != null)
                {
                    return bearing;
                }

                // The envelope band matters only with a bearing to look for.
                if (!(EnvelopeLowHz > 0f) || !(EnvelopeHighHz > EnvelopeLowHz) || !(EnvelopeLowHz < 0.8f * nyquist - 2f * binHz))
                {
                    return "Envelope band must satisfy 0 < EnvelopeLowHz < EnvelopeHighHz and EnvelopeLowHz below 0.8 × fs/2 (fs/2 = "
                        + nyquist.ToString("F1") + " Hz).";
                }
            }

            if (IsoStandard == IsoZones.Iso10816Part1)
            {
                if (IsoClass < 1 || IsoClass > 4)
                {
                    return "IsoClass must be 1 … 4 (I … IV) for ISO 10816-1.";
                }
            }
            else if (IsoStandard == IsoZones.Iso10816Part3)
            {
                if (IsoGroup < 1 || IsoGroup > 2)
                {
                    return "IsoGroup must be 1 or 2 for ISO 10816-3 / 20816-3.";
                }
            }
            else
            {
                return "IsoStandard must be 1 (ISO 10816-1) or 3 (ISO 10816-3 / 20816-3).";
            }

            return null;
        }
    }
}
