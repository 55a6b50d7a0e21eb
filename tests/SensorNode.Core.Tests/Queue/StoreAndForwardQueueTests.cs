using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Queue;
using SensorNode.Core.Tests.Fakes;

namespace SensorNode.Core.Tests.Queue
{
    [TestClass]
    public class StoreAndForwardQueueTests
    {
        private static MeasurementRecord Record(uint seq)
        {
            var r = new MeasurementRecord();
            r.Sequence = seq;
            r.TimestampUnixMs = 1763900000000L + (seq * 10000L);
            r.TimeSynced = true;
            r.AxisCount = 3;
            r.VelocityRms[0] = seq * 0.5f;
            r.TemperatureC = 20f + seq;
            return r;
        }

        private static uint[] Drain(StoreAndForwardQueue q)
        {
            var seqs = new uint[q.Count];
            var r = new MeasurementRecord();
            int i = 0;
            while (q.PeekOldest(r))
            {
                Assert.IsTrue(r.Historical, "replayed records are flagged historical");
                Assert.AreEqual(r.Sequence * 0.5f, r.VelocityRms[0]);
                seqs[i++] = r.Sequence;
                q.RemoveOldest();
            }

            Assert.AreEqual(seqs.Length, i);
            return seqs;
        }

        [TestMethod]
        public void RamQueueKeepsOrderWithinCapacity()
        {
            var q = new StoreAndForwardQueue(10);
            for (uint s = 0; s < 10; s++)
            {
                q.Enqueue(Record(s));
            }

            Assert.AreEqual(10, q.Count);
            Assert.AreEqual((uint)0, q.Dropped);
            uint[] seqs = Drain(q);
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual((uint)i, seqs[i]);
            }

            Assert.AreEqual(0, q.Count);
            Assert.IsFalse(q.PeekOldest(new MeasurementRecord()));
        }

        [TestMethod]
        [DataRow(5, 12)]
        [DataRow(1, 3)]
        [DataRow(7, 100)]
        public void RamQueueDropsExactlyTheOldest(int capacity, int total)
        {
            var q = new StoreAndForwardQueue(capacity);
            for (uint s = 0; s < total; s++)
            {
                q.Enqueue(Record(s));
            }

            Assert.AreEqual(capacity, q.Count);
            Assert.AreEqual((uint)(total - capacity), q.Dropped);
            uint[] seqs = Drain(q);
            for (int i = 0; i < capacity; i++)
            {
                Assert.AreEqual((uint)(total - capacity + i), seqs[i]);
            }
        }

        [TestMethod]
        public void PeekWithoutRemoveLosesNothing()
        {
            var q = new StoreAndForwardQueue(4);
            q.Enqueue(Record(7));
            var r = new MeasurementRecord();
            Assert.IsTrue(q.PeekOldest(r));
            Assert.IsTrue(q.PeekOldest(r));
            Assert.AreEqual((uint)7, r.Sequence);
            Assert.AreEqual(1, q.Count);
        }

        [TestMethod]
        public void SpillToFlashKeepsOrderUpToTheWholeCapacity()
        {
            var store = new MemoryBlobStore();
            var q = new StoreAndForwardQueue(4, store, "q", 2, 3);
            Assert.AreEqual(10, q.Capacity);
            for (uint s = 0; s < 10; s++)
            {
                q.Enqueue(Record(s));
            }

            Assert.AreEqual(10, q.Count);
            Assert.AreEqual((uint)0, q.Dropped);
            Assert.AreEqual(6, q.SpilledCount);
            Assert.IsTrue(store.Exists("q0") && store.Exists("q1") && store.Exists("q2"));
            uint[] seqs = Drain(q);
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual((uint)i, seqs[i]);
            }

            Assert.IsFalse(store.Exists("q0") || store.Exists("q1") || store.Exists("q2"), "replayed segments are deleted");
        }

        [TestMethod]
        public void FullFlashDropsTheOldestSegmentAndCountsEachRecord()
        {
            var store = new MemoryBlobStore();
            var q = new StoreAndForwardQueue(4, store, "q", 2, 3);
            for (uint s = 0; s < 25; s++)
            {
                q.Enqueue(Record(s));
            }

            // Everything is either delivered later or counted: nothing vanishes silently.
            Assert.AreEqual(25, q.Count + (int)q.Dropped);
            uint[] seqs = Drain(q);
            uint first = q.Dropped;
            for (int i = 0; i < seqs.Length; i++)
            {
                Assert.AreEqual(first + (uint)i, seqs[i], "the survivors are the newest, in order");
            }

            Assert.IsTrue(seqs.Length >= 8, "at least capacity minus one segment survives");
        }

        [TestMethod]
        public void ReplayInterleavedWithNewRecordsKeepsOrder()
        {
            var store = new MemoryBlobStore();
            var q = new StoreAndForwardQueue(4, store, "q", 2, 4);
            var r = new MeasurementRecord();
            uint next = 0;
            uint expected = 0;
            for (int round = 0; round < 8; round++)
            {
                q.Enqueue(Record(next++));
                q.Enqueue(Record(next++));
                Assert.IsTrue(q.PeekOldest(r));
                Assert.AreEqual(expected++, r.Sequence);
                q.RemoveOldest();
            }

            while (q.PeekOldest(r))
            {
                Assert.AreEqual(expected++, r.Sequence);
                q.RemoveOldest();
            }

            Assert.AreEqual((uint)0, q.Dropped, "with room to spare nothing is dropped");
            Assert.AreEqual(next, expected, "every record came out once, in order");
        }

        [TestMethod]
        public void SegmentsSurviveARebootInOrder()
        {
            var store = new MemoryBlobStore();
            var q = new StoreAndForwardQueue(4, store, "q", 2, 8);
            for (uint s = 0; s < 12; s++)
            {
                q.Enqueue(Record(s));
            }

            // Power cut: the RAM part (the newest records) is lost, the flash segments are not.
            int spilled = q.SpilledCount;
            Assert.AreEqual(8, spilled);
            var after = new StoreAndForwardQueue(4, store, "q", 2, 8);
            Assert.AreEqual(spilled, after.RestoreFromFlash());
            after.Enqueue(Record(100));
            uint[] seqs = Drain(after);
            Assert.AreEqual(9, seqs.Length);
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual((uint)i, seqs[i]);
            }

            Assert.AreEqual((uint)100, seqs[8]);
        }

        [TestMethod]
        public void TornSegmentWriteIsCountedAndSkipped()
        {
            var store = new MemoryBlobStore();
            var q = new StoreAndForwardQueue(2, store, "q", 2, 4);
            q.Enqueue(Record(0));
            q.Enqueue(Record(1));
            store.TearNextWriteAt = 100;
            q.Enqueue(Record(2)); // spills 0,1: the write is torn
            Assert.AreEqual(1, q.SpillWriteFailures);
            Assert.AreEqual((uint)2, q.Dropped);
            Assert.IsFalse(store.Exists("q0"), "a torn blob is removed");
            q.Enqueue(Record(3));
            q.Enqueue(Record(4)); // spills 2,3 fine
            uint[] seqs = Drain(q);
            Assert.AreEqual(3, seqs.Length);
            Assert.AreEqual((uint)2, seqs[0]);
            Assert.AreEqual((uint)4, seqs[2]);
        }

        [TestMethod]
        public void CorruptedSegmentOnFlashIsSkippedAfterReboot()
        {
            var store = new MemoryBlobStore();
            var q = new StoreAndForwardQueue(2, store, "q", 2, 4);
            for (uint s = 0; s < 6; s++)
            {
                q.Enqueue(Record(s)); // segments q0 = {0,1}, q1 = {2,3}; RAM {4,5}
            }

            store.Raw("q0")[40] ^= 0x55; // bit rot in the oldest segment
            var after = new StoreAndForwardQueue(2, store, "q", 2, 4);
            int restored = after.RestoreFromFlash();
            Assert.AreEqual(2, restored);
            Assert.AreEqual(1, after.CorruptSegments);
            uint[] seqs = Drain(after);
            Assert.AreEqual((uint)2, seqs[0]);
            Assert.AreEqual((uint)3, seqs[1]);
        }

        [TestMethod]
        public void EnqueueNeverAllocatesAfterConstruction()
        {
            // Not a timing test: a ring of fixed slots means Capacity and AllocatedBytes never change.
            var q = new StoreAndForwardQueue(3);
            int bytes = q.AllocatedBytes;
            for (uint s = 0; s < 50; s++)
            {
                q.Enqueue(Record(s));
            }

            Assert.AreEqual(bytes, q.AllocatedBytes);
            Assert.AreEqual(3 * RecordCodec.RecordSize, bytes);
        }
    }
}
