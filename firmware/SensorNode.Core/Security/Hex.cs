namespace SensorNode.Core.Security
{
    /// <summary>Lowercase hex encoding of keys and signatures.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        public static string Encode(byte[] data, int offset, int count)
        {
            var chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[2 * i + 1] = Digits[b & 15];
            }

            return new string(chars);
        }

        public static string Encode(byte[] data)
        {
            return Encode(data, 0, data.Length);
        }

        /// <summary>Decodes an even-length hex string (either case); null when it is not one.</summary>
        public static byte[] Decode(string hex)
        {
            if (hex == null || (hex.Length & 1) != 0)
            {
                return null;
            }

            var result = new byte[hex.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int hi = Nibble(hex[2 * i]);
                int lo = Nibble(hex[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }

                result[i] = (byte)((hi << 4) | lo);
            }

            return result;
        }

        public static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
