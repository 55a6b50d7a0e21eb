using System.Collections;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>An in-memory <see cref="IBlobStore"/> that can simulate a power cut: with <see cref="TearNextWriteAt"/>
    /// set, the next write stores only that many bytes (over what was there) and then fails, as flash does when
    /// power goes mid-write. It can also be made to fail outright.</summary>
    public sealed class MemoryBlobStore : IBlobStore
    {
        private readonly Hashtable _blobs = new Hashtable();

        /// <summary>When 0 or more, the next write is torn after this many bytes. Reset to -1 after it happened.</summary>
        public int TearNextWriteAt = -1;

        /// <summary>When true every write fails without touching the stored data (e.g. disk full).</summary>
        public bool FailWrites;

        public int WriteCount;

        public int Read(string name, byte[] buffer)
        {
            var data = (byte[])_blobs[name];
            if (data == null || data.Length > buffer.Length)
            {
                return -1;
            }

            System.Array.Copy(data, buffer, data.Length);
            return data.Length;
        }

        public bool Write(string name, byte[] data, int length)
        {
            WriteCount++;
            if (FailWrites)
            {
                return false;
            }

            if (TearNextWriteAt >= 0)
            {
                // A torn write: the first bytes of the new content land, the rest of the old content stays.
                var old = (byte[])_blobs[name];
                int kept = TearNextWriteAt < length ? TearNextWriteAt : length;
                int total = old != null && old.Length > kept ? old.Length : kept;
                var torn = new byte[total];
                if (old != null)
                {
                    System.Array.Copy(old, torn, old.Length < total ? old.Length : total);
                }

                System.Array.Copy(data, torn, kept);
                _blobs[name] = torn;
                TearNextWriteAt = -1;
                return false;
            }

            var copy = new byte[length];
            System.Array.Copy(data, copy, length);
            _blobs[name] = copy;
            return true;
        }

        public bool Delete(string name)
        {
            _blobs.Remove(name);
            return true;
        }

        public bool Exists(string name) => _blobs.Contains(name);

        /// <summary>Direct access for tests that corrupt stored bytes on purpose.</summary>
        public byte[] Raw(string name) => (byte[])_blobs[name];
    }
}
