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
        private readonly ConfigWorkspace _workspace;
        private readonly byte[] _buffer;
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly JsonParser _parser;

        /// <summary>A store with its own workspace at the large (PSRAM, host) limits.</summary>
        public ConfigStore(IBlobStore store)
            : this(store, ConfigWorkspace.Large())
        {
        }

        /// <summary>A store that uses (and shares) <paramref name="workspace"/>; documents up to its limit.</summary>
        public ConfigStore(IBlobStore store, ConfigWorkspace workspace)
        {
            if (workspace == null)
            {
                throw new System.ArgumentNullException("workspace");
            }

            _workspace = workspace;
            _buffer = workspace.Buffer;
            _parser = workspace.Parser;
            // The slots work in the workspace buffer too: the document is written at offset HeaderSize and
            // framed in place, so the store holds no copy of its own.
            _slots = new AtomicSlots(store, BlobName, Magic, workspace.MaxDocumentBytes, workspace.Buffer);
        }

        /// <summary>The buffers this store shares with the other config users on the runtime thread.</summary>
        public ConfigWorkspace Workspace => _workspace;

        /// <summary>Array bytes a store allocates beyond its workspace: none (the slots share the workspace).</summary>
        public static int PlannedBytes(int maxDocumentBytes)
        {
            return 0;
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
                int length = _slots.LoadInPlace(skip);
                if (length < 0)
                {
                    if (attempt == 0)
                    {
                        errors.Add("", ResultCode.MissingField, "no stored config");
                    }

                    return false;
                }

                errors.Clear();
                if (TryDecode(_buffer, AtomicSlots.HeaderSize, length, into, errors))
                {
                    return true;
                }

                skip = _slots.CurrentSlot;
            }

            return false;
        }

        private bool TryDecode(byte[] data, int offset, int length, NodeConfig into, FieldErrors errors)
        {
            JsonNode root = _parser.Parse(data, offset, length);
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
            _writer.Reset(_buffer, AtomicSlots.HeaderSize, _workspace.MaxDocumentBytes);
            ConfigCodec.Write(_writer, config, ConfigCodec.ModeFull);
            if (!_writer.IsComplete)
            {
                return false;
            }

            return _slots.SaveInPlace(_writer.Length);
        }

        /// <summary>The config hash of <paramref name="config"/>, computed in the store's own document buffer so
        /// the desired-config processor and the serial session need no document buffer of their own. Like every
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
