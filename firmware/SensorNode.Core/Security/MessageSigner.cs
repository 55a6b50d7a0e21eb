using System.Security.Cryptography;
using System.Text;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;

namespace SensorNode.Core.Security
{
    /// <summary>
    /// HMAC-SHA256 signatures of desired config and commands with the node's key. One definition for both
    /// sides: the host signs with <see cref="Sign"/>, the node checks with <see cref="Verify"/>.
    ///
    /// Canonical form. The host writes the message without signature, U — a compact JSON object with at least
    /// one member that ends in '}' — and computes
    ///     sig = HMAC-SHA256(key, UTF8(topic) || 0x0A || U)
    /// The payload sent is U with its final '}' replaced by <c>,"sig":"&lt;64 lowercase hex&gt;"}</c>. The node
    /// recovers U exactly: the bytes of the payload up to (not including) the ',' before the "sig" member,
    /// followed by '}'. "sig" must therefore be the last member. Binding the topic stops a config signed for
    /// one node or topic from being accepted on another.
    /// </summary>
    public static class MessageSigner
    {
        public const string SignatureMember = "sig";

        /// <summary>Key length, bytes (64 hex chars in the config).</summary>
        public const int KeyLength = 32;

        public const int SignatureLength = 32;

        /// <summary>HMAC-SHA256(key, UTF8(topic) || '\n' || unsigned[offset .. offset + length)).</summary>
        public static byte[] Compute(byte[] key, string topic, byte[] unsignedPayload, int offset, int length)
        {
            byte[] t = Encoding.UTF8.GetBytes(topic);
            var message = new byte[t.Length + 1 + length];
            System.Array.Copy(t, message, t.Length);
            message[t.Length] = 0x0A;
            System.Array.Copy(unsignedPayload, offset, message, t.Length + 1, length);
            return HMACSHA256.HashData(key, message);
        }

        /// <summary>Signs an unsigned payload (compact JSON object with at least one member, ending in '}')
        /// for <paramref name="topic"/>. Throws ArgumentException when the payload is not of that form.</summary>
        public static byte[] Sign(byte[] key, string topic, byte[] unsignedPayload)
        {
            if (key == null || key.Length != KeyLength)
            {
                throw new System.ArgumentException("key must be 32 bytes");
            }

            int n = unsignedPayload == null ? 0 : unsignedPayload.Length;
            if (n < 3 || unsignedPayload[0] != (byte)'{' || unsignedPayload[n - 1] != (byte)'}' || unsignedPayload[n - 2] == (byte)'{')
            {
                throw new System.ArgumentException("payload must be a JSON object with at least one member, ending in '}'");
            }

            byte[] mac = Compute(key, topic, unsignedPayload, 0, n);
            byte[] tail = Encoding.UTF8.GetBytes(",\"" + SignatureMember + "\":\"" + Hex.Encode(mac) + "\"}");
            var signed = new byte[n - 1 + tail.Length];
            System.Array.Copy(unsignedPayload, signed, n - 1);
            System.Array.Copy(tail, 0, signed, n - 1, tail.Length);
            return signed;
        }

        /// <summary>Signs a JSON string (UTF-8) and returns the signed JSON string.</summary>
        public static string SignString(byte[] key, string topic, string unsignedJson)
        {
            byte[] signed = Sign(key, topic, Encoding.UTF8.GetBytes(unsignedJson));
            return Encoding.UTF8.GetString(signed, 0, signed.Length);
        }

        /// <summary>Checks the signature of a parsed payload. Returns ResultCode.Ok, Unsigned (no "sig"),
        /// BadSignature (malformed, not the last member, or wrong) or NoKey (the node has no key).
        /// <paramref name="root"/> must be the parse of payload[offset .. offset + length).</summary>
        public static int Verify(byte[] key, string topic, byte[] payload, int offset, int length, JsonNode root)
        {
            int index = root == null || !root.IsObject ? -1 : root.IndexOf(SignatureMember);
            if (index < 0)
            {
                return ResultCode.Unsigned;
            }

            if (key == null || key.Length != KeyLength)
            {
                return ResultCode.NoKey;
            }

            JsonNode sigNode = root.ItemAt(index);
            if (index != root.Count - 1 || index == 0 || !sigNode.IsString || sigNode.StringValue.Length != SignatureLength * 2)
            {
                return ResultCode.BadSignature;
            }

            byte[] claimed = Hex.Decode(sigNode.StringValue);
            if (claimed == null)
            {
                return ResultCode.BadSignature;
            }

            int comma = root.SeparatorAt(index);
            if (comma < offset || comma >= offset + length)
            {
                return ResultCode.BadSignature;
            }

            // U = payload[offset .. comma) + '}'
            int unsignedLength = comma - offset + 1;
            var unsignedPayload = new byte[unsignedLength];
            System.Array.Copy(payload, offset, unsignedPayload, 0, unsignedLength - 1);
            unsignedPayload[unsignedLength - 1] = (byte)'}';
            byte[] expected = Compute(key, topic, unsignedPayload, 0, unsignedLength);
            return FixedTimeEquals(expected, claimed) ? ResultCode.Ok : ResultCode.BadSignature;
        }

        /// <summary>Compares two byte arrays in time that depends only on their length.</summary>
        public static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }
    }
}
