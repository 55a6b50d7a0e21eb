using SensorNode.Core.Features;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Queue
{
    /// <summary>
    /// The store-and-forward queue: measurement records that could not be published live wait here, oldest first.
    /// <para>RAM part: a ring of <c>ramCapacity</c> fixed-size byte slots (<see cref="RecordCodec.RecordSize"/> each),
    /// allocated once. Optional flash part: when the RAM ring is full, its oldest <c>segmentRecords</c> records are
    /// written as one CRC-protected segment blob through <see cref="IBlobStore"/>; at most <c>segmentCount</c>
    /// segment blobs exist (a fixed set of names, used round-robin), so flash use is bounded too.</para>
    /// <para>Order: flash segments (oldest first), then the RAM ring. When everything is full the OLDEST data is
    /// dropped and counted in <see cref="Dropped"/>: one record at a time without flash, one whole segment (its
    /// not yet replayed records) with flash. Enqueue never waits on anything but at most one blob write.</para>
    /// <para>Delivery is at-least-once across a reboot: a segment is deleted only after its last record was
    /// replayed, so records of a partly replayed segment are sent again after a restart (consumers drop them by
    /// sequence number and timestamp).</para>
    /// Not thread-safe: the node runtime owns it on its own thread.
    /// </summary>
    public sealed class StoreAndForwardQueue
    {
        private const uint SegmentMagic = 0x31514E53; // "SNQ1"
        private const int HeaderSize = 12;

        private readonly byte[] _ram;
        private readonly int _ramCapacity;
        private int _ramHead;
        private int _ramCount;

        private readonly IBlobStore _store;
        private readonly string[] _segmentNames;
        private readonly int _segmentRecords;
        private readonly byte[] _segment;
        private readonly int[] _segmentLength;
        private readonly uint[] _segmentSerial;
        private int _segmentHead;
        private int _segmentsFilled;
        private int _segmentReadIndex;
        private int _loadedSlot = -1;
        private uint _nextSerial = 1;
        private int _spilledRecords;

        /// <summary>A RAM-only queue.</summary>
        public StoreAndForwardQueue(int ramCapacity)
            : this(ramCapacity, null, null, 0, 0)
        {
        }

        /// <param name="ramCapacity">RAM slots (≥ 1).</param>
        /// <param name="store">Flash store for the spill, or null for RAM only.</param>
        /// <param name="spillName">Blob name prefix of the segments (e.g. "sfq"); segment i is named prefix + i.</param>
        /// <param name="segmentRecords">Records per flash segment (1 … ramCapacity).</param>
        /// <param name="segmentCount">Segment blobs at most (≥ 1 with a store).</param>
        public StoreAndForwardQueue(int ramCapacity, IBlobStore store, string spillName, int segmentRecords, int segmentCount)
        {
            if (ramCapacity < 1)
            {
                throw new System.ArgumentOutOfRangeException("ramCapacity");
            }

            _ramCapacity = ramCapacity;
            _ram = new byte[ramCapacity * RecordCodec.RecordSize];
            if (store != null)
            {
                if (segmentRecords < 1 || segmentRecords > ramCapacity)
                {
                    throw new System.ArgumentOutOfRangeException("segmentRecords");
                }

                if (segmentCount < 1 || segmentCount > 64)
                {
                    throw new System.ArgumentOutOfRangeException("segmentCount");
                }

                if (spillName == null || spillName.Length == 0)
                {
                    throw new System.ArgumentException("spillName");
                }

                _store = store;
                _segmentRecords = segmentRecords;
                _segment = new byte[HeaderSize + (segmentRecords * RecordCodec.RecordSize) + 4];
                _segmentNames = new string[segmentCount];
                _segmentLength = new int[segmentCount];
                _segmentSerial = new uint[segmentCount];
                for (int i = 0; i < segmentCount; i++)
                {
                    _segmentNames[i] = spillName + i.ToString();
                }
            }
        }

        /// <summary>Records waiting (RAM and flash).</summary>
        public int Count => _ramCount + _spilledRecords;

        /// <summary>Records the queue holds at most before dropping the oldest.</summary>
        public int Capacity => _ramCapacity + (_store == null ? 0 : _segmentNames.Length * _segmentRecords);

        /// <summary>Records waiting in RAM.</summary>
        public int RamCount => _ramCount;

        /// <summary>Records waiting in flash segments.</summary>
        public int SpilledCount => _spilledRecords;

        /// <summary>Records lost because the queue was full, a segment write failed or a stored segment was corrupt.</summary>
        public uint Dropped { get; private set; }

        /// <summary>Segment writes the store refused.</summary>
        public int SpillWriteFailures { get; private set; }

        /// <summary>Stored segments found corrupt (torn write, bad CRC) and skipped.</summary>
        public int CorruptSegments { get; private set; }

        /// <summary>Bytes this queue allocated for its buffers.</summary>
        public int AllocatedBytes => _ram.Length + (_segment == null ? 0 : _segment.Length);

        /// <summary>Buffer bytes a queue of <paramref name="ramCapacity"/> records allocates, with a spill segment of
        /// <paramref name="segmentRecords"/> records (0 = RAM only).</summary>
        public static int PlannedBytes(int ramCapacity, int segmentRecords)
        {
            int n = ramCapacity * RecordCodec.RecordSize;
            if (segmentRecords > 0)
            {
                n += HeaderSize + (segmentRecords * RecordCodec.RecordSize) + 4;
            }

            return n;
        }

        /// <summary>True when a flash store backs the queue.</summary>
        public bool HasSpill => _store != null;

        /// <summary>Copies <paramref name="record"/> in as the newest entry, making room by spilling or dropping the oldest.</summary>
        public void Enqueue(MeasurementRecord record)
        {
            if (_ramCount == _ramCapacity)
            {
                if (_store != null)
                {
                    SpillOldest();
                }
                else
                {
                    _ramHead = (_ramHead + 1) % _ramCapacity;
                    _ramCount--;
                    Dropped++;
                }
            }

            int slot = (_ramHead + _ramCount) % _ramCapacity;
            RecordCodec.Write(record, _ram, slot * RecordCodec.RecordSize);
            _ramCount++;
        }

        /// <summary>Fills <paramref name="into"/> with the oldest waiting record, flagged historical. False when empty.
        /// The record stays queued until <see cref="RemoveOldest"/> (so a failed publish loses nothing).</summary>
        public bool PeekOldest(MeasurementRecord into)
        {
            while (_segmentsFilled > 0)
            {
                if (EnsureHeadSegmentLoaded())
                {
                    RecordCodec.Read(_segment, HeaderSize + (_segmentReadIndex * RecordCodec.RecordSize), into);
                    into.Historical = true;
                    return true;
                }
            }

            if (_ramCount == 0)
            {
                return false;
            }

            RecordCodec.Read(_ram, _ramHead * RecordCodec.RecordSize, into);
            into.Historical = true;
            return true;
        }

        /// <summary>Sequence number of the oldest waiting record without decoding it; false when empty.</summary>
        public bool TryPeekSequence(out uint sequence)
        {
            while (_segmentsFilled > 0)
            {
                if (EnsureHeadSegmentLoaded())
                {
                    sequence = RecordCodec.PeekSequence(_segment, HeaderSize + (_segmentReadIndex * RecordCodec.RecordSize));
                    return true;
                }
            }

            if (_ramCount == 0)
            {
                sequence = 0;
                return false;
            }

            sequence = RecordCodec.PeekSequence(_ram, _ramHead * RecordCodec.RecordSize);
            return true;
        }

        /// <summary>Removes the oldest waiting record (after it was published).</summary>
        public void RemoveOldest()
        {
            if (_segmentsFilled > 0)
            {
                _segmentReadIndex++;
                _spilledRecords--;
                if (_segmentReadIndex >= _segmentLength[_segmentHead])
                {
                    ReleaseHeadSegment();
                }

                return;
            }

            if (_ramCount > 0)
            {
                _ramHead = (_ramHead + 1) % _ramCapacity;
                _ramCount--;
            }
        }

        /// <summary>Forgets everything waiting, flash segments included (e.g. factory reset). Not counted as dropped.</summary>
        public void Clear()
        {
            _ramHead = 0;
            _ramCount = 0;
            while (_segmentsFilled > 0)
            {
                _spilledRecords -= _segmentLength[_segmentHead] - _segmentReadIndex;
                ReleaseHeadSegment();
            }

            _spilledRecords = 0;
        }

        /// <summary>
        /// Finds segments left in flash by an earlier run (after a reboot or power cut) and queues them, oldest first,
        /// ahead of anything in RAM. Corrupt or out-of-sequence blobs are deleted. Call once at start-up.
        /// Returns the number of records recovered.
        /// </summary>
        public int RestoreFromFlash()
        {
            if (_store == null || _segmentsFilled > 0)
            {
                return 0;
            }

            int slots = _segmentNames.Length;
            int oldest = -1;
            uint maxSerial = 0;
            for (int i = 0; i < slots; i++)
            {
                _segmentLength[i] = 0;
                int loaded = LoadSlot(i);
                if (loaded < 0)
                {
                    _store.Delete(_segmentNames[i]);
                }

                if (loaded != 1)
                {
                    continue;
                }

                _segmentLength[i] = (int)(RecordCodec.ReadUInt32(_segment, 8) & 0xFFFF);
                _segmentSerial[i] = RecordCodec.ReadUInt32(_segment, 4);
                if (oldest < 0 || _segmentSerial[i] < _segmentSerial[oldest])
                {
                    oldest = i;
                }

                if (_segmentSerial[i] > maxSerial)
                {
                    maxSerial = _segmentSerial[i];
                }
            }

            _loadedSlot = -1;
            if (oldest < 0)
            {
                return 0;
            }

            // Segments were written round-robin with rising serials: keep the run that starts at the oldest.
            _segmentHead = oldest;
            _segmentsFilled = 0;
            _segmentReadIndex = 0;
            _spilledRecords = 0;
            uint previous = 0;
            for (int k = 0; k < slots; k++)
            {
                int slot = (oldest + k) % slots;
                if (_segmentLength[slot] == 0 || (k > 0 && _segmentSerial[slot] <= previous))
                {
                    break;
                }

                previous = _segmentSerial[slot];
                _segmentsFilled++;
                _spilledRecords += _segmentLength[slot];
            }

            for (int k = _segmentsFilled; k < slots; k++)
            {
                int slot = (oldest + k) % slots;
                if (_segmentLength[slot] != 0)
                {
                    _store.Delete(_segmentNames[slot]);
                    _segmentLength[slot] = 0;
                }
            }

            _nextSerial = maxSerial + 1;
            return _spilledRecords;
        }

        private void SpillOldest()
        {
            if (_segmentsFilled == _segmentNames.Length)
            {
                // Flash is full too: the oldest segment goes, with the records not yet replayed from it.
                int lost = _segmentLength[_segmentHead] - _segmentReadIndex;
                Dropped += (uint)lost;
                _spilledRecords -= lost;
                ReleaseHeadSegment();
            }

            int slot = (_segmentHead + _segmentsFilled) % _segmentNames.Length;
            int n = _segmentRecords;
            uint serial = _nextSerial++;
            RecordCodec.WriteUInt32(_segment, 0, SegmentMagic);
            RecordCodec.WriteUInt32(_segment, 4, serial);
            RecordCodec.WriteUInt32(_segment, 8, (uint)n | ((uint)RecordCodec.RecordSize << 16));
            for (int i = 0; i < n; i++)
            {
                int from = ((_ramHead + i) % _ramCapacity) * RecordCodec.RecordSize;
                System.Array.Copy(_ram, from, _segment, HeaderSize + (i * RecordCodec.RecordSize), RecordCodec.RecordSize);
            }

            int body = HeaderSize + (n * RecordCodec.RecordSize);
            RecordCodec.WriteUInt32(_segment, body, SpillCrc.Compute(_segment, 0, body));
            _ramHead = (_ramHead + n) % _ramCapacity;
            _ramCount -= n;

            if (_store.Write(_segmentNames[slot], _segment, body + 4))
            {
                _segmentLength[slot] = n;
                _segmentSerial[slot] = serial;
                if (_segmentsFilled == 0)
                {
                    _segmentReadIndex = 0;
                }

                _segmentsFilled++;
                _spilledRecords += n;
                _loadedSlot = slot;
            }
            else
            {
                // A failed write may leave a torn blob behind; remove it so a restart does not trust it.
                _store.Delete(_segmentNames[slot]);
                SpillWriteFailures++;
                Dropped += (uint)n;
                _loadedSlot = -1;
            }
        }

        private bool EnsureHeadSegmentLoaded()
        {
            if (_loadedSlot == _segmentHead)
            {
                return true;
            }

            int loaded = LoadSlot(_segmentHead);
            if (loaded == 1 && (int)(RecordCodec.ReadUInt32(_segment, 8) & 0xFFFF) == _segmentLength[_segmentHead])
            {
                _loadedSlot = _segmentHead;
                return true;
            }

            // The blob vanished or was damaged since it was written: count its records as lost and move on.
            if (loaded == 0)
            {
                CorruptSegments++;
            }

            int lost = _segmentLength[_segmentHead] - _segmentReadIndex;
            Dropped += (uint)lost;
            _spilledRecords -= lost;
            ReleaseHeadSegment();
            return false;
        }

        // 1 = valid segment now in the buffer, 0 = no blob, -1 = a blob that is not a valid segment (counted).
        private int LoadSlot(int slot)
        {
            _loadedSlot = -1;
            int length = _store.Read(_segmentNames[slot], _segment);
            if (length < 0)
            {
                return 0;
            }

            if (length < HeaderSize + 4)
            {
                CorruptSegments++;
                return -1;
            }

            uint info = RecordCodec.ReadUInt32(_segment, 8);
            int n = (int)(info & 0xFFFF);
            int size = (int)(info >> 16);
            int body = HeaderSize + (n * RecordCodec.RecordSize);
            if (RecordCodec.ReadUInt32(_segment, 0) != SegmentMagic || size != RecordCodec.RecordSize || n < 1
                || n > _segmentRecords || length != body + 4
                || RecordCodec.ReadUInt32(_segment, body) != SpillCrc.Compute(_segment, 0, body))
            {
                CorruptSegments++;
                return -1;
            }

            return 1;
        }

        private void ReleaseHeadSegment()
        {
            _store.Delete(_segmentNames[_segmentHead]);
            _segmentLength[_segmentHead] = 0;
            if (_loadedSlot == _segmentHead)
            {
                _loadedSlot = -1;
            }

            _segmentHead = (_segmentHead + 1) % _segmentNames.Length;
            _segmentsFilled--;
            _segmentReadIndex = 0;
        }
    }
}
