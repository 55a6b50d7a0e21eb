using nanoFramework.TestFramework;
using SensorNode.Core.Node;
using SensorNode.Core.Tests.Fakes;

namespace SensorNode.Core.Tests.Node
{
    /// <summary>docs/protocol.md: sequence numbers only grow across reboots (reserved in flash in blocks) and the
    /// birth announces the next ones.</summary>
    [TestClass]
    public class SequenceAcrossRebootTests
    {
        private static long LastSeq(RuntimeRig rig, string leaf, string key)
        {
            var list = rig.Mqtt.WithTopicEnding(leaf);
            Assert.IsTrue(list.Count > 0, "nothing published on " + leaf);
            return FakeMqttLink.JsonInteger(((PublishedMessage)list[list.Count - 1]).Payload, key);
        }

        private static long FirstSeq(RuntimeRig rig, string leaf, string key)
        {
            var list = rig.Mqtt.WithTopicEnding(leaf);
            Assert.IsTrue(list.Count > 0, "nothing published on " + leaf);
            return FakeMqttLink.JsonInteger(((PublishedMessage)list[0]).Payload, key);
        }

        [TestMethod]
        public void TelemetrySequenceResumesAboveTheReservedBlockAfterAReboot()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.RunFor(60000);
            long before = LastSeq(rig, "/telemetry", "seq");
            Assert.AreEqual(0L, FirstSeq(rig, "/birth", "tseq"), "a new node starts at 0");

            rig.Mqtt.Published.Clear();
            rig.Build();
            rig.RunFor(30000);
            long announced = FirstSeq(rig, "/birth", "tseq");
            long after = FirstSeq(rig, "/telemetry", "seq");
            Assert.IsTrue(announced > before, "birth announces a number above every one used before the reboot");
            Assert.AreEqual((long)NodeRuntime.SequenceBlock, announced, "resumes at the end of the reserved block");
            Assert.AreEqual(announced, after, "the first record after the reboot carries the announced number");
            Assert.AreEqual((long)NodeRuntime.SequenceBlock, FirstSeq(rig, "/birth", "aseq"), "alarm numbers too");

            rig.Mqtt.Published.Clear();
            rig.Build();
            rig.RunFor(30000);
            Assert.AreEqual(2L * NodeRuntime.SequenceBlock, FirstSeq(rig, "/birth", "tseq"), "every boot reserves a new block");
        }

        [TestMethod]
        public void NumberingWithinABlockDoesNotWriteFlash()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.RunFor(5000);
            int writes = rig.Store.WriteCount;
            long first = LastSeq(rig, "/telemetry", "seq");
            rig.RunFor(100000);
            Assert.IsTrue(LastSeq(rig, "/telemetry", "seq") >= first + 9, "ten more windows measured");
            Assert.AreEqual(writes, rig.Store.WriteCount, "no flash write per window");
        }

        [TestMethod]
        public void CountersOfEarlierFirmwareAreStillRead()
        {
            var rig = new RuntimeRig(RuntimeRig.DefaultSettings());
            rig.RunFor(5000);
            Assert.AreEqual(1u, rig.Runtime.BootCount);

            // The 12-byte format (boot count, supervisor reboots, CRC) of earlier builds.
            byte[] old = new byte[12];
            old[0] = 41;
            old[4] = 2;
            uint crc = SensorNode.Core.Queue.SpillCrc.Compute(old, 0, 8);
            old[8] = (byte)crc;
            old[9] = (byte)(crc >> 8);
            old[10] = (byte)(crc >> 16);
            old[11] = (byte)(crc >> 24);
            rig.Store.Write("node.cnt", old, 12);
            rig.Build();
            rig.RunFor(5000);
            Assert.AreEqual(42u, rig.Runtime.BootCount);
            Assert.AreEqual(2, rig.Runtime.SupervisorReboots);
        }
    }
}
