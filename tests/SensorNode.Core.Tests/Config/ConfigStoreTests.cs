using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Json;

namespace SensorNode.Core.Tests.Config
{
    [TestClass]
    public class ConfigStoreTests
    {
        [TestMethod]
        public void Crc32CheckValue()
        {
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(JsonTestUtil.Bytes("123456789"), 0, 9));
            Assert.AreEqual(0u, Crc32.Compute(new byte[0], 0, 0));
        }

        [TestMethod]
        public void SavesAndLoads()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            NodeConfig c = ConfigSamples.Complete();
            Assert.IsTrue(store.Save(c));
            var loaded = new NodeConfig();
            var errors = new FieldErrors();
            Assert.IsTrue(new ConfigStore(blobs).Load(loaded, errors));
            Assert.AreEqual(ConfigHash.Compute(c), ConfigHash.Compute(loaded));
            Assert.AreEqual(ConfigSamples.WifiSecret, loaded.WifiPassword);
        }

        [TestMethod]
        public void EmptyStoreLoadsNothing()
        {
            var errors = new FieldErrors();
            Assert.IsFalse(new ConfigStore(new MemoryBlobStore()).Load(new NodeConfig(), errors));
            Assert.AreEqual(ResultCode.MissingField, errors[0].Code);
        }

        [TestMethod]
        public void SlotsAlternateAndTheNewestWins()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            NodeConfig c = ConfigSamples.Complete();
            for (int i = 1; i <= 5; i++)
            {
                c.ReportIntervalS = 10 * i;
                Assert.IsTrue(store.Save(c));
                Assert.AreEqual((uint)i, store.Generation);
            }

            Assert.IsTrue(blobs.Exists("config.a"));
            Assert.IsTrue(blobs.Exists("config.b"));
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs).Load(loaded, new FieldErrors()));
            Assert.AreEqual(50, loaded.ReportIntervalS);
        }

        private static NodeConfig Minimal(int interval, string asset)
        {
            var c = new NodeConfig();
            c.NodeId = "n1";
            c.Site = "s1";
            c.BrokerHost = "broker.local";
            c.ReportIntervalS = interval;
            c.AssetName = asset;
            return c;
        }

        [TestMethod]
        public void WriteTornAtEveryByteLeavesThePreviousConfig()
        {
            NodeConfig old = Minimal(60, "Fan");
            NodeConfig next = Minimal(30, "A longer asset name, so the new document is longer");

            // Size of the new slot: header + document.
            var probe = new MemoryBlobStore();
            new ConfigStore(probe).Save(next);
            int total = probe.Raw("config.a").Length;
            var loaded = new NodeConfig();
            var errors = new FieldErrors();

            // One or two earlier saves, so the torn write hits an empty slot or one holding an older config.
            for (int generationsBefore = 1; generationsBefore <= 2; generationsBefore++)
            {
                for (int tear = 0; tear < total; tear++)
                {
                    var blobs = new MemoryBlobStore();
                    var store = new ConfigStore(blobs);
                    for (int g = 0; g < generationsBefore; g++)
                    {
                        Assert.IsTrue(store.Save(old));
                    }

                    blobs.TearNextWriteAt = tear;
                    Assert.IsFalse(store.Save(next), "tear at " + tear.ToString());
                    Assert.IsTrue(new ConfigStore(blobs).Load(loaded, errors), "tear at " + tear.ToString());
                    Assert.AreEqual(60, loaded.ReportIntervalS, "tear at " + tear.ToString());

                    // Every 50th offset: the store still works afterwards.
                    if (tear % 50 == 0)
                    {
                        Assert.IsTrue(store.Save(next));
                        Assert.IsTrue(new ConfigStore(blobs).Load(loaded, errors));
                        Assert.AreEqual(30, loaded.ReportIntervalS);
                    }
                }
            }
        }

        [TestMethod]
        public void AWriteThatLandedButReportedFailureCountsAsWritten()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            NodeConfig c = ConfigSamples.Complete();
            Assert.IsTrue(store.Save(c));
            c.ReportIntervalS = 15;
            blobs.TearNextWriteAt = 1000000;
            Assert.IsTrue(store.Save(c));
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs).Load(loaded, new FieldErrors()));
            Assert.AreEqual(15, loaded.ReportIntervalS);
        }

        [TestMethod]
        public void FailedStorageKeepsTheOldConfig()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            NodeConfig c = ConfigSamples.Complete();
            Assert.IsTrue(store.Save(c));
            blobs.FailWrites = true;
            c.ReportIntervalS = 15;
            Assert.IsFalse(store.Save(c));
            blobs.FailWrites = false;
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs).Load(loaded, new FieldErrors()));
            Assert.AreEqual(60, loaded.ReportIntervalS);
        }

        [TestMethod]
        public void CorruptNewestSlotFallsBackToTheOlder()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            NodeConfig c = ConfigSamples.Complete();
            Assert.IsTrue(store.Save(c));
            c.ReportIntervalS = 15;
            Assert.IsTrue(store.Save(c));
            byte[] raw = blobs.Raw("config.b");
            raw[raw.Length / 2] ^= 0x40;
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs).Load(loaded, new FieldErrors()));
            Assert.AreEqual(60, loaded.ReportIntervalS);
        }

        [TestMethod]
        public void NewestSlotThatDoesNotValidateFallsBack()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            Assert.IsTrue(store.Save(ConfigSamples.Complete()));
            // Same envelope, valid CRC, but a document this firmware rejects.
            var slots = new AtomicSlots(blobs, ConfigStore.BlobName, 0x46434E53, ConfigCodec.MaxDocumentBytes);
            Assert.AreEqual(60, 60);
            Assert.IsTrue(slots.Load(new byte[ConfigCodec.MaxDocumentBytes], -1) > 0);
            byte[] bad = JsonTestUtil.Bytes("{\"schema\":1,\"node\":{\"id\":\"n1\"},\"bogus\":true}");
            Assert.IsTrue(slots.Save(bad, bad.Length));
            var loaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(blobs).Load(loaded, new FieldErrors()));
            Assert.AreEqual("s1", loaded.Site);
        }

        [TestMethod]
        public void EraseRemovesBothSlots()
        {
            var blobs = new MemoryBlobStore();
            var store = new ConfigStore(blobs);
            store.Save(ConfigSamples.Complete());
            store.Save(ConfigSamples.Complete());
            store.Erase();
            Assert.IsFalse(blobs.Exists("config.a"));
            Assert.IsFalse(blobs.Exists("config.b"));
            Assert.IsFalse(new ConfigStore(blobs).Load(new NodeConfig(), new FieldErrors()));
        }
    }
}
