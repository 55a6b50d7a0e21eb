using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Node;
using SensorNode.Core.Protocol;
using SensorNode.Core.Tests.Config;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Security;

namespace SensorNode.Core.Tests.Node
{
    /// <summary>The runtime with the real config store, desired-config processor, command parser and signatures.</summary>
    [TestClass]
    public class ConfigIntegrationTests
    {
        private static NodeConfig SmallConfig()
        {
            NodeConfig c = ConfigSamples.Complete();
            c.FftSize = 1024;
            c.BurstLength = 1024;
            c.CurrentSamples = 1024;
            return c;
        }

        private static RuntimeRig Running()
        {
            RuntimeRig rig = RuntimeRig.WithServices(SmallConfig());
            rig.RunFor(5000);
            var status = new NodeStatus();
            rig.Runtime.GetStatus(status);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State, status.LastError);
            return rig;
        }

        private static string LastAck(RuntimeRig rig, string leaf)
        {
            var acks = rig.Mqtt.WithTopicEnding(leaf);
            Assert.IsTrue(acks.Count > 0, "no message on " + leaf);
            return ((PublishedMessage)acks[acks.Count - 1]).Payload;
        }

        private static int StoredReportInterval(RuntimeRig rig)
        {
            var c = new NodeConfig();
            Assert.IsTrue(new ConfigStore(rig.Store).Load(c, new FieldErrors()));
            return c.ReportIntervalS;
        }

        [TestMethod]
        public void ProvisionedConfigBootsIntoItsTopicTree()
        {
            RuntimeRig rig = Running();
            Assert.AreEqual("sensornode/v1/s1/n1/telemetry", ((PublishedMessage)rig.Mqtt.WithTopicEnding("/telemetry")[0]).Topic);
            Assert.AreEqual("broker.plant.local", rig.Mqtt.LastOptions.Host);
            Assert.AreEqual(60000, rig.Runtime.Settings.ReportIntervalMs);
            Assert.Contains(rig.Runtime.Settings.ConfigHash, LastAck(rig, "/birth"));
        }

        [TestMethod]
        public void MissingConfigMeansProvisioning()
        {
            RuntimeRig rig = RuntimeRig.WithServices(null);
            rig.RunFor(5000);
            Assert.AreEqual(NodeState.Provisioning, rig.Runtime.State);
            Assert.AreEqual(0, rig.Accelerometer.ReadCount);
        }

        [TestMethod]
        public void MalformedDesiredConfigIsRejectedAndTheOldOneStays()
        {
            RuntimeRig rig = Running();
            rig.Mqtt.Deliver(SecurityTestUtil.DesiredTopic, "{\"ctr\":5,\"config\":{\"report\":{\"intervalS\":30}");
            rig.RunFor(1000);
            string ack = LastAck(rig, "/config/ack");
            Assert.AreNotEqual(ResultCode.Name(ResultCode.Ok), FakeMqttLink.JsonString(ack, "result"));
            Assert.AreEqual(60000, rig.Runtime.Settings.ReportIntervalMs);
            Assert.AreEqual(60, StoredReportInterval(rig));
            Assert.AreEqual(0, rig.System.RebootCount);
        }

        [TestMethod]
        public void SignedButInvalidDesiredConfigIsRejectedWithFieldErrors()
        {
            RuntimeRig rig = Running();
            rig.Mqtt.Deliver(SecurityTestUtil.DesiredTopic, SecurityTestUtil.Desired(5, "{\"report\":{\"intervalS\":30,\"alarmIntervalS\":100}}"));
            rig.RunFor(1000);
            string ack = LastAck(rig, "/config/ack");
            Assert.AreEqual(ResultCode.Name(ResultCode.InvalidConfig), FakeMqttLink.JsonString(ack, "result"));
            Assert.Contains("report", ack);
            Assert.AreEqual(60000, rig.Runtime.Settings.ReportIntervalMs);
            Assert.AreEqual(60, StoredReportInterval(rig));
        }

        [TestMethod]
        public void UnsignedDesiredConfigIsRejectedAndCounted()
        {
            RuntimeRig rig = Running();
            rig.Mqtt.Deliver(SecurityTestUtil.DesiredTopic, "{\"ctr\":5,\"config\":{\"report\":{\"intervalS\":30}}}");
            rig.RunFor(70000);
            string ack = LastAck(rig, "/config/ack");
            Assert.AreEqual(ResultCode.Name(ResultCode.Unsigned), FakeMqttLink.JsonString(ack, "result"));
            Assert.AreEqual(60000, rig.Runtime.Settings.ReportIntervalMs);
            Assert.AreEqual(1, rig.Services.Authenticator.RejectedUnsigned);
        }

        [TestMethod]
        public void ValidDesiredConfigAppliesLivePersistsAndReports()
        {
            RuntimeRig rig = Running();
            int before = rig.Runtime.CyclesCompleted;
            rig.Mqtt.Deliver(SecurityTestUtil.DesiredTopic, SecurityTestUtil.Desired(5, "{\"report\":{\"intervalS\":20,\"alarmIntervalS\":10}}"));
            rig.RunFor(1000);
            Assert.AreEqual(ResultCode.Name(ResultCode.Ok), FakeMqttLink.JsonString(LastAck(rig, "/config/ack"), "result"));
            Assert.AreEqual(20000, rig.Runtime.Settings.ReportIntervalMs);
            Assert.AreEqual(20, StoredReportInterval(rig));
            string reported = LastAck(rig, "/config/reported");
            Assert.DoesNotContains(ConfigSamples.BrokerSecret, reported);
            Assert.DoesNotContains(ConfigSamples.WifiSecret, reported);
            Assert.AreEqual(0, rig.System.RebootCount, "an interval change needs no reboot");
            rig.RunFor(120000);
            int cycles = rig.Runtime.CyclesCompleted - before;
            Assert.IsTrue(cycles >= 6, "20 s cadence after the change: " + cycles.ToString());
        }

        [TestMethod]
        public void SizingChangeIsPersistedThenRebooted()
        {
            RuntimeRig rig = Running();
            rig.Mqtt.Deliver(SecurityTestUtil.DesiredTopic, SecurityTestUtil.Desired(5, "{\"queue\":{\"capacity\":3}}"));
            rig.RunFor(2000);
            Assert.AreEqual(ResultCode.Name(ResultCode.Ok), FakeMqttLink.JsonString(LastAck(rig, "/config/ack"), "result"));
            Assert.AreEqual(1, rig.System.RebootCount);
            Assert.Contains("\"offline\"", LastAck(rig, "/status"));
            rig.Build();
            rig.RunFor(5000);
            Assert.AreEqual(3, rig.Runtime.Settings.QueueRamCapacity, "the new size is in force after the reboot");
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
        }

        [TestMethod]
        public void TornConfigWriteAtBootLeavesThePreviousConfigInForce()
        {
            NodeConfig first = SmallConfig();
            RuntimeRig rig = RuntimeRig.WithServices(first);
            NodeConfig second = SmallConfig();
            second.ReportIntervalS = 15;
            second.AlarmReportIntervalS = 5;
            var store = new ConfigStore(rig.Store);
            store.Load(new NodeConfig(), new FieldErrors());
            rig.Store.TearNextWriteAt = 40;
            Assert.IsFalse(store.Save(second), "power cut during the write");
            rig.Build();
            rig.RunFor(5000);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            Assert.AreEqual(60000, rig.Runtime.Settings.ReportIntervalMs, "the previous config is in force");
        }

        [TestMethod]
        public void SignedCommandsActAndAreAcknowledged()
        {
            RuntimeRig rig = Running();
            rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, SecurityTestUtil.Command("c1", "identify", 7, "{\"seconds\":5}"));
            rig.RunFor(500);
            Assert.AreEqual(ResultCode.Name(ResultCode.Ok), FakeMqttLink.JsonString(LastAck(rig, "/cmd/ack"), "result"));
            Assert.IsTrue(rig.Runtime.IdentifyActive);

            rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, SecurityTestUtil.Command("c2", "rebirth", 8, null));
            int births = rig.Mqtt.WithTopicEnding("/birth").Count;
            rig.RunFor(1000);
            Assert.AreEqual(births + 1, rig.Mqtt.WithTopicEnding("/birth").Count);

            // The same signed message again is a replay: nothing happens twice.
            rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, SecurityTestUtil.Command("c2", "rebirth", 8, null));
            rig.RunFor(1000);
            Assert.AreEqual(births + 1, rig.Mqtt.WithTopicEnding("/birth").Count);

            rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, SecurityTestUtil.Command("c3", "reboot", 9, null));
            rig.RunFor(1000);
            Assert.AreEqual(1, rig.System.RebootCount);
        }

        [TestMethod]
        public void SpectrumIsAdvertisedAndAccepted()
        {
            RuntimeRig rig = Running();
            string birth = LastAck(rig, "/birth");
            Assert.IsTrue(birth.IndexOf("\"spectrum\"") >= 0, "birth caps list spectrum");
            rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, SecurityTestUtil.Command("s1", "spectrum", 9, "{\"axis\":\"x\"}"));
            rig.RunFor(1000);
            Assert.AreEqual(ResultCode.Name(ResultCode.Ok), FakeMqttLink.JsonString(LastAck(rig, "/cmd/ack"), "result"));
        }

        [TestMethod]
        public void HealthCarriesTransitionsReasonAndMemoryPlan()
        {
            RuntimeRig rig = Running();
            rig.RunFor(70000);
            string health = LastAck(rig, "/health");
            Assert.IsTrue(FakeMqttLink.JsonInteger(health, "transitions") >= 3, "boot → no network → no broker → running");
            Assert.AreEqual("broker connected", FakeMqttLink.JsonString(health, "reason"), "the transition into running");
            Assert.IsTrue(FakeMqttLink.JsonInteger(health, "memPlan") > 0, "the node reports its memory plan");
        }

        [TestMethod]
        public void InboundFloodIsBoundedAndCounted()
        {
            RuntimeRig rig = Running();
            for (int i = 0; i < 10; i++)
            {
                rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, "{}");
            }

            var status = new NodeStatus();
            rig.Runtime.GetStatus(status);
            Assert.AreEqual(10 - NodeMemoryPlan.InboundMessages, status.InboundDropped, "four messages in the mailbox, the rest dropped");
            rig.RunFor(1000);
            Assert.AreEqual(NodeMemoryPlan.InboundMessages, rig.Mqtt.WithTopicEnding("/cmd/ack").Count);
        }
    }
}
