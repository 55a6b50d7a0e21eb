using SensorNode.Core.Json;

namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// Every result the node reports (config ack, command ack, provisioning responses), as a number in code
    /// and a stable snake_case string on the wire. docs/protocol.md has the table; never renumber or rename.
    /// </summary>
    public static class ResultCode
    {
        public const int Ok = 0;

        // Field-level problems (also used inside config error lists).
        public const int UnknownField = 1;
        public const int MissingField = 2;
        public const int WrongType = 3;
        public const int OutOfRange = 4;
        public const int InvalidValue = 5;
        public const int TooLong = 6;
        public const int TooMany = 7;
        public const int Inconsistent = 8;

        // Message-level problems.
        public const int UnknownCommand = 20;
        public const int UnsupportedVersion = 21;
        public const int InvalidConfig = 22;
        public const int Unchanged = 23;
        public const int UnknownOperation = 24;
        public const int LineTooLong = 25;
        public const int NotSupported = 26;
        public const int Failed = 27;
        public const int Busy = 28;
        public const int NothingToCommit = 29;

        // Authentication.
        public const int Unsigned = 40;
        public const int BadSignature = 41;
        public const int Replayed = 42;
        public const int NoKey = 43;

        // Storage.
        public const int StorageFailed = 50;

        // JSON syntax: 100 + JsonError.
        public const int JsonBase = 100;
        public const int JsonEmpty = JsonBase + JsonError.Empty;
        public const int JsonTooLarge = JsonBase + JsonError.TooLarge;
        public const int JsonTooDeep = JsonBase + JsonError.TooDeep;
        public const int JsonStringTooLong = JsonBase + JsonError.StringTooLong;
        public const int JsonTooManyValues = JsonBase + JsonError.TooManyValues;
        public const int JsonUnexpectedEnd = JsonBase + JsonError.UnexpectedEnd;
        public const int JsonUnexpectedCharacter = JsonBase + JsonError.UnexpectedCharacter;
        public const int JsonInvalidNumber = JsonBase + JsonError.InvalidNumber;
        public const int JsonNumberOutOfRange = JsonBase + JsonError.NumberOutOfRange;
        public const int JsonInvalidEscape = JsonBase + JsonError.InvalidEscape;
        public const int JsonInvalidUtf8 = JsonBase + JsonError.InvalidUtf8;
        public const int JsonControlCharacter = JsonBase + JsonError.ControlCharacter;
        public const int JsonDuplicateKey = JsonBase + JsonError.DuplicateKey;
        public const int JsonTrailingData = JsonBase + JsonError.TrailingData;

        public static int FromJsonError(int jsonError)
        {
            return JsonBase + jsonError;
        }

        /// <summary>The wire name of a code ("ok", "out_of_range", "json_duplicate_key", ...).</summary>
        public static string Name(int code)
        {
            switch (code)
            {
                case Ok: return "ok";
                case UnknownField: return "unknown_field";
                case MissingField: return "missing_field";
                case WrongType: return "wrong_type";
                case OutOfRange: return "out_of_range";
                case InvalidValue: return "invalid_value";
                case TooLong: return "too_long";
                case TooMany: return "too_many";
                case Inconsistent: return "inconsistent";
                case UnknownCommand: return "unknown_command";
                case UnsupportedVersion: return "unsupported_version";
                case InvalidConfig: return "invalid_config";
                case Unchanged: return "unchanged";
                case UnknownOperation: return "unknown_operation";
                case LineTooLong: return "line_too_long";
                case NotSupported: return "not_supported";
                case Failed: return "failed";
                case Busy: return "busy";
                case NothingToCommit: return "nothing_to_commit";
                case Unsigned: return "unsigned";
                case BadSignature: return "bad_signature";
                case Replayed: return "replayed";
                case NoKey: return "no_key";
                case StorageFailed: return "storage_failed";
                default:
                    if (code > JsonBase && code <= JsonBase + JsonError.TrailingData)
                    {
                        switch (code - JsonBase)
                        {
                            case JsonError.Empty: return "json_empty";
                            case JsonError.TooLarge: return "json_too_large";
                            case JsonError.TooDeep: return "json_too_deep";
                            case JsonError.StringTooLong: return "json_string_too_long";
                            case JsonError.TooManyValues: return "json_too_many_values";
                            case JsonError.UnexpectedEnd: return "json_unexpected_end";
                            case JsonError.UnexpectedCharacter: return "json_unexpected_character";
                            case JsonError.InvalidNumber: return "json_invalid_number";
                            case JsonError.NumberOutOfRange: return "json_number_out_of_range";
                            case JsonError.InvalidEscape: return "json_invalid_escape";
                            case JsonError.InvalidUtf8: return "json_invalid_utf8";
                            case JsonError.ControlCharacter: return "json_control_character";
                            case JsonError.DuplicateKey: return "json_duplicate_key";
                            case JsonError.TrailingData: return "json_trailing_data";
                        }
                    }

                    return "unknown";
            }
        }

        /// <summary>The code for a wire name, or -1 when the name is not a result code.</summary>
        public static int Parse(string name)
        {
            for (int code = 0; code <= JsonBase + JsonError.TrailingData; code++)
            {
                string n = Name(code);
                if (n != "unknown" && n == name)
                {
                    return code;
                }
            }

            return -1;
        }
    }
}
