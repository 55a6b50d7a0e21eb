using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Protocol;

namespace SensorNode.Core.Security
{
    /// <summary>
    /// Rejects replayed config and commands: every signed message carries a counter ("ctr") that must be
    /// strictly greater than the last one accepted on its channel (config or command). The last counters and
    /// signatures are persisted atomically (blob "sec") so a reboot does not reopen old messages. The same
    /// message delivered again (a retained desired config after reconnect, a QoS 1 duplicate) is recognised
    /// by its signature and answered "unchanged" instead of being executed twice.
    /// </summary>
    public sealed class ReplayGuard
    {
        public const int ChannelConfig = 0;
        public const int ChannelCommand = 1;

        private const uint Magic = 0x43455353; // "SSEC"
        private const int StateSize = 2 * 8 + 2 * MessageSigner.SignatureLength;

        private readonly AtomicSlots _slots;
        private readonly byte[] _state = new byte[StateSize];
        private readonly long[] _last = new long[2];
        private readonly byte[][] _lastSignature = { new byte[MessageSigner.SignatureLength], new byte[MessageSigner.SignatureLength] };

        /// <summary>Creates the guard and loads the persisted counters (all zero when none are stored).</summary>
        public ReplayGuard(IBlobStore store)
        {
            _slots = new AtomicSlots(store, "sec", Magic, StateSize);
            if (_slots.Load(_state, -1) == StateSize)
            {
                _last[0] = ReadI64(_state, 0);
                _last[1] = ReadI64(_state, 8);
                System.Array.Copy(_state, 16, _lastSignature[0], 0, MessageSigner.SignatureLength);
                System.Array.Copy(_state, 16 + MessageSigner.SignatureLength, _lastSignature[1], 0, MessageSigner.SignatureLength);
            }
        }

        public long LastCounter(int channel)
        {
            return _last[channel];
        }

        /// <summary>Ok when <paramref name="counter"/> is new on the channel; Unchanged when it is the last accepted
        /// message again (same counter and signature); Replayed otherwise.</summary>
        public int Check(int channel, long counter, byte[] signature)
        {
            if (counter > _last[channel])
            {
                return ResultCode.Ok;
            }

            if (counter == _last[channel] && counter > 0 && MessageSigner.FixedTimeEquals(signature, _lastSignature[channel]))
            {
                return ResultCode.Unchanged;
            }

            return ResultCode.Replayed;
        }

        /// <summary>Records an authenticated message as the newest on its channel and persists it.
        /// False when it could not be persisted (the counter is still advanced in RAM).</summary>
        public bool Accept(int channel, long counter, byte[] signature)
        {
            _last[channel] = counter;
            System.Array.Copy(signature, _lastSignature[channel], MessageSigner.SignatureLength);
            WriteI64(_state, 0, _last[0]);
            WriteI64(_state, 8, _last[1]);
            System.Array.Copy(_lastSignature[0], 0, _state, 16, MessageSigner.SignatureLength);
            System.Array.Copy(_lastSignature[1], 0, _state, 16 + MessageSigner.SignatureLength, MessageSigner.SignatureLength);
            return _slots.Save(_state, StateSize);
        }

        /// <summary>Forgets all counters (factory reset, or a new key set over the serial line).</summary>
        public void Reset()
        {
            _last[0] = 0;
            _last[1] = 0;
            System.Array.Clear(_lastSignature[0], 0, MessageSigner.SignatureLength);
            System.Array.Clear(_lastSignature[1], 0, MessageSigner.SignatureLength);
            _slots.Erase();
        }

        private static long ReadI64(byte[] b, int o)
        {
            long v = 0;
            for (int i = 7; i >= 0; i--)
            {
                v = (v << 8) | b[o + i];
            }

            return v;
        }

        private static void WriteI64(byte[] b, int o, long v)
        {
            for (int i = 0; i < 8; i++)
            {
                b[o + i] = (byte)(v >> (8 * i));
            }
        }
    }
}
