using SensorNode.Core.Hardware;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// Persists the node's config atomically (two slots "config.a"/"config.b" through <see cref="AtomicSlots"/>):
    /// the full document (secrets included) as JSON. A torn or failed save leaves the previous config in force;
    /// a load takes the newest slot that is intact, parses and validates, else the other one.
    /// </summary>
    public sealed class ConfigStore
    {
        public const string BlobName = "config";
        private const uint Magic = 0x46434E53; // "SNCF"

        private readonly AtomicSlots _slots;
        private readonly byte[] _buffer = new byte[ConfigCodec.MaxDocumentBytes];
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly JsonParser _parser = ConfigCodec.NewParser();

        public ConfigStore(IBlobStore store)
        {
            _slots = new AtomicSlots(store, BlobName, Magic, ConfigCodec.MaxDocumentBytes);
        }

        /// <summary>Generation of the config in force (0 = none loaded or saved).</summary>
        public uint Generation => _slots.Generation;

        /// <summary>Loads the newest valid config into <paramref name="into"/> (reset to defaults first). False when
        /// no slot holds a config that parses and validates; <paramref name="errors"/> then says why (for the
        /// newest slot tried).</summary>
        public bool Load(NodeConfig into, FieldErrors errors)
        {
            int skip = -1;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                int length = _slots.Load(_buffer, skip);
                if (length < 0)
                {
                    if (attempt == 0)
                    {
                        errors.Add("", ResultCode.MissingField, "no stored config");
                    }

                    return false;
                }

                errors.Clear();
                if (TryDecode(_buffer, length, into, errors))
                {
                    return true;
                }

                skip = _slots.CurrentSlot;
            }

            return false;
        }

        private bool TryDecode(byte[] data, int length, NodeConfig into, FieldErrors errors)
        {
            JsonNode root = _parser.Parse(data, 0, length);
            if (root == null)
            {
                errors.Add("", ResultCode.FromJsonError(_parser.Error), "stored config is not valid JSON");
                return false;
            }

            into.ResetToDefaults();
            return ConfigCodec.Apply(root, into, errors) && ConfigValidator.Validate(into, errors);
        }

        /// <summary>Saves <paramref name="config"/> as the new current config. False (old config stays in force)
        /// when it does not fit or the write did not verify.</summary>
        public bool Save(NodeConfig config)
        {
            _writer.Reset(_buffer);
            ConfigCodec.Write(_writer, config, ConfigCodec.ModeFull);
            if (!_writer.IsComplete)
            {
                return false;
            }

            return _slots.Save(_buffer, _writer.Length);
        }

        /// <summary>The config hash of <paramref name="config"/>, computed in the store's own document buffer so
        /// the desired-config processor and the serial session need no 8 KB buffer of their own. Like every
        /// member here, call it only from the thread that owns the store (the runtime thread).</summary>
        public string Hash(NodeConfig config)
        {
            return ConfigHash.Compute(config, _buffer);
        }

        /// <summary>Removes the stored config (factory reset).</summary>
        public void Erase()
        {
            _slots.Erase();
        }
    }
}
