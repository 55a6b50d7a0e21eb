using nanoFramework.TestFramework;
using SensorNode.Core.Protocol;

namespace SensorNode.Core.Tests.Protocol
{
    [TestClass]
    public class TopicsTests
    {
        [TestMethod]
        public void BuildsEveryTopicOnce()
        {
            var t = new Topics("plant-1", "pump_03");
            Assert.AreEqual("sensornode/v1/plant-1/pump_03", t.Base);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/birth", t.Birth);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/status", t.Status);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/telemetry", t.Telemetry);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/alarm", t.Alarm);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/health", t.Health);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/config/desired", t.ConfigDesired);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/config/reported", t.ConfigReported);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/config/ack", t.ConfigAck);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/cmd", t.Command);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/cmd/ack", t.CommandAck);
            Assert.AreEqual("sensornode/v1/plant-1/pump_03/spectrum", t.Spectrum);
            Assert.AreSame(t.Telemetry, t.Telemetry);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("a/b")]
        [DataRow("+")]
        [DataRow("#")]
        [DataRow("a b")]
        [DataRow("für")]
        [DataRow("123456789012345678901234567890123")]
        public void RejectsBadSegments(string segment)
        {
            Assert.IsFalse(Topics.IsValidSegment(segment));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Topics(segment, "n1"));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Topics("s1", segment));
        }

        [TestMethod]
        public void ParsesTopicsOfTheTree()
        {
            string site;
            string node;
            string leaf;
            Assert.IsTrue(Topics.TryParse("sensornode/v1/s1/n1/config/ack", out site, out node, out leaf));
            Assert.AreEqual("s1", site);
            Assert.AreEqual("n1", node);
            Assert.AreEqual("config/ack", leaf);
            Assert.IsFalse(Topics.TryParse("sensornode/v2/s1/n1/birth", out site, out node, out leaf));
            Assert.IsFalse(Topics.TryParse("sensornode/v1/s1/n1/other", out site, out node, out leaf));
            Assert.IsFalse(Topics.TryParse("sensornode/v1/s1", out site, out node, out leaf));
            Assert.AreEqual("sensornode/v1/+/+/telemetry", Topics.AllNodes(Topics.TelemetryLeaf));
        }

        [TestMethod]
        public void RetainOnlyWhereStateNotEvents()
        {
            Assert.IsTrue(Topics.BirthRetain);
            Assert.IsTrue(Topics.StatusRetain);
            Assert.IsTrue(Topics.ConfigDesiredRetain);
            Assert.IsTrue(Topics.ConfigReportedRetain);
            Assert.IsFalse(Topics.TelemetryRetain);
            Assert.IsFalse(Topics.AlarmRetain);
            Assert.IsFalse(Topics.CommandRetain);
            Assert.IsFalse(Topics.CommandAckRetain);
            Assert.IsFalse(Topics.ConfigAckRetain);
        }
    }
}
