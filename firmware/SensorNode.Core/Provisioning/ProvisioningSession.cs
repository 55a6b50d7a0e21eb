using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;

namespace SensorNode.Core.Provisioning
{
    /// <summary>
    /// The serial provisioning protocol over the USB UART (docs/provisioning.md): one JSON request per line,
    /// one JSON response per line. Bytes come in through <see cref="Poll"/> (from the <see cref="ISerialLine"/>)
    /// or <see cref="Feed"/>; complete lines are answered at once. Garbage gets a JSON error response, a line
    /// longer than <see cref="MaxLineBytes"/> is discarded up to its newline and answered "line_too_long", and
    /// nothing escapes as an exception. Edits go to a draft; "commit" validates and persists it atomically.
    /// Secrets are never written back (the config is always redacted).
    /// </summary>
    public sealed class ProvisioningSession
    {
        public const int ProtocolVersion = 1;

        /// <summary>Longest request line any node accepts (a whole config with a CA certificate fits). A node's own
        /// limit is <see cref="LineLimit"/>: smaller on boards without PSRAM (docs/memory.md).</summary>
        public const int MaxLineBytes = ConfigCodec.MaxDocumentBytes + 1024;

        /// <summary>Room in a request line beyond the config document ({"id":…,"op":"set","config":…}).</summary>
        public const int LineExtraBytes = 256;


        /// <summary>Most bytes taken from the serial line per <see cref="Poll"/>, to bound the work per call.</summary>
        public const int PollChunkBytes = 256;

        private static readonly string[] RequestFields = { "id", "op", "fields", "config", "confirm" };

        private readonly ISerialLine _serial;
        private readonly ConfigStore _store;
        private readonly NodeConfig _current;
        private readonly IProvisioningActions _actions;
        private readonly ReplayGuard _replay;

        // The line buffer exists only while someone talks to the node (first byte in, released by Release()
        // when idle): a deployed node keeps its kilobytes for measurement. Responses are written in the config
        // workspace, which is free once a request has been handled up to its response (every config hash a
        // response carries is computed before the response is begun).
        private byte[] _line;
        private readonly byte[] _response;
        private readonly int _lineLimit;
        private readonly byte[] _chunk = new byte[PollChunkBytes];
        private readonly JsonWriter _w = new JsonWriter();
        private readonly JsonParser _parser;
        private readonly FieldErrors _errors = new FieldErrors();
        // The draft exists only while the session is active or holds uncommitted edits; the merge scratch is the
        // workspace's (shared with the desired-config processor, never used by both at once).
        private NodeConfig _draft;
        private readonly NodeConfig _work;

        private int _lineLength;
        private bool _discarding;
        private bool _hasDraft;
        private bool _rebootRequested;

        /// <summary>Requests answered since start.</summary>
        public int Requests;

        /// <summary>Bytes received since start (wraps; only compared for change).</summary>
        public int BytesReceived;

        /// <summary>Lines rejected as too long.</summary>
        public int OversizeLines;

        /// <summary>Unexpected exceptions caught (a bug if ever non-zero; tests assert it stays 0).</summary>
        public int InternalErrors;

        public ProvisioningSession(ISerialLine serial, ConfigStore store, NodeConfig current, IProvisioningActions actions, ReplayGuard replay)
        {
            _serial = serial;
            _store = store;
            _current = current;
            _actions = actions;
            _replay = replay;
            _parser = store.Workspace.Parser;
            _lineLimit = store.Workspace.MaxDocumentBytes + LineExtraBytes;
            _response = store.Workspace.Buffer;
            _work = store.Workspace.Scratch;
        }

        /// <summary>Longest request line this node accepts.</summary>
        public int LineLimit => _lineLimit;

        /// <summary>True while the line buffer is allocated.</summary>
        public bool BuffersAllocated => _line != null;

        /// <summary>A draft NodeConfig with its thresholds (measured on .NET: 1,216 bytes).</summary>
        public const int DraftObjectBytes = 1280;

        /// <summary>Bytes the session allocates while active: the line buffer and the draft.</summary>
        public static int ActiveBytes(int maxDocumentBytes)
        {
            return maxDocumentBytes + LineExtraBytes + DraftObjectBytes;
        }

        /// <summary>Drops the line buffer (the node calls this when the line has been idle). A partial line is
        /// forgotten; an uncommitted draft is kept.</summary>
        public void Release()
        {
            _line = null;
            if (!_hasDraft)
            {
                _draft = null;
            }

            _lineLength = 0;
            _discarding = false;
        }

        private void EnsureBuffers()
        {
            if (_line == null)
            {
                _line = new byte[_lineLimit];
                if (_draft == null)
                {
                    _draft = new NodeConfig();
                }
            }
        }

        /// <summary>True while uncommitted edits exist.</summary>
        public bool HasDraft => _hasDraft;

        /// <summary>Reads what the serial line has (at most <see cref="PollChunkBytes"/>) and answers complete lines.
        /// Returns the number of requests answered.</summary>
        public int Poll()
        {
            int n;
            try
            {
                n = _serial.Read(_chunk, 0, PollChunkBytes);
            }
            catch (System.Exception)
            {
                InternalErrors++;
                return 0;
            }

            return n > 0 ? Feed(_chunk, 0, n) : 0;
        }

        /// <summary>Processes received bytes; returns the number of requests answered.</summary>
        public int Feed(byte[] data, int offset, int count)
        {
            int answered = 0;
            if (count > 0)
            {
                EnsureBuffers();
                BytesReceived += count;
            }

            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (b == (byte)'\n')
                {
                    if (_discarding)
                    {
                        _discarding = false;
                        _lineLength = 0;
                        OversizeLines++;
                        Respond(null, null, ResultCode.LineTooLong, "line longer than " + _lineLimit.ToString() + " bytes");
                        answered++;
                        continue;
                    }

                    int length = _lineLength;
                    if (length > 0 && _line[length - 1] == (byte)'\r')
                    {
                        length--;
                    }

                    _lineLength = 0;
                    if (!IsBlank(length))
                    {
                        HandleLine(length);
                        answered++;
                    }

                    continue;
                }

                if (_discarding)
                {
                    continue;
                }

                if (_lineLength >= _lineLimit)
                {
                    _discarding = true;
                    continue;
                }

                _line[_lineLength++] = b;
            }

            return answered;
        }

        private bool IsBlank(int length)
        {
            for (int i = 0; i < length; i++)
            {
                byte b = _line[i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r')
                {
                    return false;
                }
            }

            return true;
        }

        private void HandleLine(int length)
        {
            Requests++;
            _rebootRequested = false;
            try
            {
                Dispatch(length);
            }
            catch (System.Exception)
            {
                InternalErrors++;
                Respond(null, null, ResultCode.Failed, "internal error");
            }

            if (_rebootRequested)
            {
                _actions.Reboot();
            }
        }

        private void Dispatch(int length)
        {
            _errors.Clear();
            JsonNode req = _parser.Parse(_line, 0, length);
            if (req == null)
            {
                int code = ResultCode.FromJsonError(_parser.Error);
                Respond(null, null, code, "position " + _parser.ErrorPosition.ToString());
                return;
            }

            if (!req.IsObject)
            {
                Respond(null, null, ResultCode.WrongType, "request must be a JSON object");
                return;
            }

            JsonNode id = req.Get("id");
            if (id != null && !((id.IsNumber && id.IsInteger && id.IntegerValue >= 0 && id.IntegerValue <= int.MaxValue) || (id.IsString && id.StringValue.Length <= 32)))
            {
                Respond(null, null, ResultCode.InvalidValue, "id must be an integer or a string of at most 32 chars");
                return;
            }

            string op = null;
            if (!JsonRead.String(req, "op", true, 1, 32, null, _errors, ref op))
            {
                RespondErrors(id, null, _errors[0].Code);
                return;
            }

            if (!JsonRead.OnlyKnown(req, RequestFields, null, _errors))
            {
                RespondErrors(id, op, ResultCode.UnknownField);
                return;
            }

            switch (op)
            {
                case "hello":
                case "info":
                    Info(id, op);
                    break;
                case "get":
                    Get(id, op);
                    break;
                case "set":
                    Set(id, op, req);
                    break;
                case "validate":
                    Validate(id, op);
                    break;
                case "commit":
                    Commit(id, op);
                    break;
                case "discard":
                    _hasDraft = false;
                    Respond(id, op, ResultCode.Ok, null);
                    break;
                case "reboot":
                    Respond(id, op, ResultCode.Ok, "rebooting");
                    _rebootRequested = true;
                    break;
                case "factory_reset":
                    FactoryReset(id, op, req);
                    break;
                case "live":
                    Live(id, op);
                    break;
                case "test_broker":
                    TestBroker(id, op);
                    break;
                default:
                    Respond(id, op, ResultCode.UnknownOperation, "unknown op");
                    break;
            }
        }

        private NodeConfig Effective => _hasDraft ? _draft : _current;

        private void Info(JsonNode id, string op)
        {
            string hash = _store.Hash(_current);
            Begin(id, op, ResultCode.Ok);
            _w.Prop("proto", ProtocolVersion);
            _w.Prop("fw", _actions.FirmwareVersion);
            _w.Prop("board", _actions.Board);
            _w.Prop("state", _actions.State);
            if (_current.NodeId != null)
            {
                _w.Prop("node", _current.NodeId);
            }

            if (_current.Site != null)
            {
                _w.Prop("site", _current.Site);
            }

            _w.Prop("provisioned", _store.Generation > 0);
            _w.Prop("hash", hash);
            _w.Prop("draft", _hasDraft);
            _w.Prop("maxLine", _lineLimit);
            End();
        }

        private void Get(JsonNode id, string op)
        {
            string hash = _store.Hash(Effective);
            Begin(id, op, ResultCode.Ok);
            _w.Prop("draft", _hasDraft);
            _w.Prop("hash", hash);
            _w.Name("config");
            ConfigCodec.Write(_w, Effective, ConfigCodec.ModeRedacted);
            End();
        }

        private void Set(JsonNode id, string op, JsonNode req)
        {
            JsonNode fields = req.Get("fields");
            JsonNode config = req.Get("config");
            if ((fields == null) == (config == null))
            {
                _errors.Add("fields", ResultCode.MissingField, "give either fields (dotted paths) or config (nested)");
                RespondErrors(id, op, ResultCode.MissingField);
                return;
            }

            JsonNode doc = config;
            if (fields != null)
            {
                doc = ConfigCodec.NestFlat(fields, _errors);
                if (_errors.Count > 0)
                {
                    RespondErrors(id, op, ResultCode.InvalidConfig);
                    return;
                }
            }

            // All or nothing: merge into a copy, keep it only when every field was accepted.
            _work.CopyFrom(Effective);
            if (!ConfigCodec.Apply(doc, _work, _errors))
            {
                RespondErrors(id, op, ResultCode.InvalidConfig);
                return;
            }

            _draft.CopyFrom(_work);
            _hasDraft = true;
            string hash = _store.Hash(_draft);
            Begin(id, op, ResultCode.Ok);
            _w.Prop("draft", true);
            _w.Prop("hash", hash);
            End();
        }

        private void Validate(JsonNode id, string op)
        {
            if (!ConfigValidator.Validate(Effective, _errors))
            {
                RespondErrors(id, op, ResultCode.InvalidConfig);
                return;
            }

            string hash = _store.Hash(Effective);
            Begin(id, op, ResultCode.Ok);
            _w.Prop("draft", _hasDraft);
            _w.Prop("hash", hash);
            End();
        }

        private void Commit(JsonNode id, string op)
        {
            if (!_hasDraft)
            {
                Respond(id, op, ResultCode.NothingToCommit, "no changes to commit");
                return;
            }

            if (!ConfigValidator.Validate(_draft, _errors))
            {
                RespondErrors(id, op, ResultCode.InvalidConfig);
                return;
            }

            if (!_store.Save(_draft))
            {
                Respond(id, op, ResultCode.StorageFailed, "could not persist; previous config kept");
                return;
            }

            bool keyChanged = !MessageSigner.FixedTimeEquals(_draft.CommandKey, _current.CommandKey)
                && !(_draft.CommandKey == null && _current.CommandKey == null);
            _current.CopyFrom(_draft);
            _hasDraft = false;
            if (keyChanged && _replay != null)
            {
                // A new key starts a new trust relationship: the host's counter for it starts again.
                _replay.Reset();
            }

            string hash = _store.Hash(_current);
            Begin(id, op, ResultCode.Ok);
            _w.Prop("hash", hash);
            End();
            _actions.ConfigCommitted(_current);
        }

        private void FactoryReset(JsonNode id, string op, JsonNode req)
        {
            bool confirm = false;
            JsonRead.Bool(req, "confirm", true, null, _errors, ref confirm);
            if (_errors.Count > 0 || !confirm)
            {
                if (_errors.Count == 0)
                {
                    _errors.Add("confirm", ResultCode.InvalidValue, "must be true");
                }

                RespondErrors(id, op, _errors[0].Code);
                return;
            }

            _store.Erase();
            if (_replay != null)
            {
                _replay.Reset();
            }

            _current.ResetToDefaults();
            _hasDraft = false;
            bool ok = _actions.FactoryReset();
            Respond(id, op, ok ? ResultCode.Ok : ResultCode.Failed, ok ? "erased; rebooting" : "config erased; node state reset failed");
            _rebootRequested = true;
        }

        private void Live(JsonNode id, string op)
        {
            Begin(id, op, ResultCode.Ok);
            _w.Name("values");
            int mark = _w.Length;
            if (!_actions.WriteLiveValues(_w) || _w.Length == mark)
            {
                Respond(id, op, ResultCode.Failed, "no values measured yet");
                return;
            }

            End();
        }

        private void TestBroker(JsonNode id, string op)
        {
            NodeConfig c = Effective;
            if (c.BrokerHost == null)
            {
                _errors.Add("broker.host", ResultCode.MissingField, "required");
                RespondErrors(id, op, ResultCode.InvalidConfig);
                return;
            }

            string detail;
            int result = _actions.TestBroker(c, out detail);
            Respond(id, op, result == ResultCode.Ok ? ResultCode.Ok : ResultCode.Failed, detail);
        }

        // ---- response writing ----------------------------------------------------------------------------

        private void Begin(JsonNode id, string op, int result)
        {
            _w.Reset(_response, 0, _response.Length - 1);
            _w.BeginObject();
            if (id != null)
            {
                _w.Name("id");
                if (id.IsString)
                {
                    _w.String(id.StringValue);
                }
                else
                {
                    _w.Long(id.IntegerValue);
                }
            }

            if (op != null)
            {
                _w.Prop("op", op);
            }

            _w.Prop("result", ResultCode.Name(result));
        }

        private void End()
        {
            _w.EndObject();
            if (!_w.IsComplete)
            {
                // Cannot happen with the sizes above; answer something valid anyway.
                _w.Reset(_response, 0, _response.Length - 1);
                _w.BeginObject();
                _w.Prop("result", ResultCode.Name(ResultCode.Failed));
                _w.Prop("msg", "response too large");
                _w.EndObject();
            }

            int n = _w.Length;
            _response[n] = (byte)'\n';
            _serial.Write(_response, 0, n + 1);
        }

        private void Respond(JsonNode id, string op, int result, string message)
        {
            Begin(id, op, result);
            if (message != null)
            {
                _w.Prop("msg", message);
            }

            End();
        }

        private void RespondErrors(JsonNode id, string op, int result)
        {
            Begin(id, op, result);
            ProtocolEncoder.WriteErrors(_w, _errors);
            End();
        }
    }
}
