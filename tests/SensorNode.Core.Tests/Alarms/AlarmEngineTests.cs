using nanoFramework.TestFramework;
using SensorNode.Core.Alarms;
using SensorNode.Core.Features;

namespace SensorNode.Core.Tests.Alarms
{
    [TestClass]
    public class AlarmEngineTests
    {
        private static MeasurementRecord Window(float vrms, bool running)
        {
            var r = new MeasurementRecord();
            r.AxisCount = 3;
            r.VelocityRms[0] = vrms * 0.5f;
            r.VelocityRms[1] = vrms;
            r.VelocityRms[2] = vrms * 0.25f;
            r.HasCurrent = true;
            r.CurrentRms = running ? 5f : 0f;
            r.Running = running;
            r.TemperatureC = 40f;
            return r;
        }

        private static AlarmEngine Engine(AlarmRule rule)
        {
            var s = new AlarmSettings();
            s.Rules = new AlarmRule[] { rule };
            s.IsoZoneAlarms = false;
            return new AlarmEngine(s);
        }

        private static AlarmRule VelocityRule(float warning, float alarm, int onDelay)
        {
            var r = new AlarmRule(AlarmFeature.VelocityRms, -1, warning, alarm);
            r.Hysteresis = 0.1f;
            r.OnDelayWindows = onDelay;
            r.OffDelayWindows = 2;
            return r;
        }

        [TestMethod]
        public void OnDelayNeedsConsecutiveWindows()
        {
            AlarmEngine e = Engine(VelocityRule(4f, 7f, 3));
            Assert.AreEqual(0, e.Evaluate(Window(5f, true)));
            Assert.AreEqual(0, e.Evaluate(Window(5f, true)));
            Assert.AreEqual(0, e.Evaluate(Window(3f, true)), "a dip restarts the count");
            Assert.AreEqual(0, e.Evaluate(Window(5f, true)));
            Assert.AreEqual(0, e.Evaluate(Window(5f, true)));
            Assert.AreEqual(1, e.Evaluate(Window(5.5f, true)));
            int rule = e.ChangedRule(0);
            Assert.AreEqual(AlarmLevel.Warning, e.Level(rule));
            Assert.AreEqual(AlarmLevel.Normal, e.PreviousLevel(rule));
            Assert.AreEqual(5.5f, e.TriggerValue(rule), "the event carries the value that triggered it");
            Assert.AreEqual(4f, e.TriggerThreshold(rule));
            Assert.AreEqual(1, e.TriggerAxis(rule), "worst axis is y");
        }

        [TestMethod]
        public void AlarmAboveWarningAfterItsOwnDelay()
        {
            AlarmEngine e = Engine(VelocityRule(4f, 7f, 2));
            e.Evaluate(Window(8f, true));
            Assert.AreEqual(1, e.Evaluate(Window(8f, true)));
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
            Assert.AreEqual(AlarmLevel.Normal, e.PreviousLevel(0), "straight to alarm, no warning first");
            Assert.AreEqual(AlarmLevel.Alarm, e.HighestLevel);
        }

        [TestMethod]
        public void HysteresisHoldsTheLevelUntilClearlyBelow()
        {
            AlarmEngine e = Engine(VelocityRule(4f, 7f, 1));
            Assert.AreEqual(1, e.Evaluate(Window(7.5f, true)));
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
            // 6.5 is below 7 but above 7 × 0.9 = 6.3: stays in alarm however long.
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, e.Evaluate(Window(6.5f, true)));
            }

            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
            // 5 is below 6.3 (off delay 2): back to warning, not to normal.
            Assert.AreEqual(0, e.Evaluate(Window(5f, true)));
            Assert.AreEqual(1, e.Evaluate(Window(5f, true)));
            Assert.AreEqual(AlarmLevel.Warning, e.Level(0));
            Assert.IsTrue(System.Math.Abs(e.TriggerThreshold(0) - 6.3f) < 1e-4, "threshold crossed on the way down");
            // 3.7 is below 4 but above 3.6: stays warning.
            e.Evaluate(Window(3.7f, true));
            e.Evaluate(Window(3.7f, true));
            Assert.AreEqual(AlarmLevel.Warning, e.Level(0));
            e.Evaluate(Window(3.5f, true));
            Assert.AreEqual(1, e.Evaluate(Window(3.5f, true)));
            Assert.AreEqual(AlarmLevel.Normal, e.Level(0));
        }

        [TestMethod]
        public void AbsoluteHysteresis()
        {
            AlarmRule rule = VelocityRule(4f, 0f, 1);
            rule.HysteresisAbsolute = 1f;
            AlarmEngine e = Engine(rule);
            e.Evaluate(Window(4.2f, true));
            Assert.AreEqual(AlarmLevel.Warning, e.Level(0));
            e.Evaluate(Window(3.2f, true));
            e.Evaluate(Window(3.2f, true));
            Assert.AreEqual(AlarmLevel.Warning, e.Level(0), "3.2 ≥ 4 − 1");
            e.Evaluate(Window(2.9f, true));
            e.Evaluate(Window(2.9f, true));
            Assert.AreEqual(AlarmLevel.Normal, e.Level(0));
        }

        [TestMethod]
        public void RunningGateFreezesVibrationRules()
        {
            AlarmEngine e = Engine(VelocityRule(4f, 7f, 1));
            Assert.AreEqual(0, e.Evaluate(Window(9f, false)), "a stopped machine raises nothing");
            Assert.AreEqual(1, e.Evaluate(Window(9f, true)));
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
            for (int i = 0; i < 5; i++)
            {
                Assert.AreEqual(0, e.Evaluate(Window(0.1f, false)), "and a stop does not clear an alarm");
            }

            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
        }

        [TestMethod]
        public void WithoutWorkingCurrentChannelTheGateIsOpen()
        {
            AlarmEngine e = Engine(VelocityRule(4f, 7f, 1));
            MeasurementRecord w = Window(9f, false);
            w.Status = MeasurementRecord.StatusCurrentFailed;
            Assert.AreEqual(1, e.Evaluate(w));
        }

        [TestMethod]
        public void FailedSensorFreezesItsRules()
        {
            var s = new AlarmSettings();
            var temp = new AlarmRule(AlarmFeature.Temperature, -1, 60f, 80f);
            temp.OnDelayWindows = 1;
            temp.OffDelayWindows = 1;
            s.Rules = new AlarmRule[] { VelocityRule(4f, 7f, 1), temp };
            var e = new AlarmEngine(s);
            MeasurementRecord w = Window(9f, true);
            w.TemperatureC = 90f;
            Assert.AreEqual(2, e.Evaluate(w));
            w.Status = MeasurementRecord.StatusAccelerometerFailed | MeasurementRecord.StatusTemperatureFailed;
            w.AxisCount = 0;
            w.TemperatureC = 0f;
            w.VelocityRms[1] = 0f;
            Assert.AreEqual(0, e.Evaluate(w), "a failed sensor is not a recovery");
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(1));
        }

        [TestMethod]
        public void IsoZoneRuleWarnsInCAndAlarmsInD()
        {
            var s = new AlarmSettings();
            s.IsoBoundaryAB = 1.4f;
            s.IsoBoundaryBC = 2.8f;
            s.IsoBoundaryCD = 4.5f;
            s.IsoDelayWindows = 1;
            var e = new AlarmEngine(s);
            Assert.AreEqual(1, e.RuleCount);
            Assert.IsTrue(e.IsIsoRule(0));
            Assert.AreEqual(0, e.Evaluate(Window(2.0f, true)));
            Assert.AreEqual(1, e.Evaluate(Window(3.0f, true)));
            Assert.AreEqual(AlarmLevel.Warning, e.Level(0));
            Assert.AreEqual(1, e.Evaluate(Window(5.0f, true)));
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
            Assert.AreEqual(4.5f, e.TriggerThreshold(0));
        }

        [TestMethod]
        public void ClearAllReturnsEveryRuleToNormal()
        {
            AlarmEngine e = Engine(VelocityRule(4f, 7f, 1));
            e.Evaluate(Window(9f, true));
            Assert.AreEqual(1, e.ClearAll());
            Assert.AreEqual(AlarmLevel.Normal, e.Level(0));
            Assert.AreEqual(AlarmLevel.Alarm, e.PreviousLevel(0));
            Assert.AreEqual(0, e.ClearAll(), "nothing left to clear");
            // Still above: it comes back after the on-delay, as a new event.
            Assert.AreEqual(1, e.Evaluate(Window(9f, true)));
        }

        [TestMethod]
        public void BaselineLearningSetsIsoDerivedVelocityThresholds()
        {
            var s = new AlarmSettings();
            s.IsoBoundaryAB = 1.4f;
            s.IsoBoundaryBC = 2.8f;
            s.IsoBoundaryCD = 4.5f;
            s.IsoZoneAlarms = false;
            s.BaselineWindows = 10;
            AlarmRule rule = VelocityRule(0f, 0f, 1);
            rule.FromBaseline = true;
            s.Rules = new AlarmRule[] { rule };
            var e = new AlarmEngine(s);
            e.StartBaseline();
            for (int i = 0; i < 20; i++)
            {
                // Idle windows are not part of the baseline.
                e.Evaluate(Window(5f, false));
            }

            Assert.AreEqual(0, e.BaselineWindowsCollected);
            for (int i = 0; i < 10; i++)
            {
                e.Evaluate(Window(i % 2 == 0 ? 0.9f : 1.1f, true));
            }

            Assert.IsFalse(e.BaselineLearning);
            Assert.IsTrue(e.BaselineKnown);
            Assert.IsTrue(System.Math.Abs(e.Baseline(0) - 1.0f) < 1e-4);
            // alarm = b + 0.25 × B/C = 1.7; warning = b + 0.125 × B/C = 1.35
            Assert.IsTrue(System.Math.Abs(e.AlarmThreshold(0) - 1.7f) < 1e-4, e.AlarmThreshold(0).ToString());
            Assert.IsTrue(System.Math.Abs(e.WarningThreshold(0) - 1.35f) < 1e-4, e.WarningThreshold(0).ToString());
            Assert.IsTrue(e.UsesBaseline(0));
            Assert.AreEqual(1, e.Evaluate(Window(1.8f, true)));
            Assert.AreEqual(AlarmLevel.Alarm, e.Level(0));
        }

        [TestMethod]
        public void LearnedVelocityAlarmIsCappedAtOneAndAQuarterBC()
        {
            var s = new AlarmSettings();
            s.IsoBoundaryAB = 1.4f;
            s.IsoBoundaryBC = 2.8f;
            s.IsoBoundaryCD = 4.5f;
            s.IsoZoneAlarms = false;
            s.BaselineWindows = 5;
            AlarmRule rule = VelocityRule(0f, 0f, 1);
            rule.FromBaseline = true;
            s.Rules = new AlarmRule[] { rule };
            var e = new AlarmEngine(s);
            e.StartBaseline();
            for (int i = 0; i < 5; i++)
            {
                e.Evaluate(Window(3.0f, true));
            }

            // b + 0.25 × 2.8 = 3.7 > 1.25 × 2.8 = 3.5
            Assert.IsTrue(System.Math.Abs(e.AlarmThreshold(0) - 3.5f) < 1e-4, e.AlarmThreshold(0).ToString());
            Assert.IsTrue(e.WarningThreshold(0) < e.AlarmThreshold(0));
        }

        [TestMethod]
        public void BaselineFactorsForFeaturesWithoutIsoScale()
        {
            var s = new AlarmSettings();
            s.IsoZoneAlarms = false;
            s.BaselineWindows = 4;
            var rule = new AlarmRule(AlarmFeature.Kurtosis, -1, 0f, 0f);
            rule.FromBaseline = true;
            rule.WarningFactor = 1.5f;
            rule.AlarmFactor = 2f;
            s.Rules = new AlarmRule[] { rule };
            var e = new AlarmEngine(s);
            e.StartBaseline();
            MeasurementRecord w = Window(1f, true);
            w.Kurtosis[0] = 3f;
            w.Kurtosis[1] = 3f;
            w.Kurtosis[2] = 3f;
            for (int i = 0; i < 4; i++)
            {
                e.Evaluate(w);
            }

            Assert.IsTrue(System.Math.Abs(e.WarningThreshold(0) - 4.5f) < 1e-4);
            Assert.IsTrue(System.Math.Abs(e.AlarmThreshold(0) - 6f) < 1e-4);
        }

        [TestMethod]
        public void StopBaselineEarlyUsesWhatWasCollected()
        {
            var s = new AlarmSettings();
            s.IsoBoundaryBC = 2.8f;
            s.IsoBoundaryCD = 4.5f;
            s.IsoBoundaryAB = 1.4f;
            s.IsoZoneAlarms = false;
            AlarmRule rule = VelocityRule(0f, 0f, 1);
            rule.FromBaseline = true;
            s.Rules = new AlarmRule[] { rule };
            var e = new AlarmEngine(s);
            Assert.IsFalse(e.StopBaseline(), "not learning");
            e.StartBaseline();
            Assert.IsFalse(e.StopBaseline(), "nothing collected");
            e.StartBaseline();
            e.Evaluate(Window(2f, true));
            e.Evaluate(Window(2f, true));
            Assert.IsTrue(e.StopBaseline());
            Assert.IsTrue(System.Math.Abs(e.Baseline(0) - 2f) < 1e-4);
        }

        [TestMethod]
        public void InvalidSettingsAreRefused()
        {
            var s = new AlarmSettings();
            var bad = new AlarmRule(AlarmFeature.VelocityRms, -1, 5f, 4f);
            s.Rules = new AlarmRule[] { bad };
            Assert.AreEqual("rules.alarm below warning", s.Validate());
            Assert.ThrowsException(typeof(System.ArgumentException), () => new AlarmEngine(s));
            bad.Alarm = 6f;
            bad.Feature = 99;
            Assert.AreEqual("rules.feature", s.Validate());
        }
    }
}
