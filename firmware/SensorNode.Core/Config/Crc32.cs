namespace SensorNode.Core.Config
{
    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF):
    /// the check value of "123456789" is 0xCBF43926. Table built once.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }

        /// <summary>Continues a running CRC; start with <c>0xFFFFFFFF</c> and XOR the end result with it.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                crc = Table[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0xFFFFFFFFu, data, offset, count) ^ 0xFFFFFFFFu;
        }
    }
}
