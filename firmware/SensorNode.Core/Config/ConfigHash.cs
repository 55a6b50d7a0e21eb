using System.Security.Cryptography;
using SensorNode.Core.Json;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// A stable 64-bit fingerprint of a config, as 16 lowercase hex chars: the first 8 bytes of
    /// HMAC-SHA256(key = UTF-8 "sensornode-config-v1", canonical JSON) where the canonical JSON is
    /// <see cref="ConfigCodec.Write"/> in <see cref="ConfigCodec.ModeHash"/> (fixed member order, compact, numbers
    /// as the writer formats them, secrets only as "…Set" flags so the hash reveals nothing about them).
    /// The same bytes on node and host give the same hash.
    /// </summary>
    public static class ConfigHash
    {
        private static readonly byte[] HashKey =
        {
            (byte)'s', (byte)'e', (byte)'n', (byte)'s', (byte)'o', (byte)'r', (byte)'n', (byte)'o', (byte)'d', (byte)'e', (byte)'-',
            (byte)'c', (byte)'o', (byte)'n', (byte)'f', (byte)'i', (byte)'g', (byte)'-', (byte)'v', (byte)'1'
        };

        /// <summary>Hash of <paramref name="c"/>; <paramref name="scratch"/> must hold the canonical JSON
        /// (ConfigCodec.MaxDocumentBytes is enough). Null when it does not fit.</summary>
        public static string Compute(NodeConfig c, byte[] scratch)
        {
            var w = new JsonWriter(scratch);
            ConfigCodec.Write(w, c, ConfigCodec.ModeHash);
            if (!w.IsComplete)
            {
                return null;
            }

            var canonical = new byte[w.Length];
            System.Array.Copy(scratch, canonical, w.Length);
            byte[] mac = HMACSHA256.HashData(HashKey, canonical);
            return Security.Hex.Encode(mac, 0, 8);
        }

        public static string Compute(NodeConfig c)
        {
            return Compute(c, new byte[ConfigCodec.MaxDocumentBytes]);
        }
    }
}
