using System;
using SensorNode.Core.Dsp;
using SensorNode.Core.Features;

namespace SensorNode.Core.Current
{
    /// <summary>
    /// Motor current from a CT clamp, one window of raw ADC codes at a time, plus the running totals
    /// (energy, run hours, starts). Allocates its tables once; <see cref="Analyze"/> allocates nothing.
    /// Per window: the code mean is the DC bias; a Hann-windowed FFT of the AC part gives the line frequency
    /// (interpolated peak in the configured range) and the harmonic powers (energy within ±2.5 bins of h·f0) for
    /// THD; RMS, peak and crest factor are computed in the time domain over the largest whole number of line cycles
    /// (whole window when no line frequency was found), so a partial cycle does not bias them.
    /// Each window's power and run state stand for the elapsed time since the previous window.
    /// </summary>
    public sealed class CurrentAnalyzer
    {
        /// <summary>Below this AC RMS (ADC codes) the channel carries no usable signal: frequency and THD are 0.</summary>
        public const float MinimumSignalCodes = 2f;
        private const float HalfWidthBins = 2.5f;
        private const float Sqrt3 = 1.7320508f;

        private readonly int _n;      // FFT length
        private readonly int _count;  // samples per window
        private readonly RealFft _fft;
        private readonly Window _window;
        private readonly float[] _work;
        private readonly bool _ownsWork;
        private readonly float[] _harmonicRms; // index h = 1 … HarmonicCount, amps
        private readonly float _ampsPerCode;
        private readonly float _gainTrim, _offsetTrim, _voltage, _powerFactor, _fMin, _fMax, _onAmps, _offAmps, _defaultRate;
        private readonly bool _threePhase;
        private readonly int _harmonics;
        private readonly int _fullScale;

        public CurrentAnalyzer(CurrentSettings settings) : this(settings, null)
        {
        }

        /// <summary><paramref name="sharedWork"/>: a work buffer of at least FftSize floats used only during
        /// <see cref="Analyze"/> (may be shared with the vibration analyzer); null allocates one.</summary>
        public CurrentAnalyzer(CurrentSettings settings, float[] sharedWork)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            string error = settings.Validate();
            if (error != null)
            {
                throw new ArgumentException(error, "settings");
            }

            _count = settings.SampleCount;
            _n = settings.FftSize;
            _fft = new RealFft(_n);
            _window = new Window(WindowKind.Hann, _n);
            if (sharedWork != null)
            {
                if (sharedWork.Length < _n)
                {
                    throw new ArgumentException("The shared work buffer must hold FftSize floats.", "sharedWork");
                }

                _work = sharedWork;
            }
            else
            {
                _work = new float[_n];
                _ownsWork = true;
            }

            _harmonics = settings.HarmonicCount;
            _harmonicRms = new float[_harmonics + 1];
            _ampsPerCode = settings.AmpsPerCode;
            _gainTrim = settings.GainTrim;
            _offsetTrim = settings.OffsetTrimAmps;
            _voltage = settings.NominalVoltage;
            _threePhase = settings.ThreePhase;
            _powerFactor = settings.PowerFactor;
            _fMin = settings.LineFrequencyMinHz;
            _fMax = settings.LineFrequencyMaxHz;
            _onAmps = settings.RunningThresholdAmps;
            _offAmps = settings.RunningThresholdAmps - settings.HysteresisAmps;
            _fullScale = settings.FullScaleCode;
            _defaultRate = settings.SampleRateHz;
        }

        /// <summary>Bytes this configuration allocates (array payloads), with or without its own work buffer.</summary>
        public static int EstimateBytes(CurrentSettings settings, bool sharedWork)
        {
            int n = settings.FftSize;
            return RealFft.TableBytes(n) + Window.TableBytes(n) + (sharedWork ? 0 : 4 * n) + 4 * (settings.HarmonicCount + 1);
        }

        public int AllocatedBytes
        {
            get { return _fft.AllocatedBytes + _window.AllocatedBytes + (_ownsWork ? 4 * _work.Length : 0) + 4 * _harmonicRms.Length; }
        }

        /// <summary>Samples per window.</summary>
        public int SampleCount
        {
            get { return _count; }
        }

        /// <summary>FFT length of the spectrum (largest power of two ≤ SampleCount).</summary>
        public int FftSize
        {
            get { return _n; }
        }

        /// <summary>Amps per ADC code before trim.</summary>
        public float AmpsPerCode
        {
            get { return _ampsPerCode; }
        }

        /// <summary>DC bias of the last window, ADC codes.</summary>
        public float OffsetCodes { get; private set; }

        /// <summary>Samples at 0 or full scale in the last window: the burden/bias lets the signal clip.</summary>
        public int ClippedSamples { get; private set; }

        /// <summary>Samples (whole line cycles) the RMS of the last window was taken over.</summary>
        public int RmsSpan { get; private set; }

        public float CurrentRms { get; private set; }

        public float CrestFactor { get; private set; }

        public float LineFrequencyHz { get; private set; }

        public float ThdPercent { get; private set; }

        public float ApparentPowerVa { get; private set; }

        public double EnergyKwh { get; private set; }

        public double RunHours { get; private set; }

        public int StartCount { get; private set; }

        public bool Running { get; private set; }

        /// <summary>RMS of harmonic h (1 = fundamental) in the last window, A (trimmed gain); 0 above the usable band.</summary>
        public float HarmonicRms(int h)
        {
            return h >= 1 && h <= _harmonics ? _harmonicRms[h] : 0f;
        }

        /// <summary>Restores the running totals (e.g. from flash after a reboot).</summary>
        public void RestoreTotals(double energyKwh, double runHours, int startCount, bool running)
        {
            EnergyKwh = energyKwh > 0 ? energyKwh : 0;
            RunHours = runHours > 0 ? runHours : 0;
            StartCount = startCount > 0 ? startCount : 0;
            Running = running;
        }

        /// <summary>
        /// Analyzes codes[0 … count − 1] (count ≥ SampleCount; SampleCount are used) taken at <paramref name="sampleRateHz"/> (≤ 0: the configured rate),
        /// accumulates energy and run time over <paramref name="elapsedMs"/> (time since the previous window; ≤ 0 adds
        /// nothing) and fills the current fields of <paramref name="record"/>. Returns false when fewer than
        /// SampleCount codes were read: the window is skipped and the totals are left as they were.
        /// </summary>
        public bool Analyze(ushort[] codes, int count, float sampleRateHz, long elapsedMs, MeasurementRecord record)
        {
            if (codes == null || count < _count || codes.Length < _count)
            {
                record.HasCurrent = false;
                return false;
            }

            float fs = sampleRateHz > 0f ? sampleRateHz : _defaultRate;
            int n = _n;
            float[] work = _work;

            long sum = 0;
            int clipped = 0;
            int top = _fullScale;
            for (int i = 0; i < _count; i++)
            {
                int c = codes[i];
                if (i < n)
                {
                    sum += c;
                }

                if (c <= 0 || c >= top)
                {
                    clipped++;
                }
            }

            ClippedSamples = clipped;
            float mean = (float)sum / n;
            for (int i = 0; i < n; i++)
            {
                work[i] = codes[i] - mean;
            }

            _window.ApplyInPlace(work);
            _fft.Forward(work);
            Spectrum.ToPowerInPlace(work, n, _window);

            float binHz = fs / n;
            float f0 = Fundamental(binHz, fs);
            float thd = 0f;
            float scale = _ampsPerCode * _gainTrim;
            for (int h = 1; h <= _harmonics; h++)
            {
                _harmonicRms[h] = 0f;
            }

            if (f0 > 0f)
            {
                float p1 = BandPower(f0, binHz);
                if ((float)Math.Sqrt(p1) < MinimumSignalCodes)
                {
                    f0 = 0f;
                }
                else
                {
                    _harmonicRms[1] = (float)Math.Sqrt(p1) * scale;
                    float limit = 0.4f * fs;
                    float distortion = 0f;
                    for (int h = 2; h <= _harmonics; h++)
                    {
                        float fh = h * f0;
                        if (fh + HalfWidthBins * binHz > limit)
                        {
                            break;
                        }

                        float ph = BandPower(fh, binHz);
                        _harmonicRms[h] = (float)Math.Sqrt(ph) * scale;
                        distortion += ph;
                    }

                    thd = 100f * (float)Math.Sqrt(distortion / p1);
                }
            }

            // RMS over whole cycles of f0 (the window's tail is dropped), else over the whole window.
            int total = _count;
            int span = total;
            if (f0 > 0f)
            {
                // A window holding exactly k cycles must not lose one to a frequency estimate a hair low.
                int cycles = (int)(total * f0 / fs + 0.05f);
                if (cycles >= 1)
                {
                    span = (int)(cycles * fs / f0 + 0.5f);
                    if (span > total)
                    {
                        span = total;
                    }
                }
            }

            RmsSpan = span;
            long spanSum = 0;
            for (int i = 0; i < span; i++)
            {
                spanSum += codes[i];
            }

            float spanMean = (float)spanSum / span;
            float sq = 0f;
            float peak = 0f;
            for (int i = 0; i < span; i++)
            {
                float d = codes[i] - spanMean;
                sq += d * d;
                float a = Math.Abs(d);
                if (a > peak)
                {
                    peak = a;
                }
            }

            float rmsCodes = (float)Math.Sqrt(sq / span);
            OffsetCodes = spanMean;
            float amps = rmsCodes * scale + _offsetTrim;
            if (!(amps > 0f) || rmsCodes == 0f)
            {
                amps = 0f;
            }

            CurrentRms = amps;
            CrestFactor = rmsCodes > 0f ? peak / rmsCodes : 0f;
            LineFrequencyHz = f0;
            ThdPercent = thd;
            float va = _voltage * amps;
            ApparentPowerVa = _threePhase ? Sqrt3 * va : va;

            if (!Running && amps >= _onAmps && amps > 0f)
            {
                Running = true;
                StartCount++;
            }
            else if (Running && amps < _offAmps)
            {
                Running = false;
            }

            if (elapsedMs > 0)
            {
                double hours = elapsedMs / 3600000.0;
                EnergyKwh += ApparentPowerVa * _powerFactor * hours / 1000.0;
                if (Running)
                {
                    RunHours += hours;
                }
            }

            record.HasCurrent = true;
            record.CurrentRms = CurrentRms;
            record.CurrentCrestFactor = CrestFactor;
            record.LineFrequencyHz = LineFrequencyHz;
            record.CurrentThdPercent = ThdPercent;
            record.ApparentPowerVa = ApparentPowerVa;
            record.EnergyKwh = EnergyKwh;
            record.Running = Running;
            record.RunHours = RunHours;
            record.StartCount = StartCount;
            return true;
        }

        private float Fundamental(float binHz, float fs)
        {
            float[] p = _work;
            int first = Spectrum.FirstBinAtOrAbove(_fMin, binHz);
            int last = Spectrum.LastBinAtOrBelow(_fMax, binHz);
            if (first < 1)
            {
                first = 1;
            }

            if (last > _n / 2 - 1)
            {
                last = _n / 2 - 1;
            }

            int best = -1;
            float bestValue = 0f;
            for (int k = first; k <= last; k++)
            {
                if (p[k] > bestValue)
                {
                    bestValue = p[k];
                    best = k;
                }
            }

            if (best < 0)
            {
                return 0f;
            }

            float delta = PeakInterpolation.Offset(WindowKind.Hann, (float)Math.Sqrt(p[best - 1]), (float)Math.Sqrt(p[best]), (float)Math.Sqrt(p[best + 1]));
            return (best + delta) * binHz;
        }

        private float BandPower(float hz, float binHz)
        {
            float centre = hz / binHz;
            int first = (int)(centre - HalfWidthBins + 0.999f);
            int last = (int)(centre + HalfWidthBins);
            return Spectrum.Sum(_work, first < 1 ? 1 : first, last < _n / 2 ? last : _n / 2);
        }
    }
}
