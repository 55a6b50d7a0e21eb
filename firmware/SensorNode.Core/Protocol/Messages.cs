namespace SensorNode.Core.Protocol
{
    /// <summary>Payload of .../status (retained); the offline one is the MQTT Will.</summary>
    public sealed class StatusMessage
    {
        public const string Online = "online";
        public const string Offline = "offline";

        /// <summary>"online" or "offline" (json: "state").</summary>
        public string State;

        /// <summary>Boot/connect counter that matches the birth (json: "boot").</summary>
        public uint BootCount;

        /// <summary>UTC Unix ms; 0 and omitted in the Will, which is built before the time is known (json: "ts").</summary>
        public long TimestampUnixMs;
    }

    /// <summary>One field-level problem: where (dotted path), what (ResultCode) and a human message.</summary>
    public sealed class FieldError
    {
        public string Path;
        public int Code;
        public string Message;
    }

    /// <summary>A bounded list of field errors (the first <see cref="Capacity"/> are kept, the rest counted).</summary>
    public sealed class FieldErrors
    {
        public const int Capacity = 16;

        private readonly FieldError[] _items = new FieldError[Capacity];
        private int _count;
        private int _total;

        public FieldErrors()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _items[i] = new FieldError();
            }
        }

        /// <summary>Errors kept.</summary>
        public int Count => _count;

        /// <summary>Errors reported, including those beyond the capacity.</summary>
        public int Total => _total;

        public FieldError this[int index] => _items[index];

        public void Clear()
        {
            _count = 0;
            _total = 0;
        }

        public void Add(string path, int code, string message)
        {
            _total++;
            if (_count >= Capacity)
            {
                return;
            }

            FieldError e = _items[_count++];
            e.Path = path;
            e.Code = code;
            e.Message = message;
        }

        /// <summary>True when an error for exactly this path was reported.</summary>
        public bool Has(string path)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_items[i].Path == path)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The code reported for this path, or -1.</summary>
        public int CodeOf(string path)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_items[i].Path == path)
                {
                    return _items[i].Code;
                }
            }

            return -1;
        }
    }

    /// <summary>Payload of .../config/ack: the answer to one desired config.</summary>
    public sealed class ConfigAck
    {
        /// <summary>Counter of the desired config answered (json: "ctr"); 0 when it could not be read.</summary>
        public long Counter;

        /// <summary>ResultCode: Ok (applied), Unchanged, InvalidConfig, a JSON/auth code ... (json: "result").</summary>
        public int Result;

        /// <summary>Hash of the config in force after this answer (json: "hash").</summary>
        public string Hash;

        /// <summary>Field errors when the config was rejected (json: "errors", omitted when empty).</summary>
        public readonly FieldErrors Errors = new FieldErrors();
    }

    /// <summary>Payload of .../cmd/ack.</summary>
    public sealed class CommandAck
    {
        /// <summary>The command's id, echoed; null when it could not be read (json: "id").</summary>
        public string Id;

        /// <summary>The command name, when known (json: "cmd").</summary>
        public string Command;

        public long Counter;

        public int Result;

        /// <summary>Short human text (json: "msg", optional).</summary>
        public string Message;
    }

    /// <summary>One chunk of a spectrum snapshot (host-side decoded form of .../spectrum).</summary>
    public sealed class SpectrumChunk
    {
        public string Id;
        public long TimestampUnixMs;
        public int Axis;
        public string Kind;
        public string Unit;
        public float BinHz;
        public int FirstBin;
        public int TotalBins;
        public int ChunkIndex;
        public int ChunkCount;
        public float[] Amplitudes;
    }
}
