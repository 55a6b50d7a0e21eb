using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Node;
using SensorNode.Core.Tests.Fakes;

namespace SensorNode.Core.Tests.Node
{
    [TestClass]
    public class NodeRuntimeTests
    {
        [TestMethod]
        public void NoConfigMeansProvisioningAndNoMeasurement()
        {
            var rig = new RuntimeRig(null);
            rig.RunFor(30000);
            Assert.AreEqual(NodeState.Provisioning, rig.Runtime.State);
            Assert.AreEqual(0, rig.Accelerometer.ReadCount);
            Assert.AreEqual(0, rig.Mqtt.ConnectCount);
            var status = new NodeStatus();
            rig.Runtime.GetStatus(status);
            Assert.AreEqual("provisioning", status.StateName);
            Assert.AreEqual("config missing or invalid", status.LastTransitionReason);
        }

        [TestMethod]
        public void BootsToRunningAndPublishesBirthStatusTelemetry()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.RunFor(35000);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            Assert.AreEqual(1, rig.Mqtt.WithTopicEnding("/birth").Count);
            var status = (PublishedMessage)rig.Mqtt.WithTopicEnding("/status")[0];
            Assert.IsTrue(status.Retain);
            Assert.Contains("\"online\"", status.Payload);
            Assert.AreEqual("sensornode/v1/plant1/n01/status", rig.Mqtt.LastOptions.WillTopic);
            int hist;
            long[] seqs = rig.TelemetrySequences(out hist);
            Assert.AreEqual(4, seqs.Length, "cycles at 0, 10, 20, 30 s");
            for (int i = 0; i < seqs.Length; i++)
            {
                Assert.AreEqual((long)i, seqs[i]);
            }

            Assert.AreEqual(0, hist);
            Assert.IsTrue(rig.Mqtt.Subscriptions.Contains("sensornode/v1/plant1/n01/config/desired"));
            Assert.IsTrue(rig.Mqtt.Subscriptions.Contains("sensornode/v1/plant1/n01/cmd"));
            Assert.IsTrue(rig.Mqtt.WithTopicEnding("/health").Count >= 1);
        }

        [TestMethod]
        public void BrokerOutageWithinCapacityLosesNothingAndReplaysInOrder()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.QueueRamCapacity = 20;
            var rig = new RuntimeRig(settings);
            rig.RunFor(5000); // seq 0 live
            rig.Mqtt.BrokerDown();
            rig.RunFor(150000); // seq 1..15 measured offline
            Assert.AreEqual(NodeState.NoBroker, rig.Runtime.State);
            Assert.AreEqual(15, rig.Runtime.Queue.Count);
            Assert.AreEqual((uint)0, rig.Runtime.Queue.Dropped);
            rig.Mqtt.BrokerUp = true;
            rig.RunFor(60000);
            Assert.AreEqual(0, rig.Runtime.Queue.Count);
            Assert.AreEqual((uint)0, rig.Runtime.Queue.Dropped);

            int hist;
            long[] seqs = rig.TelemetrySequences(out hist);
            Assert.AreEqual(15, hist);
            Assert.AreEqual(0L, seqs[0]);
            AssertEverySequenceOnce(seqs, 0, seqs.Length);
            AssertHistoricalInOrder(rig);
        }

        [TestMethod]
        public void BrokerOutageBeyondCapacityDropsExactlyTheOldest()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.QueueRamCapacity = 8;
            var rig = new RuntimeRig(settings);
            rig.RunFor(5000); // seq 0 live
            rig.Mqtt.BrokerDown();
            rig.RunFor(300000); // seq 1..30 measured offline
            Assert.AreEqual(8, rig.Runtime.Queue.Count);
            Assert.AreEqual((uint)22, rig.Runtime.Queue.Dropped);
            rig.Mqtt.BrokerUp = true;
            rig.RunFor(100000);
            Assert.AreEqual((uint)22, rig.Runtime.Queue.Dropped);

            int hist;
            long[] seqs = rig.TelemetrySequences(out hist);
            Assert.AreEqual(8, hist);
            // Received: 0 live, the newest 8 of the outage (23..30) as history, then live again; 1..22 never.
            for (int s = 1; s <= 22; s++)
            {
                Assert.AreEqual(-1, IndexOf(seqs, s), "dropped seq " + s.ToString() + " must not arrive");
            }

            for (int s = 23; s <= 30; s++)
            {
                Assert.AreEqual(1, CountOf(seqs, s), "seq " + s.ToString());
            }

            long max = seqs[seqs.Length - 1];
            Assert.AreEqual((int)(max + 1 - 22), seqs.Length, "everything else arrived exactly once");
            AssertHistoricalInOrder(rig);
            var health = rig.Mqtt.WithTopicEnding("/health");
            string last = ((PublishedMessage)health[health.Count - 1]).Payload;
            Assert.AreEqual(22L, FakeMqttLink.JsonInteger(last, "dropped"));
        }

        [TestMethod]
        public void FlashSpillKeepsAnOutageLongerThanRam()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.QueueRamCapacity = 4;
            settings.SpillSegments = 4;
            settings.SpillSegmentRecords = 4;
            var rig = new RuntimeRig(settings);
            rig.RunFor(5000);
            rig.Mqtt.BrokerDown();
            rig.RunFor(200000); // 20 offline records: capacity 4 + 16
            Assert.AreEqual(20, rig.Runtime.Queue.Count);
            Assert.AreEqual((uint)0, rig.Runtime.Queue.Dropped);
            Assert.IsTrue(rig.Store.Exists("sfq0"));
            rig.Mqtt.BrokerUp = true;
            rig.RunFor(200000);
            int hist;
            long[] seqs = rig.TelemetrySequences(out hist);
            Assert.AreEqual(20, hist);
            AssertEverySequenceOnce(seqs, 0, seqs.Length);
            AssertHistoricalInOrder(rig);
            Assert.IsFalse(rig.Store.Exists("sfq0"), "replayed segments are deleted");
        }

        [TestMethod]
        public void LiveDataIsNotStarvedByReplay()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.QueueRamCapacity = 200;
            settings.ReplayPerTick = 1;
            var rig = new RuntimeRig(settings);
            rig.RunFor(5000);
            rig.Mqtt.BrokerDown();
            rig.RunFor(1000000); // 100 queued
            Assert.AreEqual(100, rig.Runtime.Queue.Count);
            rig.Mqtt.BrokerUp = true;
            rig.Mqtt.Clear();
            // One tick every 50 ms, one historical record per tick: the replay takes > 5 s and the 10 s cycle
            // keeps publishing live records in between.
            for (int i = 0; i < 600; i++)
            {
                rig.Runtime.Tick();
                rig.Clock.Advance(50);
            }

            var list = rig.Mqtt.WithTopicEnding("/telemetry");
            int lastHistorical = -1;
            int firstLive = -1;
            for (int i = 0; i < list.Count; i++)
            {
                bool hist = ((PublishedMessage)list[i]).Payload.IndexOf("\"hist\":true") >= 0;
                if (hist)
                {
                    lastHistorical = i;
                }
                else if (firstLive < 0)
                {
                    firstLive = i;
                }
            }

            Assert.AreEqual(0, rig.Runtime.Queue.Count);
            Assert.IsTrue(firstLive >= 0 && firstLive < lastHistorical, "a live record went out while history was still replaying");
        }

        [TestMethod]
        public void NetworkGoneForADayNeverRebootsAndKeepsMeasuring()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.ReportIntervalMs = 60000;
            settings.AlarmReportIntervalMs = 10000;
            settings.QueueRamCapacity = 16;
            var rig = new RuntimeRig(settings);
            rig.Network.Drop();
            rig.RunFor(24L * 3600 * 1000, 5000);
            Assert.AreEqual(0, rig.System.RebootCount);
            Assert.AreEqual(NodeState.NoNetwork, rig.Runtime.State);
            Assert.AreEqual(24 * 60, rig.Runtime.CyclesCompleted);
            // Capped back-off: 2 s doubling to 300 s (±30 % jitter) → well over 200 attempts a day, not thousands.
            Assert.IsTrue(rig.Network.ConnectCount > 250 && rig.Network.ConnectCount < 700, rig.Network.ConnectCount.ToString());
            rig.Network.Available = true;
            rig.RunFor(400000, 1000);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            Assert.AreEqual(0, rig.System.RebootCount);
        }

        [TestMethod]
        public void OneSensorFailingLeavesTheOthersWorking()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.RunFor(5000);
            rig.Temperature.Fail = true;
            rig.RunFor(10000);
            Assert.AreEqual(NodeState.Degraded, rig.Runtime.State);
            MeasurementRecord r = rig.Runtime.LastRecord;
            Assert.AreEqual(MeasurementRecord.StatusTemperatureFailed, r.Status & 7);
            Assert.AreEqual(3, r.AxisCount);
            Assert.IsTrue(r.VelocityRms[0] > 0f);
            Assert.IsTrue(r.CurrentRms > 0f);

            rig.Temperature.Fail = false;
            rig.Accelerometer.Fail = true;
            rig.RunFor(10000);
            r = rig.Runtime.LastRecord;
            Assert.AreEqual(MeasurementRecord.StatusAccelerometerFailed, r.Status & 7);
            Assert.AreEqual(0, r.AxisCount);
            Assert.IsTrue(r.TemperatureC > 30f);
            Assert.IsTrue(r.CurrentRms > 0f);
            int configures = rig.Accelerometer.ConfigureCount;

            rig.Accelerometer.Fail = false;
            rig.RunFor(10000);
            Assert.AreEqual(0, rig.Runtime.LastRecord.Status & 7);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            Assert.IsTrue(rig.Accelerometer.ConfigureCount > configures, "a failed burst re-configures the sensor");
            var telemetry = rig.Mqtt.WithTopicEnding("/telemetry");
            Assert.AreEqual(4, telemetry.Count, "every window was published, failed sensors included");
        }

        [TestMethod]
        public void UnsyncedClockFlagsRecordsUntilSynced()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.Clock.IsSynced = false;
            rig.Clock.UtcNowUnixMs = 0;
            rig.RunFor(15000);
            MeasurementRecord r = rig.Runtime.LastRecord;
            Assert.IsFalse(r.TimeSynced);
            Assert.AreEqual(MeasurementRecord.StatusClockNotSynced, r.Status & MeasurementRecord.StatusClockNotSynced);
            Assert.IsTrue(r.TimestampUnixMs < 20000, "time since boot while unsynced");

            rig.Clock.UtcNowUnixMs = RuntimeRig.StartUtcMs;
            rig.Clock.IsSynced = true;
            rig.RunFor(10000);
            r = rig.Runtime.LastRecord;
            Assert.IsTrue(r.TimeSynced);
            Assert.AreEqual(0, r.Status & MeasurementRecord.StatusClockNotSynced);
            Assert.IsTrue(r.TimestampUnixMs >= RuntimeRig.StartUtcMs);
            var telemetry = rig.Mqtt.WithTopicEnding("/telemetry");
            Assert.AreEqual(3, telemetry.Count);
            Assert.Contains("\"tsync\":false", ((PublishedMessage)telemetry[0]).Payload);
            Assert.Contains("\"tsync\":true", ((PublishedMessage)telemetry[2]).Payload);
        }

        [TestMethod]
        public void StatusQueryCountsTransitionsWithReasons()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.RunFor(5000);
            var status = new NodeStatus();
            rig.Runtime.GetStatus(status);
            Assert.AreEqual("running", status.StateName);
            int before = status.Transitions;
            rig.Network.Drop();
            rig.RunFor(5000);
            rig.Runtime.GetStatus(status);
            Assert.AreEqual("no_network", status.StateName);
            Assert.AreEqual("network lost", status.LastTransitionReason);
            Assert.AreEqual(before + 1, status.Transitions);
        }

        private static void AssertEverySequenceOnce(long[] seqs, long first, int count)
        {
            for (long s = first; s < first + count; s++)
            {
                Assert.AreEqual(1, CountOf(seqs, s), "seq " + s.ToString());
            }
        }

        private static void AssertHistoricalInOrder(RuntimeRig rig)
        {
            var list = rig.Mqtt.WithTopicEnding("/telemetry");
            long previous = -1;
            for (int i = 0; i < list.Count; i++)
            {
                string p = ((PublishedMessage)list[i]).Payload;
                if (p.IndexOf("\"hist\":true") < 0)
                {
                    continue;
                }

                long seq = FakeMqttLink.JsonInteger(p, "seq");
                Assert.IsTrue(seq > previous, "historical out of order at " + seq.ToString());
                previous = seq;
            }
        }

        private static int CountOf(long[] a, long v)
        {
            int n = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] == v)
                {
                    n++;
                }
            }

            return n;
        }

        private static int IndexOf(long[] a, long v)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] == v)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
