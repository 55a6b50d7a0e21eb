using SensorNode.Core.Json;
using SensorNode.Core.Security;

namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// Strict parser of .../cmd payloads:
    /// <c>{"id":"c-17","cmd":"spectrum","ctr":17,"args":{"axis":"x"},"sig":"&lt;hex&gt;"}</c>.
    /// Order of checks: JSON syntax and limits → "ctr" → signature and replay (when an authenticator is given)
    /// → members, types and ranges. The first problem decides the result code; <see cref="Errors"/> names the field.
    /// Never throws; bounded by <see cref="MaxPayloadBytes"/>.
    /// </summary>
    public sealed class CommandParser
    {
        public const int MaxPayloadBytes = 1024;

        /// <summary>Largest counter accepted: 2^53 - 1, so JavaScript hosts keep it exact.</summary>
        public const long MaxCounter = 9007199254740991L;

        private static readonly string[] TopFields = { "id", "cmd", "ctr", "args", "sig" };
        private static readonly string[] NoArgs = { };
        private static readonly string[] SpectrumArgs = { "axis", "kind", "maxHz" };
        private static readonly string[] IdentifyArgs = { "seconds" };
        private static readonly string[] BaselineStartArgs = { "windows" };

        private readonly JsonParser _parser = new JsonParser(MaxPayloadBytes, 4, 80, 64);

        /// <summary>Field errors of the last parse.</summary>
        public readonly FieldErrors Errors = new FieldErrors();

        /// <summary>
        /// Parses and (when <paramref name="auth"/> is not null) authenticates one command. Returns ResultCode.Ok
        /// (execute it, then call auth.Accept — done here already), Unchanged (a duplicate of the last command:
        /// do not execute again), or the rejection code. <paramref name="into"/> holds what could be read (id and
        /// name for the ack) even on rejection.
        /// </summary>
        public int Parse(InboundAuthenticator auth, string topic, byte[] payload, int offset, int length, Command into)
        {
            Errors.Clear();
            into.Clear();
            JsonNode root = _parser.Parse(payload, offset, length);
            if (root == null)
            {
                int code = ResultCode.FromJsonError(_parser.Error);
                Errors.Add("", code, "position " + _parser.ErrorPosition.ToString());
                return code;
            }

            if (!root.IsObject)
            {
                Errors.Add("", ResultCode.WrongType, "command must be a JSON object");
                return ResultCode.WrongType;
            }

            // Id and name first, so even a rejection can be answered with them.
            JsonNode id = root.Get("id");
            if (id != null && id.IsString && Topics.IsValidSegment(id.StringValue))
            {
                into.Id = id.StringValue;
            }

            JsonNode cmd = root.Get("cmd");
            if (cmd != null && cmd.IsString)
            {
                into.Kind = Command.KindOf(cmd.StringValue);
            }

            long counter = 0;
            if (!JsonRead.Long(root, "ctr", true, 1, MaxCounter, null, Errors, ref counter))
            {
                return Errors[0].Code;
            }

            into.Counter = counter;
            if (auth != null)
            {
                int result = auth.Authenticate(Security.ReplayGuard.ChannelCommand, topic, payload, offset, length, root, counter);
                if (result != ResultCode.Ok)
                {
                    Errors.Add(result == ResultCode.Replayed || result == ResultCode.Unchanged ? "ctr" : "sig", result, ResultCode.Name(result));
                    return result;
                }

                auth.Accept(Security.ReplayGuard.ChannelCommand, counter, root);
            }

            JsonRead.OnlyKnown(root, TopFields, null, Errors);
            string idText = null;
            if (JsonRead.String(root, "id", true, 1, Topics.MaxSegmentLength, null, Errors, ref idText) && !Topics.IsValidSegment(idText))
            {
                Errors.Add("id", ResultCode.InvalidValue, "letters, digits, '-' and '_' only");
            }

            string name = null;
            JsonRead.String(root, "cmd", true, 1, 32, null, Errors, ref name);
            if (name != null && into.Kind == Command.None)
            {
                Errors.Add("cmd", ResultCode.UnknownCommand, "unknown command");
            }

            JsonNode args = root.Get("args");
            if (args != null && !args.IsObject)
            {
                Errors.Add("args", ResultCode.WrongType, "must be an object");
                args = null;
            }

            if (Errors.Count == 0 && args != null)
            {
                ParseArgs(args, into);
            }

            return Errors.Count == 0 ? ResultCode.Ok : Errors[0].Code;
        }

        private void ParseArgs(JsonNode args, Command into)
        {
            switch (into.Kind)
            {
                case Command.Spectrum:
                {
                    JsonRead.OnlyKnown(args, SpectrumArgs, "args", Errors);
                    string axis = null;
                    if (JsonRead.String(args, "axis", false, 1, 1, "args", Errors, ref axis) && axis != null)
                    {
                        int a = FeatureKeys.AxisIndex(axis);
                        if (a < 0)
                        {
                            Errors.Add("args.axis", ResultCode.InvalidValue, "must be x, y or z");
                        }
                        else
                        {
                            into.Axis = a;
                        }
                    }

                    string kind = null;
                    if (JsonRead.String(args, "kind", false, 1, 16, "args", Errors, ref kind) && kind != null)
                    {
                        if (kind != Command.SpectrumAccel && kind != Command.SpectrumVelocity && kind != Command.SpectrumEnvelope)
                        {
                            Errors.Add("args.kind", ResultCode.InvalidValue, "must be accel, velocity or envelope");
                        }
                        else
                        {
                            into.SpectrumKind = kind;
                        }
                    }

                    JsonRead.Float(args, "maxHz", false, 0, 20000, "args", Errors, ref into.MaxHz);
                    break;
                }

                case Command.Identify:
                    JsonRead.OnlyKnown(args, IdentifyArgs, "args", Errors);
                    JsonRead.Int(args, "seconds", false, 1, 600, "args", Errors, ref into.Seconds);
                    break;
                case Command.BaselineStart:
                    JsonRead.OnlyKnown(args, BaselineStartArgs, "args", Errors);
                    JsonRead.Int(args, "windows", false, 10, 100000, "args", Errors, ref into.Windows);
                    break;
                default:
                    JsonRead.OnlyKnown(args, NoArgs, "args", Errors);
                    break;
            }
        }

        /// <summary>Fills an ack for <paramref name="command"/> with <paramref name="result"/> (and the first error's
        /// path as message when rejected).</summary>
        public void FillAck(Command command, int result, CommandAck ack)
        {
            ack.Id = command.Id;
            ack.Command = command.Name;
            ack.Counter = command.Counter;
            ack.Result = result;
            ack.Message = result == ResultCode.Ok || Errors.Count == 0 ? null : (Errors[0].Path.Length == 0 ? Errors[0].Message : Errors[0].Path + ": " + Errors[0].Message);
        }
    }
}
