using SensorNode.Core.Features;

namespace SensorNode.Core.Alarms
{
    /// <summary>
    /// Decides, window by window, the level (normal / warning / alarm) of every configured rule.
    /// <list type="bullet">
    /// <item>A level is entered after <c>OnDelayWindows</c> consecutive windows at or above its threshold, and left
    /// after <c>OffDelayWindows</c> consecutive windows below threshold × (1 − hysteresis).</item>
    /// <item>The implicit ISO rule (when boundaries are configured) warns in zone C and alarms in zone D on the worst axis.</item>
    /// <item>Running gate: vibration rules are frozen (no transitions, no baseline samples) while the current channel
    /// says the machine stands still, so a stopped machine neither raises nor clears vibration alarms. Without a
    /// working current channel the gate stays open.</item>
    /// <item>A rule whose sensor failed in this window is frozen too.</item>
    /// <item>Baseline: while learning, each gated-open window adds the rule's value; after <c>BaselineWindows</c>
    /// windows the thresholds of rules with <c>FromBaseline</c> are derived (see <see cref="DeriveThresholds"/>).</item>
    /// </list>
    /// Every change of level is listed for the window (<see cref="ChangeCount"/>, <see cref="ChangedRule"/>) with the
    /// value and threshold that caused it; the runtime turns each into an alarm event. All state lives in arrays
    /// sized once from the configuration: evaluating a window allocates nothing.
    /// </summary>
    public sealed class AlarmEngine
    {
        private readonly int _ruleCount;
        private readonly int[] _feature;
        private readonly int[] _axis;
        private readonly float[] _warning;
        private readonly float[] _alarm;
        private readonly float[] _configuredWarning;
        private readonly float[] _configuredAlarm;
        private readonly float[] _hysteresis;
        private readonly float[] _hysteresisAbsolute;
        private readonly int[] _onDelay;
        private readonly int[] _offDelay;
        private readonly bool[] _fromBaseline;
        private readonly bool[] _isIso;
        private readonly float[] _warningFactor;
        private readonly float[] _alarmFactor;

        private readonly int[] _level;
        private readonly int[] _previousLevel;
        private readonly int[] _aboveWarningCount;
        private readonly int[] _aboveAlarmCount;
        private readonly int[] _belowCount;
        private readonly float[] _lastValue;
        private readonly int[] _lastAxis;
        private readonly float[] _triggerValue;
        private readonly float[] _triggerThreshold;
        private readonly int[] _triggerAxis;
        private readonly float[] _baselineSum;
        private readonly float[] _baseline;

        private readonly int[] _changed;
        private int _changeCount;

        private readonly float _isoBC;
        private readonly float _baselineCap;
        private readonly bool _runningGate;
        private readonly int _baselineWindows;
        private bool _learning;
        private int _baselineCount;
        private bool _baselineKnown;

        public AlarmEngine(AlarmSettings settings)
        {
            string error = settings.Validate();
            if (error != null)
            {
                throw new System.ArgumentException(error);
            }

            bool iso = settings.IsoZoneAlarms && settings.IsoBoundaryBC > 0f && settings.IsoBoundaryCD > 0f;
            _ruleCount = settings.Rules.Length + (iso ? 1 : 0);
            _feature = new int[_ruleCount];
            _axis = new int[_ruleCount];
            _warning = new float[_ruleCount];
            _alarm = new float[_ruleCount];
            _configuredWarning = new float[_ruleCount];
            _configuredAlarm = new float[_ruleCount];
            _hysteresis = new float[_ruleCount];
            _hysteresisAbsolute = new float[_ruleCount];
            _onDelay = new int[_ruleCount];
            _offDelay = new int[_ruleCount];
            _fromBaseline = new bool[_ruleCount];
            _isIso = new bool[_ruleCount];
            _warningFactor = new float[_ruleCount];
            _alarmFactor = new float[_ruleCount];
            _level = new int[_ruleCount];
            _previousLevel = new int[_ruleCount];
            _aboveWarningCount = new int[_ruleCount];
            _aboveAlarmCount = new int[_ruleCount];
            _belowCount = new int[_ruleCount];
            _lastValue = new float[_ruleCount];
            _lastAxis = new int[_ruleCount];
            _triggerValue = new float[_ruleCount];
            _triggerThreshold = new float[_ruleCount];
            _triggerAxis = new int[_ruleCount];
            _baselineSum = new float[_ruleCount];
            _baseline = new float[_ruleCount];
            _changed = new int[_ruleCount];

            for (int i = 0; i < settings.Rules.Length; i++)
            {
                AlarmRule r = settings.Rules[i];
                _feature[i] = r.Feature;
                _axis[i] = AlarmFeature.IsVibration(r.Feature) ? r.Axis : 0;
                _warning[i] = r.Warning;
                _alarm[i] = r.Alarm;
                _hysteresis[i] = r.Hysteresis;
                _hysteresisAbsolute[i] = r.HysteresisAbsolute;
                _onDelay[i] = r.OnDelayWindows;
                _offDelay[i] = r.OffDelayWindows;
                _fromBaseline[i] = r.FromBaseline;
                _warningFactor[i] = r.WarningFactor;
                _alarmFactor[i] = r.AlarmFactor;
            }

            if (iso)
            {
                int i = _ruleCount - 1;
                _feature[i] = AlarmFeature.VelocityRms;
                _axis[i] = -1;
                _warning[i] = settings.IsoBoundaryBC;
                _alarm[i] = settings.IsoBoundaryCD;
                _hysteresis[i] = settings.IsoHysteresis;
                _onDelay[i] = settings.IsoDelayWindows;
                _offDelay[i] = settings.IsoDelayWindows;
                _isIso[i] = true;
            }

            System.Array.Copy(_warning, _configuredWarning, _ruleCount);
            System.Array.Copy(_alarm, _configuredAlarm, _ruleCount);
            _isoBC = settings.IsoBoundaryBC;
            _baselineCap = settings.BaselineCapMmS > 0f ? settings.BaselineCapMmS : 1.25f * settings.IsoBoundaryBC;
            _runningGate = settings.RunningGate;
            _baselineWindows = settings.BaselineWindows;
        }

        /// <summary>Rules evaluated (configured ones, then the implicit ISO rule if any).</summary>
        public int RuleCount => _ruleCount;

        /// <summary>Level changes produced by the last <see cref="Evaluate"/> or <see cref="ClearAll"/>.</summary>
        public int ChangeCount => _changeCount;

        /// <summary>Rule index of the <paramref name="i"/>-th change.</summary>
        public int ChangedRule(int i) => _changed[i];

        /// <summary>Highest level over all rules (drives the faster reporting interval).</summary>
        public int HighestLevel
        {
            get
            {
                int max = AlarmLevel.Normal;
                for (int i = 0; i < _ruleCount; i++)
                {
                    if (_level[i] > max)
                    {
                        max = _level[i];
                    }
                }

                return max;
            }
        }

        /// <summary>Rules not at normal level.</summary>
        public int ActiveCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _ruleCount; i++)
                {
                    if (_level[i] != AlarmLevel.Normal)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        public int Level(int rule) => _level[rule];

        public int PreviousLevel(int rule) => _previousLevel[rule];

        public int Feature(int rule) => _feature[rule];

        /// <summary>Configured axis (−1 = worst axis).</summary>
        public int ConfiguredAxis(int rule) => _axis[rule];

        /// <summary>True when the rule's thresholds now come from the learned baseline.</summary>
        public bool UsesBaseline(int rule) => _fromBaseline[rule] && _baselineKnown && _baseline[rule] > 0f;

        /// <summary>True for the implicit ISO zone rule.</summary>
        public bool IsIsoRule(int rule) => _isIso[rule];

        public float WarningThreshold(int rule) => _warning[rule];

        public float AlarmThreshold(int rule) => _alarm[rule];

        /// <summary>The value that caused the rule's last level change.</summary>
        public float TriggerValue(int rule) => _triggerValue[rule];

        /// <summary>The threshold crossed at the rule's last level change (the lowered one when a level was left).</summary>
        public float TriggerThreshold(int rule) => _triggerThreshold[rule];

        /// <summary>The axis (0..2) of the value at the last change; 0 for scalar features.</summary>
        public int TriggerAxis(int rule) => _triggerAxis[rule];

        /// <summary>The rule's value in the last evaluated window.</summary>
        public float LastValue(int rule) => _lastValue[rule];

        public bool BaselineLearning => _learning;

        public bool BaselineKnown => _baselineKnown;

        /// <summary>Windows collected by the running (or last) baseline learning.</summary>
        public int BaselineWindowsCollected => _baselineCount;

        public int BaselineWindowsRequired => _baselineWindows;

        /// <summary>Learned baseline of a rule (its mean value over the learning windows); 0 before learning.</summary>
        public float Baseline(int rule) => _baseline[rule];

        /// <summary>Starts (or restarts) baseline learning; earlier learned thresholds stay until the new baseline is complete.</summary>
        public void StartBaseline()
        {
            _learning = true;
            _baselineCount = 0;
            for (int i = 0; i < _ruleCount; i++)
            {
                _baselineSum[i] = 0f;
            }
        }

        /// <summary>Stops learning. With at least one window collected the baseline is taken from what was
        /// collected; returns false when nothing was collected (thresholds unchanged).</summary>
        public bool StopBaseline()
        {
            if (!_learning)
            {
                return false;
            }

            _learning = false;
            if (_baselineCount == 0)
            {
                return false;
            }

            FinishBaseline();
            return true;
        }

        /// <summary>Returns every rule to normal (the clear-alarms command); each rule that was not normal is listed as a change.</summary>
        public int ClearAll()
        {
            _changeCount = 0;
            for (int i = 0; i < _ruleCount; i++)
            {
                if (_level[i] != AlarmLevel.Normal)
                {
                    _previousLevel[i] = _level[i];
                    _level[i] = AlarmLevel.Normal;
                    _triggerValue[i] = _lastValue[i];
                    _triggerThreshold[i] = 0f;
                    _triggerAxis[i] = _lastAxis[i];
                    _changed[_changeCount++] = i;
                }

                _aboveWarningCount[i] = 0;
                _aboveAlarmCount[i] = 0;
                _belowCount[i] = 0;
            }

            return _changeCount;
        }

        /// <summary>Evaluates one window; returns the number of level changes (see <see cref="ChangedRule"/>).</summary>
        public int Evaluate(MeasurementRecord record)
        {
            _changeCount = 0;
            bool accelerometerOk = (record.Status & MeasurementRecord.StatusAccelerometerFailed) == 0 && record.AxisCount > 0;
            bool currentOk = record.HasCurrent && (record.Status & MeasurementRecord.StatusCurrentFailed) == 0;
            bool temperatureOk = (record.Status & MeasurementRecord.StatusTemperatureFailed) == 0;
            bool gateOpen = !_runningGate || !currentOk || record.Running;

            bool sampleBaseline = _learning && gateOpen;
            for (int i = 0; i < _ruleCount; i++)
            {
                int feature = _feature[i];
                float value;
                int axis = 0;
                if (AlarmFeature.IsVibration(feature))
                {
                    if (!accelerometerOk || !gateOpen)
                    {
                        continue;
                    }

                    if (_axis[i] >= 0)
                    {
                        axis = _axis[i] < record.AxisCount ? _axis[i] : record.AxisCount - 1;
                        value = AlarmFeature.AxisValue(record, feature, axis);
                    }
                    else
                    {
                        value = AlarmFeature.AxisValue(record, feature, 0);
                        for (int a = 1; a < record.AxisCount; a++)
                        {
                            float v = AlarmFeature.AxisValue(record, feature, a);
                            if (v > value)
                            {
                                value = v;
                                axis = a;
                            }
                        }
                    }
                }
                else if (feature == AlarmFeature.Temperature)
                {
                    if (!temperatureOk)
                    {
                        continue;
                    }

                    value = record.TemperatureC;
                }
                else
                {
                    if (!currentOk)
                    {
                        continue;
                    }

                    value = AlarmFeature.ScalarValue(record, feature);
                }

                if (float.IsNaN(value))
                {
                    continue;
                }

                _lastValue[i] = value;
                _lastAxis[i] = axis;
                if (sampleBaseline)
                {
                    _baselineSum[i] += value;
                }

                Step(i, value, axis);
            }

            if (sampleBaseline)
            {
                _baselineCount++;
                if (_baselineCount >= _baselineWindows)
                {
                    _learning = false;
                    FinishBaseline();
                }
            }

            return _changeCount;
        }

        private void Step(int i, float value, int axis)
        {
            float w = _warning[i];
            float a = _alarm[i];
            int level = _level[i];

            bool aboveAlarm = a > 0f && value >= a;
            bool aboveWarning = aboveAlarm || (w > 0f && value >= w);
            _aboveAlarmCount[i] = aboveAlarm ? _aboveAlarmCount[i] + 1 : 0;
            _aboveWarningCount[i] = aboveWarning ? _aboveWarningCount[i] + 1 : 0;

            if (level < AlarmLevel.Alarm && _aboveAlarmCount[i] >= _onDelay[i])
            {
                Change(i, AlarmLevel.Alarm, value, a, axis);
                return;
            }

            if (level < AlarmLevel.Warning && _aboveWarningCount[i] >= _onDelay[i])
            {
                Change(i, AlarmLevel.Warning, value, w, axis);
                return;
            }

            if (level == AlarmLevel.Normal)
            {
                return;
            }

            // Which level the value still holds with the lowered (hysteresis) thresholds.
            float lowA = Lowered(i, a);
            float lowW = Lowered(i, w);
            int held = AlarmLevel.Normal;
            if (a > 0f && value >= lowA)
            {
                held = AlarmLevel.Alarm;
            }
            else if (w > 0f && value >= lowW)
            {
                held = AlarmLevel.Warning;
            }

            if (held >= level)
            {
                _belowCount[i] = 0;
                return;
            }

            _belowCount[i]++;
            if (_belowCount[i] >= _offDelay[i])
            {
                float crossed = level == AlarmLevel.Alarm && a > 0f ? lowA : lowW;
                Change(i, held, value, crossed, axis);
            }
        }

        private float Lowered(int i, float threshold)
        {
            return _hysteresisAbsolute[i] > 0f ? threshold - _hysteresisAbsolute[i] : threshold * (1f - _hysteresis[i]);
        }

        private void Change(int i, int level, float value, float threshold, int axis)
        {
            _previousLevel[i] = _level[i];
            _level[i] = level;
            _triggerValue[i] = value;
            _triggerThreshold[i] = threshold;
            _triggerAxis[i] = axis;
            _belowCount[i] = 0;
            _changed[_changeCount++] = i;
        }

        private void FinishBaseline()
        {
            float n = _baselineCount;
            for (int i = 0; i < _ruleCount; i++)
            {
                _baseline[i] = _baselineSum[i] / n;
                if (_fromBaseline[i])
                {
                    DeriveThresholds(i);
                }
            }

            _baselineKnown = true;
        }

        /// <summary>
        /// Thresholds from the learned baseline b.
        /// Velocity RMS with an ISO table: alarm = min(b + 0.25 × B/C, cap) — the ISO 10816-3 / 20816-3 annex rule,
        /// cap = 1.25 × B/C as the standard advises (or the configured cap); warning = min(b + 0.125 × B/C, B/C),
        /// half the alarm margin. Everything else (no absolute scale exists): warning = WarningFactor × b,
        /// alarm = AlarmFactor × b.
        /// A baseline of zero or less leaves the configured thresholds in force.
        /// </summary>
        private void DeriveThresholds(int i)
        {
            float b = _baseline[i];
            if (!(b > 0f))
            {
                return;
            }

            if (_feature[i] == AlarmFeature.VelocityRms && _isoBC > 0f)
            {
                float alarm = b + (0.25f * _isoBC);
                float alarmCap = _baselineCap;
                float warning = b + (0.125f * _isoBC);
                _alarm[i] = alarm < alarmCap ? alarm : alarmCap;
                _warning[i] = warning < _isoBC ? warning : _isoBC;
                if (_warning[i] >= _alarm[i])
                {
                    _warning[i] = _alarm[i] * 0.9f;
                }
            }
            else
            {
                _warning[i] = _warningFactor[i] * b;
                _alarm[i] = _alarmFactor[i] * b;
            }
        }
    }
}
