using SensorNode.Core.Json;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// The one document buffer and JSON parser that the config store, the desired-config processor, the serial
    /// session and the node's acks share. They all run on the runtime (Tick) thread and never at the same time,
    /// so one set of buffers serves them all; sized from the board's memory class (docs/memory.md).
    /// </summary>
    public sealed class ConfigWorkspace
    {
        /// <summary>Room around a document: the desired-config envelope, the reported-config wrapper, acks.</summary>
        public const int EnvelopeBytes = 1024;

        /// <summary>Largest config document on a board without PSRAM. The broker CA does not fit in it: such
        /// boards keep the CA in the device certificate store (written by nanoff), see docs/memory.md.</summary>
        public const int SmallDocumentBytes = 4096;

        /// <summary>Longest string value on a board without PSRAM (host names, passwords, keys; no CA PEM).</summary>
        public const int SmallStringLength = 256;

        /// <summary>Largest document this workspace accepts and persists.</summary>
        public readonly int MaxDocumentBytes;

        /// <summary>Longest JSON string value accepted.</summary>
        public readonly int MaxStringLength;

        /// <summary>Document + envelope: the persisted document, the reported config, config and command acks.</summary>
        public readonly byte[] Buffer;

        /// <summary>Parser for config documents and the messages that carry them.</summary>
        public readonly JsonParser Parser;

        /// <summary>Scratch config for all-or-nothing merges (desired config, serial "set").</summary>
        public readonly NodeConfig Scratch = new NodeConfig();

        public ConfigWorkspace(int maxDocumentBytes, int maxStringLength)
        {
            if (maxDocumentBytes < 1024 || maxDocumentBytes > ConfigCodec.MaxDocumentBytes || maxStringLength < 64
                || maxStringLength > ConfigCodec.MaxCaPemLength)
            {
                throw new System.ArgumentOutOfRangeException("maxDocumentBytes");
            }

            MaxDocumentBytes = maxDocumentBytes;
            MaxStringLength = maxStringLength;
            Buffer = new byte[maxDocumentBytes + EnvelopeBytes];
            Parser = new JsonParser(maxDocumentBytes + EnvelopeBytes, 8, maxStringLength + 64, 1024);
        }

        /// <summary>The limits of boards with PSRAM (and of the host tools): a CA chain fits in the document.</summary>
        public static ConfigWorkspace Large()
        {
            return new ConfigWorkspace(ConfigCodec.MaxDocumentBytes, ConfigCodec.MaxCaPemLength);
        }

        /// <summary>The limits of boards without PSRAM.</summary>
        public static ConfigWorkspace Small()
        {
            return new ConfigWorkspace(SmallDocumentBytes, SmallStringLength);
        }

        /// <summary>Array bytes a workspace with these limits allocates (buffer + parser string buffer).</summary>
        public static int PlannedBytes(int maxDocumentBytes, int maxStringLength)
        {
            return maxDocumentBytes + EnvelopeBytes + (2 * (maxStringLength + 64 + 2));
        }
    }
}
