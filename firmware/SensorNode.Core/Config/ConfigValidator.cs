using SensorNode.Core.Protocol;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// Whole-document checks of a <see cref="NodeConfig"/>: what a node needs to run, and rules that span
    /// fields (bands below Nyquist, burst ≥ FFT size, threshold order ...). Field types and absolute ranges
    /// are checked when the JSON is merged (<see cref="ConfigCodec.Apply"/>).
    /// </summary>
    public static class ConfigValidator
    {
        /// <summary>Adds every problem to <paramref name="errors"/>; true when there is none.</summary>
        public static bool Validate(NodeConfig c, FieldErrors errors)
        {
            int before = errors.Total;
            if (c.NodeId == null)
            {
                errors.Add("node.id", ResultCode.MissingField, "required");
            }

            if (c.Site == null)
            {
                errors.Add("node.site", ResultCode.MissingField, "required");
            }

            if (c.BrokerHost == null)
            {
                errors.Add("broker.host", ResultCode.MissingField, "required");
            }

            if (c.WifiPassword != null && c.WifiPassword.Length > 0 && (c.WifiSsid == null || c.WifiSsid.Length == 0))
            {
                errors.Add("wifi.ssid", ResultCode.Inconsistent, "a Wi-Fi password needs an SSID");
            }

            if (c.BrokerPassword != null && c.BrokerPassword.Length > 0 && (c.BrokerUsername == null || c.BrokerUsername.Length == 0))
            {
                errors.Add("broker.user", ResultCode.Inconsistent, "a broker password needs a user name");
            }

            if (!IsCurrentWindow(c.CurrentSamples))
            {
                errors.Add("sampling.currentSamples", ResultCode.InvalidValue, "must be a power of two from 256 to 8192 (one FFT over the window)");
            }

            if (c.BurstLength < c.FftSize)
            {
                errors.Add("sampling.burst", ResultCode.Inconsistent, "burst must be at least the FFT size");
            }

            float nyquist = c.AccelOdrHz / 2f;
            CheckBand("bands.velocity", c.VelocityBandLowHz, c.VelocityBandHighHz, nyquist, errors);
            CheckBand("bands.hf", c.HfBandLowHz, c.HfBandHighHz, nyquist, errors);
            CheckBand("bands.envelope", c.EnvelopeBandLowHz, c.EnvelopeBandHighHz, nyquist, errors);

            if (c.BearingBalls > 0)
            {
                if (c.BearingBallDiameterMm <= 0)
                {
                    errors.Add("bearing.d", ResultCode.Inconsistent, "ball diameter required when n > 0");
                }
                else if (c.BearingPitchDiameterMm <= c.BearingBallDiameterMm)
                {
                    errors.Add("bearing.D", ResultCode.Inconsistent, "pitch diameter must exceed ball diameter");
                }
            }

            if (c.ShaftMode == NodeConfig.ShaftFixed && c.ShaftRpm <= 0)
            {
                errors.Add("shaft.rpm", ResultCode.Inconsistent, "fixed shaft speed needs rpm > 0");
            }

            if (c.ShaftMode == NodeConfig.ShaftEstimate)
            {
                if (c.ShaftMinRpm <= 0 || c.ShaftMaxRpm <= c.ShaftMinRpm)
                {
                    errors.Add("shaft.maxRpm", ResultCode.Inconsistent, "estimate needs 0 < minRpm < maxRpm");
                }
                else if (c.ShaftMaxRpm / 60f > nyquist)
                {
                    errors.Add("shaft.maxRpm", ResultCode.Inconsistent, "above the Nyquist frequency of the accelerometer");
                }
            }

            if (c.CtEnabled && c.LineFrequencyHz * 2 > c.CurrentSampleRateHz)
            {
                errors.Add("sampling.currentRateHz", ResultCode.Inconsistent, "current sample rate must exceed twice the line frequency");
            }

            if (c.RunningThresholdA > 0 && c.RunningHysteresisA >= c.RunningThresholdA)
            {
                errors.Add("running.hysteresis", ResultCode.Inconsistent, "hysteresis must be below the running threshold");
            }

            if (c.AlarmReportIntervalS > c.ReportIntervalS)
            {
                errors.Add("report.alarmIntervalS", ResultCode.Inconsistent, "alarm interval must not exceed the normal interval");
            }

            if (c.QueueSpill && c.SpillCapacity <= 0)
            {
                errors.Add("queue.spillCapacity", ResultCode.Inconsistent, "spill needs a capacity > 0");
            }

            for (int i = 0; i < c.ThresholdCount; i++)
            {
                FeatureThreshold t = c.Thresholds[i];
                for (int j = 0; j < i; j++)
                {
                    FeatureThreshold o = c.Thresholds[j];
                    if (o.Feature == t.Feature && o.Axis == t.Axis)
                    {
                        errors.Add("thresholds[" + i.ToString() + "]", ResultCode.Inconsistent, "duplicate feature and axis");
                        break;
                    }
                }
            }

            return errors.Total == before;
        }

        private static void CheckBand(string path, float lo, float hi, float nyquist, FieldErrors errors)
        {
            if (lo >= hi)
            {
                errors.Add(path + ".hi", ResultCode.Inconsistent, "hi must exceed lo");
            }
            else if (hi > nyquist)
            {
                errors.Add(path + ".hi", ResultCode.Inconsistent, "above the Nyquist frequency (accel.odrHz / 2)");
            }
        }
    
        /// <summary>The one rule for the current window, shared by validation, defaults and the DSP: a power of
        /// two from <see cref="MinCurrentSamples"/> to <see cref="MaxCurrentSamples"/>, analyzed as one FFT.</summary>
        public static bool IsCurrentWindow(int samples)
        {
            return samples >= MinCurrentSamples && samples <= MaxCurrentSamples && (samples & (samples - 1)) == 0;
        }

        public const int MinCurrentSamples = 256;
        public const int MaxCurrentSamples = 8192;
    }
}
