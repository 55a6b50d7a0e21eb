using SensorNode.Core.Hardware;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// Atomic replacement of one small document on an <see cref="IBlobStore"/> whose writes may be torn at any
    /// byte. Two slots (&lt;name&gt;.a, &lt;name&gt;.b), each a 20-byte header — magic, format version, generation,
    /// payload length, CRC-32 over header fields and payload — followed by the payload. A save writes the slot
    /// that is not current, reads it back and verifies it, and only then makes it current; a load takes the valid
    /// slot with the highest generation. A write torn anywhere therefore leaves the previous document in force.
    /// Buffers are allocated once from the largest payload.
    /// </summary>
    public sealed class AtomicSlots
    {
        public const int HeaderSize = 20;
        public const ushort FormatVersion = 1;

        private readonly IBlobStore _store;
        private readonly string[] _names;
        private readonly uint _magic;
        private readonly int _maxPayload;
        private readonly byte[] _io;
        private readonly byte[] _verify;

        private int _current = -1;
        private uint _generation;

        public AtomicSlots(IBlobStore store, string name, uint magic, int maxPayload)
        {
            _store = store;
            _names = new string[] { name + ".a", name + ".b" };
            _magic = magic;
            _maxPayload = maxPayload;
            _io = new byte[HeaderSize + maxPayload];
            // One spare byte so a longer-than-expected blob is noticed rather than refused by the store.
            _verify = new byte[HeaderSize + maxPayload + 1];
        }

        /// <summary>
        /// Slots that work in <paramref name="buffer"/> (at least HeaderSize + maxPayload + 1 bytes, shared with
        /// other users on the same thread) instead of buffers of their own: use <see cref="SaveInPlace"/> and
        /// <see cref="LoadInPlace"/>, where the payload sits at offset <see cref="HeaderSize"/>. The read-back check
        /// of a save is then the slot's CRC, length and generation instead of a byte compare.
        /// </summary>
        public AtomicSlots(IBlobStore store, string name, uint magic, int maxPayload, byte[] buffer)
        {
            if (buffer == null || buffer.Length < HeaderSize + maxPayload + 1)
            {
                throw new System.ArgumentException("buffer");
            }

            _store = store;
            _names = new string[] { name + ".a", name + ".b" };
            _magic = magic;
            _maxPayload = maxPayload;
            _io = buffer;
            _verify = buffer;
        }

        /// <summary>Array bytes the slots allocate (0 when they work in a shared buffer).</summary>
        public int AllocatedBytes => _io == _verify ? 0 : _io.Length + _verify.Length;

        /// <summary>Shared-buffer mode: saves the <paramref name="length"/> payload bytes already at offset
        /// HeaderSize of the buffer. False (previous document stays current) when the write did not read back
        /// intact; the buffer then holds whatever was read.</summary>
        public bool SaveInPlace(int length)
        {
            if (length < 0 || length > _maxPayload)
            {
                return false;
            }

            int target = _current == 0 ? 1 : 0;
            uint gen = _generation + 1;
            WriteHeader(_io, gen, length);
            _store.Write(_names[target], _io, HeaderSize + length);
            uint readGen;
            int n = CheckSlot(target, out readGen);
            if (n != length || readGen != gen)
            {
                _store.Delete(_names[target]);
                return false;
            }

            _current = target;
            _generation = gen;
            return true;
        }

        /// <summary>Shared-buffer mode: leaves the newest valid slot's payload at offset HeaderSize of the buffer
        /// and returns its length, or -1 when neither slot (other than <paramref name="skipSlot"/>) is valid.</summary>
        public int LoadInPlace(int skipSlot)
        {
            uint genA = 0;
            uint genB = 0;
            int lenA = skipSlot == 0 ? -1 : CheckSlot(0, out genA);
            int lenB = skipSlot == 1 ? -1 : CheckSlot(1, out genB);
            if (lenA < 0 && lenB < 0)
            {
                if (skipSlot < 0)
                {
                    _current = -1;
                    _generation = 0;
                }

                return -1;
            }

            int slot = lenB >= 0 && (lenA < 0 || genB > genA) ? 1 : 0;
            int length = slot == 1 ? lenB : lenA;

            // The buffer holds what was read last (slot b, unless skipped): read a again when a won.
            if (slot == 0 && skipSlot != 1)
            {
                uint gen;
                length = CheckSlot(0, out gen);
                if (length < 0 || gen != genA)
                {
                    return -1;
                }
            }

            _current = slot;
            _generation = slot == 1 ? genB : genA;
            return length;
        }

        // Reads a slot into _verify and checks it; payload length or -1.
        private int CheckSlot(int slot, out uint generation)
        {
            generation = 0;
            int n = _store.Read(_names[slot], _verify);
            if (n < HeaderSize || ReadU32(_verify, 0) != _magic || ReadU16(_verify, 4) != FormatVersion)
            {
                return -1;
            }

            uint length = ReadU32(_verify, 12);
            if (length > (uint)_maxPayload || HeaderSize + (int)length > n)
            {
                return -1;
            }

            uint crc = Crc32.Update(0xFFFFFFFFu, _verify, 4, 12);
            crc = Crc32.Update(crc, _verify, HeaderSize, (int)length) ^ 0xFFFFFFFFu;
            if (crc != ReadU32(_verify, 16))
            {
                return -1;
            }

            generation = ReadU32(_verify, 8);
            return (int)length;
        }

        private void WriteHeader(byte[] b, uint gen, int length)
        {
            WriteU32(b, 0, _magic);
            WriteU16(b, 4, FormatVersion);
            WriteU16(b, 6, 0);
            WriteU32(b, 8, gen);
            WriteU32(b, 12, (uint)length);
            uint crc = Crc32.Update(0xFFFFFFFFu, b, 4, 12);
            crc = Crc32.Update(crc, b, HeaderSize, length) ^ 0xFFFFFFFFu;
            WriteU32(b, 16, crc);
        }

        public int MaxPayload => _maxPayload;

        /// <summary>Slot in force (0 = a, 1 = b), -1 when none.</summary>
        public int CurrentSlot => _current;

        /// <summary>Generation of the slot in force (0 when none).</summary>
        public uint Generation => _generation;

        public string SlotName(int slot)
        {
            return _names[slot];
        }

        /// <summary>Reads slot <paramref name="slot"/>; returns its payload length (copied into
        /// <paramref name="payload"/>) and generation, or -1 when the slot is missing, torn or corrupt.</summary>
        public int ReadSlot(int slot, byte[] payload, out uint generation)
        {
            generation = 0;
            int n = _store.Read(_names[slot], _verify);
            if (n < HeaderSize)
            {
                return -1;
            }

            if (ReadU32(_verify, 0) != _magic || ReadU16(_verify, 4) != FormatVersion)
            {
                return -1;
            }

            uint gen = ReadU32(_verify, 8);
            uint length = ReadU32(_verify, 12);
            if (length > (uint)_maxPayload || length > (uint)payload.Length || HeaderSize + (int)length > n)
            {
                return -1;
            }

            uint crc = Crc32.Update(0xFFFFFFFFu, _verify, 4, 12);
            crc = Crc32.Update(crc, _verify, HeaderSize, (int)length) ^ 0xFFFFFFFFu;
            if (crc != ReadU32(_verify, 16))
            {
                return -1;
            }

            System.Array.Copy(_verify, HeaderSize, payload, 0, (int)length);
            generation = gen;
            return (int)length;
        }

        /// <summary>Loads the valid slot with the highest generation into <paramref name="payload"/>; returns its
        /// length, or -1 when neither slot is valid. <paramref name="skipSlot"/> (-1 for none) lets a caller that
        /// could not use the newest document fall back to the other one.</summary>
        public int Load(byte[] payload, int skipSlot)
        {
            uint genA = 0;
            uint genB = 0;
            int lenA = skipSlot == 0 ? -1 : ReadSlot(0, payload, out genA);
            int lenB = skipSlot == 1 ? -1 : ReadSlot(1, _io, out genB);
            if (lenA < 0 && lenB < 0)
            {
                if (skipSlot < 0)
                {
                    _current = -1;
                    _generation = 0;
                }

                return -1;
            }

            if (lenB >= 0 && (lenA < 0 || genB > genA))
            {
                System.Array.Copy(_io, payload, lenB);
                _current = 1;
                _generation = genB;
                return lenB;
            }

            _current = 0;
            _generation = genA;
            return lenA;
        }

        /// <summary>Writes <paramref name="length"/> bytes as the new current document. False (and the previous
        /// document stays current) when the write or its read-back verification failed.</summary>
        public bool Save(byte[] payload, int length)
        {
            if (length < 0 || length > _maxPayload)
            {
                return false;
            }

            int target = _current == 0 ? 1 : 0;
            uint gen = _generation + 1;
            WriteU32(_io, 0, _magic);
            WriteU16(_io, 4, FormatVersion);
            WriteU16(_io, 6, 0);
            WriteU32(_io, 8, gen);
            WriteU32(_io, 12, (uint)length);
            System.Array.Copy(payload, 0, _io, HeaderSize, length);
            uint crc = Crc32.Update(0xFFFFFFFFu, _io, 4, 12);
            crc = Crc32.Update(crc, _io, HeaderSize, length) ^ 0xFFFFFFFFu;
            WriteU32(_io, 16, crc);
            int total = HeaderSize + length;

            // The store's own answer is not trusted either way: what counts is what reads back.
            _store.Write(_names[target], _io, total);
            int n = _store.Read(_names[target], _verify);
            bool same = n >= total;
            for (int i = 0; same && i < total; i++)
            {
                if (_verify[i] != _io[i])
                {
                    same = false;
                }
            }

            if (!same)
            {
                // Never leave a half-written slot that a later load could misjudge.
                _store.Delete(_names[target]);
                return false;
            }

            _current = target;
            _generation = gen;
            return true;
        }

        /// <summary>Removes both slots (factory reset).</summary>
        public void Erase()
        {
            _store.Delete(_names[0]);
            _store.Delete(_names[1]);
            _current = -1;
            _generation = 0;
        }

        private static uint ReadU32(byte[] b, int o)
        {
            return (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
        }

        private static ushort ReadU16(byte[] b, int o)
        {
            return (ushort)(b[o] | (b[o + 1] << 8));
        }

        private static void WriteU32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        private static void WriteU16(byte[] b, int o, ushort v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }
    }
}
