using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Node;
using SensorNode.Core.Protocol;
using SensorNode.Core.Tests.Fakes;

namespace SensorNode.Core.Tests.Config
{
    /// <summary>docs/memory.md: one shared config workspace sized by the board's memory class, slots framed in it,
    /// and the one rule for the current window.</summary>
    [TestClass]
    public class SmallBoardConfigTests
    {
        private static string Repeat(char c, int n)
        {
            var chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                chars[i] = c;
            }

            return new string(chars);
        }

        [TestMethod]
        public void SmallWorkspaceSavesAndLoadsAConfigInPlace()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs, ConfigWorkspace.Small());
            NodeConfig c = ConfigSamples.Complete();
            c.BrokerCaPem = null;
            Assert.IsTrue(store.Save(c));
            Assert.IsTrue(store.Save(c), "second save goes to the other slot");
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs, ConfigWorkspace.Small()).Load(loaded, new FieldErrors()));
            Assert.AreEqual(ConfigHash.Compute(c), ConfigHash.Compute(loaded));
            Assert.AreEqual(2u, store.Generation);

            // Same on-flash format as the large store.
            var large = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs).Load(large, new FieldErrors()));
            Assert.AreEqual(ConfigHash.Compute(c), ConfigHash.Compute(large));
        }

        [TestMethod]
        public void SmallWorkspaceRefusesADocumentWithACaCertificateAndKeepsTheOldOne()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs, ConfigWorkspace.Small());
            NodeConfig c = ConfigSamples.Complete();
            c.BrokerCaPem = null;
            Assert.IsTrue(store.Save(c));
            NodeConfig withCa = ConfigSamples.Complete();
            withCa.BrokerCaPem = "-----BEGIN CERTIFICATE-----\n" + Repeat('A', 4000) + "\n-----END CERTIFICATE-----\n";
            Assert.IsFalse(store.Save(withCa), "4 KB document limit on a board without PSRAM");
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs, ConfigWorkspace.Small()).Load(loaded, new FieldErrors()));
            Assert.IsNull(loaded.BrokerCaPem, "the previous config is in force");
        }

        [TestMethod]
        public void TornInPlaceWriteLeavesThePreviousDocument()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs, ConfigWorkspace.Small());
            NodeConfig first = ConfigSamples.Complete();
            first.BrokerCaPem = null;
            Assert.IsTrue(store.Save(first));
            NodeConfig second = ConfigSamples.Complete();
            second.BrokerCaPem = null;
            second.ReportIntervalS = 120;
            blobs.TearNextWriteAt = 100;
            Assert.IsFalse(store.Save(second));
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs, ConfigWorkspace.Small()).Load(loaded, new FieldErrors()));
            Assert.AreEqual(first.ReportIntervalS, loaded.ReportIntervalS);
        }

        [TestMethod]
        public void TheStoreSharesTheWorkspaceWithTheProcessorAndAllocatesNoSlotBuffers()
        {
            ConfigWorkspace ws = ConfigWorkspace.Small();
            var store = new ConfigStore(new MemoryBlobStore(), ws);
            Assert.AreSame(ws, store.Workspace);
            Assert.AreEqual(0, ConfigStore.PlannedBytes(ws.MaxDocumentBytes));
            Assert.AreEqual(ConfigWorkspace.SmallDocumentBytes + ConfigWorkspace.EnvelopeBytes, ws.Buffer.Length);
            Assert.AreEqual(ConfigWorkspace.SmallDocumentBytes, NodeMemoryPlan.DocumentBytes(NodeMemoryPlan.ClassSmall));
            Assert.AreEqual(ConfigCodec.MaxDocumentBytes, NodeMemoryPlan.DocumentBytes(NodeMemoryPlan.ClassPsram));
        }

        [TestMethod]
        [DataRow(256, true)]
        [DataRow(1024, true)]
        [DataRow(8192, true)]
        [DataRow(2000, false)]
        [DataRow(128, false)]
        [DataRow(16384, false)]
        public void CurrentWindowIsAPowerOfTwo(int samples, bool valid)
        {
            Assert.AreEqual(valid, ConfigValidator.IsCurrentWindow(samples));
            NodeConfig c = ConfigSamples.Complete();
            c.CurrentSamples = samples;
            var errors = new FieldErrors();
            Assert.AreEqual(valid, ConfigValidator.Validate(c, errors));
            if (valid)
            {
                Assert.AreEqual(samples, NodeServices.CurrentWindow(c), "the DSP uses the configured window as is");
            }
            else
            {
                Assert.AreEqual("sampling.currentSamples", errors[0].Path);
            }
        }

        [TestMethod]
        public void TheDefaultCurrentWindowIsValid()
        {
            Assert.IsTrue(ConfigValidator.IsCurrentWindow(new NodeConfig().CurrentSamples));
        }
    }
}
