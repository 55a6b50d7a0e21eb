using SensorNode.Core.Json;
using SensorNode.Core.Protocol;

namespace SensorNode.Core.Security
{
    /// <summary>
    /// The node's gate for signed inbound messages (desired config and commands): signature with the node's
    /// key, then the replay counter. Counts every rejection by kind for the health message.
    /// </summary>
    public sealed class InboundAuthenticator
    {
        private readonly ReplayGuard _replay;
        private byte[] _key;

        public int RejectedUnsigned;
        public int RejectedBadSignature;
        public int RejectedReplayed;

        public InboundAuthenticator(ReplayGuard replay, byte[] key)
        {
            _replay = replay;
            _key = key;
        }

        public ReplayGuard Replay => _replay;

        public bool HasKey => _key != null && _key.Length == MessageSigner.KeyLength;

        /// <summary>Sets the key (from the config in force); null disables every signed channel.</summary>
        public void SetKey(byte[] key)
        {
            _key = key;
        }

        /// <summary>
        /// Checks one message already parsed into <paramref name="root"/> whose counter is <paramref name="counter"/>.
        /// Returns Ok (authentic and new: call <see cref="Accept"/> once it was handled), Unchanged (the last
        /// message again: do not act twice), or Unsigned / NoKey / BadSignature / Replayed (rejected and counted).
        /// </summary>
        public int Authenticate(int channel, string topic, byte[] payload, int offset, int length, JsonNode root, long counter)
        {
            int result = MessageSigner.Verify(_key, topic, payload, offset, length, root);
            if (result == ResultCode.Unsigned)
            {
                RejectedUnsigned++;
                return result;
            }

            if (result != ResultCode.Ok)
            {
                // NoKey counts with bad signatures: from outside both are "not signed with this node's key".
                RejectedBadSignature++;
                return result;
            }

            result = _replay.Check(channel, counter, SignatureOf(root));
            if (result == ResultCode.Replayed)
            {
                RejectedReplayed++;
            }

            return result;
        }

        /// <summary>Marks an authenticated message as consumed (its counter can never be used again).</summary>
        public bool Accept(int channel, long counter, JsonNode root)
        {
            return _replay.Accept(channel, counter, SignatureOf(root));
        }

        public void CopyCountersTo(HealthSnapshot health)
        {
            health.RejectedUnsigned = RejectedUnsigned;
            health.RejectedBadSignature = RejectedBadSignature;
            health.RejectedReplayed = RejectedReplayed;
        }

        private static byte[] SignatureOf(JsonNode root)
        {
            JsonNode sig = root.Get(MessageSigner.SignatureMember);
            byte[] bytes = sig == null || !sig.IsString ? null : Hex.Decode(sig.StringValue);
            return bytes == null || bytes.Length != MessageSigner.SignatureLength ? new byte[MessageSigner.SignatureLength] : bytes;
        }
    }
}
