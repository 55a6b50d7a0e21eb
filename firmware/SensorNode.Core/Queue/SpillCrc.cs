namespace SensorNode.Core.Queue
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) over spill segments, so a segment torn by a
    /// power cut is recognised and skipped instead of replaying garbage.</summary>
    public static class SpillCrc
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data, int offset, int length)
        {
            uint crc = 0xFFFFFFFF;
            int end = offset + length;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
