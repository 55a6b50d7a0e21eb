using nanoFramework.TestFramework;
using SensorNode.Core.Alarms;
using SensorNode.Core.Node;
using SensorNode.Core.Tests.Fakes;

namespace SensorNode.Core.Tests.Node
{
    /// <summary>Alarms end to end: synthetic vibration → DSP → alarm engine → alarm events on MQTT.</summary>
    [TestClass]
    public class AlarmRuntimeTests
    {
        private static RuntimeRig Rig()
        {
            NodeSettings s = RuntimeRig.DefaultSettings();
            var rule = new AlarmRule(AlarmFeature.VelocityRms, -1, 2f, 3f);
            rule.OnDelayWindows = 2;
            rule.OffDelayWindows = 2;
            s.Alarms.Rules = new AlarmRule[] { rule };
            s.Alarms.IsoZoneAlarms = false;
            var rig = new RuntimeRig(s);
            // 0.3 m/s² RMS at 50 Hz ≈ 0.95 mm/s: normal.
            SetAcceleration(rig, 0.3f);
            return rig;
        }

        private static void SetAcceleration(RuntimeRig rig, float rms)
        {
            rig.Accelerometer.RmsPerAxis[0] = rms;
            rig.Accelerometer.RmsPerAxis[1] = rms;
            rig.Accelerometer.RmsPerAxis[2] = rms;
        }

        [TestMethod]
        public void AlarmEventCarriesTheValueAndReportingSpeedsUp()
        {
            RuntimeRig rig = Rig();
            rig.RunFor(25000);
            Assert.AreEqual(0, rig.Mqtt.WithTopicEnding("/alarm").Count);
            // 1.5 m/s² RMS at 50 Hz ≈ 4.77 mm/s: above the alarm threshold, for the on-delay of 2 windows.
            SetAcceleration(rig, 1.5f);
            rig.RunFor(20000);
            var alarms = rig.Mqtt.WithTopicEnding("/alarm");
            Assert.AreEqual(1, alarms.Count);
            string e = ((PublishedMessage)alarms[0]).Payload;
            Assert.AreEqual("alarm", FakeMqttLink.JsonString(e, "level"));
            Assert.AreEqual("ok", FakeMqttLink.JsonString(e, "prev"));
            Assert.AreEqual("vrms", FakeMqttLink.JsonString(e, "feature"));
            Assert.AreEqual("threshold", FakeMqttLink.JsonString(e, "kind"));
            float value = rig.Runtime.Alarms.TriggerValue(0);
            Assert.IsTrue(value > 4.3f && value < 5.2f, "velocity of 1.5 m/s² at 50 Hz: " + value.ToString());

            // In alarm the interval is 2 s instead of 10 s.
            int before = rig.Runtime.CyclesCompleted;
            rig.RunFor(20000);
            Assert.IsTrue(rig.Runtime.CyclesCompleted - before >= 9, (rig.Runtime.CyclesCompleted - before).ToString());

            rig.Runtime.ClearAlarms();
            alarms = rig.Mqtt.WithTopicEnding("/alarm");
            Assert.AreEqual("ok", FakeMqttLink.JsonString(((PublishedMessage)alarms[alarms.Count - 1]).Payload, "level"));
        }

        [TestMethod]
        public void StoppedMachineRaisesNoVibrationAlarm()
        {
            RuntimeRig rig = Rig();
            rig.Current.AmplitudeCodes = 0; // no current: the machine stands still
            SetAcceleration(rig, 1.5f);       // e.g. a neighbour machine shaking the mount
            rig.RunFor(60000);
            Assert.IsFalse(rig.Runtime.LastRecord.Running);
            Assert.AreEqual(0, rig.Mqtt.WithTopicEnding("/alarm").Count);
            rig.Current.AmplitudeCodes = 600;
            rig.RunFor(30000);
            Assert.IsTrue(rig.Runtime.LastRecord.Running);
            Assert.AreEqual(1, rig.Mqtt.WithTopicEnding("/alarm").Count);
        }

        [TestMethod]
        public void AlarmWhileOfflineIsDeliveredLaterAsHistorical()
        {
            RuntimeRig rig = Rig();
            rig.RunFor(5000);
            rig.Mqtt.BrokerDown();
            SetAcceleration(rig, 1.5f);
            rig.RunFor(30000);
            Assert.AreEqual(1, rig.Runtime.PendingAlarmEvents);
            rig.Mqtt.BrokerUp = true;
            rig.RunFor(20000);
            var alarms = rig.Mqtt.WithTopicEnding("/alarm");
            Assert.AreEqual(1, alarms.Count);
            Assert.Contains("\"hist\":true", ((PublishedMessage)alarms[0]).Payload);
            Assert.AreEqual(0, rig.Runtime.PendingAlarmEvents);
        }
    }
}
