using System;
using SensorNode.Core.Dsp;
using SensorNode.Core.Features;

namespace SensorNode.Core.Vibration
{
    /// <summary>
    /// Features of one accelerometer axis per window, written into the axis slot of a <see cref="MeasurementRecord"/>.
    /// One instance serves every axis in turn: all tables and buffers are allocated here once from the settings;
    /// <see cref="Analyze"/> allocates nothing. Input: acceleration in m/s².
    /// Per call: time statistics over the burst; Welch-averaged single-sided power spectrum (segments of N with the
    /// configured overlap, each detrended by its mean and windowed); velocity RMS by dividing each bin's power by
    /// (2πf)² over the velocity band; HF acceleration RMS over its band; top-N peaks; shaft speed (fixed or the
    /// largest velocity peak in the configured range); 1×/2×/3× velocity in a narrow band around each order;
    /// ISO zone; with a bearing configured, the envelope spectrum (band-pass, full-wave rectify, FFT) and its
    /// amplitude at BPFO, BPFI, BSF and FTF.
    /// </summary>
    public sealed class VibrationAnalyzer
    {
        private const float TwoPi = (float)(2.0 * Math.PI);
        // Mean of a full-wave rectified carrier is 2/π of its amplitude.
        private const float RectifierToEnvelope = (float)(Math.PI / 2.0);
        // Hann main lobe is ±2 bins; half a bin more covers an off-centre tone.
        private const float MinHalfWidthBins = 2.5f;

        private readonly int _n;
        private readonly int _bins;
        private readonly int _hop;
        private readonly RealFft _fft;
        private readonly Window _window;
        private readonly float[] _work;
        private readonly bool _ownsWork;
        private readonly float[] _power;
        private readonly PeakFinder _peaks;
        private readonly TimeStatistics _stats = new TimeStatistics();
        private readonly IsoZoneLimits _iso;
        private readonly BearingGeometry _bearing;
        private readonly BandPassFilter _envelopeFilter;

        private readonly float _velocityLowHz, _velocityHighHz, _hfLowHz, _hfHighHz, _envLowHz, _envHighHz;
        private readonly float _shaftFixedHz, _shaftMinHz, _shaftMaxHz, _tolerance;

        public VibrationAnalyzer(VibrationSettings settings) : this(settings, null)
        {
        }

        /// <summary>
        /// <paramref name="sharedWork"/>: an FFT work buffer of at least FftSize floats that other analyzers may
        /// also use between calls (the pipeline shares one with the current analyzer); null allocates one.
        /// </summary>
        public VibrationAnalyzer(VibrationSettings settings, float[] sharedWork)
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

            _n = settings.FftSize;
            _bins = _n / 2 + 1;
            _hop = settings.Hop;
            _fft = new RealFft(_n);
            _window = new Window(settings.Window, _n);
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

            _power = new float[_bins];
            _peaks = new PeakFinder(settings.PeakCount);
            _iso = IsoZones.For(settings);
            if (settings.HasBearing)
            {
                _bearing = new BearingGeometry(settings.BearingElements, settings.BearingElementDiameter,
                    settings.BearingPitchDiameter, settings.BearingContactAngleDegrees);
            }

            _velocityLowHz = settings.VelocityLowHz;
            _velocityHighHz = settings.VelocityHighHz;
            _hfLowHz = settings.HighFrequencyLowHz;
            _hfHighHz = settings.HighFrequencyHighHz;
            _envLowHz = settings.EnvelopeLowHz;
            _envHighHz = settings.EnvelopeHighHz;
            _shaftFixedHz = settings.ShaftSpeedHz;
            _shaftMinHz = settings.ShaftMinHz;
            _shaftMaxHz = settings.ShaftMaxHz;
            _tolerance = settings.FrequencyTolerancePercent / 100f;

            float fs = settings.SampleRateHz;
            if (_bearing != null)
            {
                _envelopeFilter = new BandPassFilter(_envLowHz, EnvelopeHigh(fs), fs);
            }

            SampleRateHz = fs;
        }

        /// <summary>Bytes this configuration allocates (array payloads), with or without its own work buffer.</summary>
        public static int EstimateBytes(VibrationSettings settings, bool sharedWork)
        {
            int n = settings.FftSize;
            return RealFft.TableBytes(n) + Window.TableBytes(n) + (sharedWork ? 0 : 4 * n) + 4 * (n / 2 + 1)
                + PeakFinder.Bytes(settings.PeakCount) + (settings.HasBearing ? BandPassFilter.Bytes : 0);
        }

        /// <summary>Bytes this instance allocated (array payloads; the shared work buffer counts only when owned).</summary>
        public int AllocatedBytes
        {
            get
            {
                return _fft.AllocatedBytes + _window.AllocatedBytes + (_ownsWork ? 4 * _work.Length : 0) + 4 * _power.Length
                    + PeakFinder.Bytes(_peaks.Capacity) + (_envelopeFilter != null ? BandPassFilter.Bytes : 0);
            }
        }

        public int FftSize
        {
            get { return _n; }
        }

        /// <summary>Sample rate of the last window, Hz.</summary>
        public float SampleRateHz { get; private set; }

        /// <summary>Bin width of the last window, Hz.</summary>
        public float BinHz
        {
            get { return SampleRateHz / _n; }
        }

        /// <summary>Welch segments averaged in the last window.</summary>
        public int SegmentsAveraged { get; private set; }

        /// <summary>Welch-averaged single-sided power spectrum of the last axis, (m/s²)² per bin, N/2 + 1 bins.
        /// Valid until the next call; read it for a spectrum snapshot.</summary>
        public float[] PowerSpectrum
        {
            get { return _power; }
        }

        /// <summary>Time statistics of the last axis (also has standard deviation and excess kurtosis).</summary>
        public TimeStatistics Statistics
        {
            get { return _stats; }
        }

        /// <summary>Spectral peaks of the last axis (acceleration, RMS).</summary>
        public PeakFinder Peaks
        {
            get { return _peaks; }
        }

        /// <summary>Severity table in use.</summary>
        public IsoZoneLimits IsoLimits
        {
            get { return _iso; }
        }

        /// <summary>Bearing geometry, or null.</summary>
        public BearingGeometry Bearing
        {
            get { return _bearing; }
        }

        /// <summary>Shaft speed used for the last axis, Hz (0 = none found).</summary>
        public float ShaftSpeedHz { get; private set; }

        /// <summary>Velocity RMS of the shaft-speed peak of the last axis, mm/s: how sure the estimate is.</summary>
        public float ShaftPeakVelocity { get; private set; }

        /// <summary>Frequency of the largest envelope-spectrum line of the last axis (above 2 bins), Hz; 0 without a bearing.</summary>
        public float EnvelopePeakHz { get; private set; }

        /// <summary>Single-sided envelope amplitude spectrum of the last axis (m/s², N/2 + 1 bins) when a bearing
        /// is configured; it lives in the work buffer, so read it before anything else uses that.</summary>
        public float[] EnvelopeSpectrum
        {
            get { return _work; }
        }

        /// <summary>
        /// Analyzes samples[0 … count − 1] (count ≥ FftSize; up to the configured burst length is used) taken at
        /// <paramref name="sampleRateHz"/> and fills axis <paramref name="axis"/> of <paramref name="record"/>.
        /// Returns false (and zeroes the axis) when there are fewer than FftSize samples.
        /// </summary>
        public bool Analyze(float[] samples, int count, float sampleRateHz, MeasurementRecord record, int axis)
        {
            if (axis < 0 || axis >= MeasurementRecord.MaxAxes)
            {
                throw new ArgumentOutOfRangeException("axis");
            }

            if (samples == null || count < _n || count > samples.Length || !(sampleRateHz > 0f))
            {
                ClearAxis(record, axis);
                return false;
            }

            SampleRateHz = sampleRateHz;
            float binHz = sampleRateHz / _n;
            float nyquist = 0.5f * sampleRateHz;

            _stats.Compute(samples, 0, count);
            WelchPower(samples, count);

            float velocityHigh = _velocityHighHz < nyquist ? _velocityHighHz : nyquist;
            int velocityFirst = Spectrum.FirstBinAtOrAbove(_velocityLowHz, binHz);
            if (velocityFirst < 1)
            {
                velocityFirst = 1;
            }

            int velocityLast = Spectrum.LastBinAtOrBelow(velocityHigh, binHz);
            float velocity = VelocityRmsMm(velocityFirst, velocityLast, binHz);

            float hfHigh = _hfHighHz < 0.8f * nyquist ? _hfHighHz : 0.8f * nyquist;
            float hf = 0f;
            if (hfHigh > _hfLowHz)
            {
                hf = (float)Math.Sqrt(Spectrum.Sum(_power, Spectrum.FirstBinAtOrAbove(_hfLowHz, binHz), Spectrum.LastBinAtOrBelow(hfHigh, binHz)));
            }

            _peaks.Find(_power, velocityFirst, _bins - 2, binHz, _window);

            float shaft = _shaftFixedHz > 0f ? _shaftFixedHz : EstimateShaft(binHz, nyquist);
            ShaftSpeedHz = shaft;
            if (_shaftFixedHz > 0f)
            {
                ShaftPeakVelocity = OrderVelocity(shaft, binHz, nyquist);
            }

            record.VelocityRms[axis] = velocity;
            record.AccelerationRms[axis] = _stats.Rms;
            record.HighFrequencyRms[axis] = hf;
            record.Peak[axis] = _stats.Peak;
            record.PeakToPeak[axis] = _stats.PeakToPeak;
            record.CrestFactor[axis] = _stats.CrestFactor;
            record.Kurtosis[axis] = _stats.Kurtosis;
            record.Skewness[axis] = _stats.Skewness;
            record.Mean[axis] = _stats.Mean;
            record.IsoZone[axis] = _iso.Classify(velocity);
            record.DominantFrequency[axis] = _peaks.Count > 0 ? _peaks.FrequencyHz(0) : 0f;
            record.Order1[axis] = shaft > 0f ? OrderVelocity(shaft, binHz, nyquist) : 0f;
            record.Order2[axis] = shaft > 0f ? OrderVelocity(2f * shaft, binHz, nyquist) : 0f;
            record.Order3[axis] = shaft > 0f ? OrderVelocity(3f * shaft, binHz, nyquist) : 0f;

            EnvelopePeakHz = 0f;
            if (_bearing != null && shaft > 0f && Envelope(samples, count, sampleRateHz))
            {
                record.Bpfo[axis] = EnvelopeAmplitude(_bearing.Bpfo(shaft), binHz);
                record.Bpfi[axis] = EnvelopeAmplitude(_bearing.Bpfi(shaft), binHz);
                record.Bsf[axis] = EnvelopeAmplitude(_bearing.Bsf(shaft), binHz);
                record.Ftf[axis] = EnvelopeAmplitude(_bearing.Ftf(shaft), binHz);
            }
            else
            {
                record.Bpfo[axis] = 0f;
                record.Bpfi[axis] = 0f;
                record.Bsf[axis] = 0f;
                record.Ftf[axis] = 0f;
            }

            return true;
        }

        /// <summary>Zeroes every field of one axis.</summary>
        public static void ClearAxis(MeasurementRecord record, int axis)
        {
            record.VelocityRms[axis] = 0f;
            record.AccelerationRms[axis] = 0f;
            record.HighFrequencyRms[axis] = 0f;
            record.Peak[axis] = 0f;
            record.PeakToPeak[axis] = 0f;
            record.CrestFactor[axis] = 0f;
            record.Kurtosis[axis] = 0f;
            record.Skewness[axis] = 0f;
            record.Mean[axis] = 0f;
            record.IsoZone[axis] = IsoZoneLimits.ZoneA;
            record.Order1[axis] = 0f;
            record.Order2[axis] = 0f;
            record.Order3[axis] = 0f;
            record.Bpfo[axis] = 0f;
            record.Bpfi[axis] = 0f;
            record.Bsf[axis] = 0f;
            record.Ftf[axis] = 0f;
            record.DominantFrequency[axis] = 0f;
        }

        /// <summary>Velocity RMS, mm/s, of the bins within ± the search half-width around <paramref name="hz"/>.</summary>
        public float OrderVelocity(float hz, float binHz, float nyquist)
        {
            float halfWidth = HalfWidth(hz, binHz);
            if (hz + halfWidth >= nyquist)
            {
                return 0f;
            }

            int first = Spectrum.FirstBinAtOrAbove(hz - halfWidth, binHz);
            if (first < 1)
            {
                first = 1;
            }

            return VelocityRmsMm(first, Spectrum.LastBinAtOrBelow(hz + halfWidth, binHz), binHz);
        }

        private void WelchPower(float[] samples, int count)
        {
            int n = _n;
            int segments = 1 + (count - n) / _hop;
            SegmentsAveraged = segments;
            Array.Clear(_power, 0, _bins);
            float weight = 1f / segments;
            for (int s = 0; s < segments; s++)
            {
                int offset = s * _hop;
                float sum = 0f;
                for (int i = offset; i < offset + n; i++)
                {
                    sum += samples[i];
                }

                _window.Apply(samples, offset, _work, sum / n);
                _fft.Forward(_work);
                Spectrum.AccumulatePower(_work, n, _window, _power, weight);
            }
        }

        private float VelocityRmsMm(int first, int last, float binHz)
        {
            if (last > _bins - 1)
            {
                last = _bins - 1;
            }

            // P_v[k] = P_a[k] / (2π·k·Δf)²
            float sum = 0f;
            for (int k = first; k <= last; k++)
            {
                float kk = k;
                sum += _power[k] / (kk * kk);
            }

            float w = TwoPi * binHz;
            return 1000f * (float)Math.Sqrt(sum) / w;
        }

        private float EstimateShaft(float binHz, float nyquist)
        {
            int first = Spectrum.FirstBinAtOrAbove(_shaftMinHz, binHz);
            if (first < 1)
            {
                first = 1;
            }

            int last = Spectrum.LastBinAtOrBelow(_shaftMaxHz < nyquist ? _shaftMaxHz : nyquist, binHz);
            if (last > _bins - 2)
            {
                last = _bins - 2;
            }

            int best = -1;
            float bestValue = 0f;
            for (int k = first; k <= last; k++)
            {
                float kk = k;
                float v = _power[k] / (kk * kk);
                if (v > bestValue)
                {
                    bestValue = v;
                    best = k;
                }
            }

            if (best < 0)
            {
                ShaftPeakVelocity = 0f;
                return 0f;
            }

            float delta;
            PeakFinder.InterpolatedRms(_power, best, _window, out delta);
            float hz = (best + delta) * binHz;
            ShaftPeakVelocity = OrderVelocity(hz, binHz, nyquist);
            return hz;
        }

        private float HalfWidth(float hz, float binHz)
        {
            float tolerance = _tolerance * hz;
            float minimum = MinHalfWidthBins * binHz;
            return tolerance > minimum ? tolerance : minimum;
        }

        private float EnvelopeHigh(float sampleRateHz)
        {
            float limit = 0.4f * sampleRateHz;
            return _envHighHz < limit ? _envHighHz : limit;
        }

        private bool Envelope(float[] samples, int count, float sampleRateHz)
        {
            float high = EnvelopeHigh(sampleRateHz);
            float binHz = sampleRateHz / _n;
            if (!(high > _envLowHz + 2f * binHz))
            {
                return false;
            }

            if (_envelopeFilter.SampleRateHz != sampleRateHz || _envelopeFilter.HighHz != high)
            {
                _envelopeFilter.Configure(_envLowHz, high, sampleRateHz);
            }

            _envelopeFilter.Reset();
            float mean = _stats.Mean;
            int n = _n;

            // Samples before the last N only settle the filter.
            int start = count - n;
            for (int offset = 0; offset < start; offset += n)
            {
                int chunk = start - offset < n ? start - offset : n;
                _envelopeFilter.Process(samples, offset, _work, 0, chunk, mean);
            }

            _envelopeFilter.Process(samples, start, _work, 0, n, mean);

            float sum = 0f;
            for (int i = 0; i < n; i++)
            {
                float v = Math.Abs(_work[i]);
                _work[i] = v;
                sum += v;
            }

            _window.Apply(_work, 0, _work, sum / n);
            _fft.Forward(_work);
            Spectrum.ToAmplitudeInPlace(_work, n, _window);
            for (int k = 0; k < _bins; k++)
            {
                _work[k] *= RectifierToEnvelope;
            }

            int best = 0;
            float bestValue = 0f;
            for (int k = 3; k < _bins - 1; k++)
            {
                if (_work[k] > bestValue)
                {
                    bestValue = _work[k];
                    best = k;
                }
            }

            if (best > 0)
            {
                float delta = PeakInterpolation.Offset(_window.Kind, _work[best - 1], _work[best], _work[best + 1]);
                EnvelopePeakHz = (best + delta) * binHz;
            }

            return true;
        }

        private float EnvelopeAmplitude(float hz, float binHz)
        {
            float halfWidth = HalfWidth(hz, binHz);
            int first = Spectrum.FirstBinAtOrAbove(hz - halfWidth, binHz);
            int last = Spectrum.LastBinAtOrBelow(hz + halfWidth, binHz);
            if (first < 1)
            {
                first = 1;
            }

            if (last > _bins - 2)
            {
                last = _bins - 2;
            }

            int best = -1;
            float bestValue = 0f;
            for (int k = first; k <= last; k++)
            {
                if (_work[k] > bestValue)
                {
                    bestValue = _work[k];
                    best = k;
                }
            }

            if (best < 0)
            {
                return 0f;
            }

            float delta = PeakInterpolation.Offset(_window.Kind, _work[best - 1], _work[best], _work[best + 1]);
            float gain = PeakInterpolation.Gain(_window.Kind, delta);
            return gain > 0f ? bestValue / gain : bestValue;
        }
    }
}
