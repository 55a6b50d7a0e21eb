using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// The node's handling of .../config/desired: <c>{"ctr":N,"config":{...whole or partial...},"sig":"..."}</c>.
    /// Checks syntax and limits, signature and replay counter, merges the config into a copy of the one in force,
    /// validates the whole result, persists it atomically and only then makes it current. Anything else leaves
    /// the config in force untouched. Fills a <see cref="ConfigAck"/> for .../config/ack in every case.
    /// </summary>
    public sealed class DesiredConfigProcessor
    {
        private static readonly string[] EnvelopeFields = { "ctr", "config", "sig" };

        private readonly ConfigStore _store;
        private readonly InboundAuthenticator _auth;
        private readonly JsonParser _parser;
        private readonly NodeConfig _candidate;

        // Hash of the config in force, recomputed only when the stored generation moved (every change of the
        // config in force goes through the store), so a flood of garbage costs no hashing.
        private string _currentHash;
        private uint _hashGeneration = uint.MaxValue;

        public DesiredConfigProcessor(ConfigStore store, InboundAuthenticator auth)
        {
            _store = store;
            _auth = auth;
            // The store's parser: both run on the runtime thread, one after the other.
            _parser = store.Workspace.Parser;
            _candidate = store.Workspace.Scratch;
        }

        /// <summary>
        /// Processes one desired-config message. <paramref name="current"/> is the config in force: on
        /// ResultCode.Ok it has been replaced (in place) by the new, persisted config and the caller re-applies
        /// it and publishes the reported config; on any other result it is unchanged.
        /// </summary>
        public int Process(string topic, byte[] payload, int offset, int length, NodeConfig current, ConfigAck ack)
        {
            ack.Errors.Clear();
            ack.Counter = 0;
            ack.Hash = null;
            int result = ProcessCore(topic, payload, offset, length, current, ack);
            ack.Result = result;
            ack.Hash = CurrentHash(current);
            return result;
        }

        private string CurrentHash(NodeConfig current)
        {
            if (_currentHash == null || _hashGeneration != _store.Generation)
            {
                _currentHash = _store.Hash(current);
                _hashGeneration = _store.Generation;
            }

            return _currentHash;
        }

        private int ProcessCore(string topic, byte[] payload, int offset, int length, NodeConfig current, ConfigAck ack)
        {
            FieldErrors errors = ack.Errors;
            JsonNode root = _parser.Parse(payload, offset, length);
            if (root == null)
            {
                int code = ResultCode.FromJsonError(_parser.Error);
                errors.Add("", code, "position " + _parser.ErrorPosition.ToString());
                return code;
            }

            if (!root.IsObject)
            {
                errors.Add("", ResultCode.WrongType, "desired config must be a JSON object");
                return ResultCode.WrongType;
            }

            long counter = 0;
            if (!JsonRead.Long(root, "ctr", true, 1, CommandParser.MaxCounter, null, errors, ref counter))
            {
                return errors[0].Code;
            }

            ack.Counter = counter;
            int auth = _auth.Authenticate(ReplayGuard.ChannelConfig, topic, payload, offset, length, root, counter);
            if (auth != ResultCode.Ok)
            {
                if (auth != ResultCode.Unchanged)
                {
                    errors.Add(auth == ResultCode.Replayed ? "ctr" : "sig", auth, ResultCode.Name(auth));
                }

                return auth;
            }

            // Authentic: the counter is used up whatever the content turns out to be.
            _auth.Accept(ReplayGuard.ChannelConfig, counter, root);

            JsonRead.OnlyKnown(root, EnvelopeFields, null, errors);
            JsonNode doc = JsonRead.Object(root, "config", true, null, errors);
            if (errors.Count > 0)
            {
                return errors[0].Code;
            }

            _candidate.CopyFrom(current);
            if (!ConfigCodec.Apply(doc, _candidate, errors) || !ConfigValidator.Validate(_candidate, errors))
            {
                if (errors.Count > 0 && errors[0].Code == ResultCode.UnsupportedVersion)
                {
                    return ResultCode.UnsupportedVersion;
                }

                return ResultCode.InvalidConfig;
            }

            // A desired config may not move the node to another topic subtree: that is a re-provisioning.
            if (_candidate.NodeId != current.NodeId || _candidate.Site != current.Site)
            {
                errors.Add(_candidate.NodeId != current.NodeId ? "node.id" : "node.site", ResultCode.NotSupported, "identity changes only over the serial line");
                return ResultCode.InvalidConfig;
            }

            string before = CurrentHash(current);
            string after = _store.Hash(_candidate);
            if (before == after && SameSecrets(current, _candidate))
            {
                return ResultCode.Unchanged;
            }

            if (!_store.Save(_candidate))
            {
                errors.Add("", ResultCode.StorageFailed, "could not persist; previous config kept");
                return ResultCode.StorageFailed;
            }

            current.CopyFrom(_candidate);
            _currentHash = after;
            _hashGeneration = _store.Generation;
            _auth.SetKey(current.CommandKey);
            return ResultCode.Ok;
        }

        private static bool SameSecrets(NodeConfig a, NodeConfig b)
        {
            return a.WifiPassword == b.WifiPassword && a.BrokerPassword == b.BrokerPassword && MessageSigner.FixedTimeEquals(a.CommandKey, b.CommandKey)
                || (a.WifiPassword == b.WifiPassword && a.BrokerPassword == b.BrokerPassword && a.CommandKey == null && b.CommandKey == null);
        }
    }
}
