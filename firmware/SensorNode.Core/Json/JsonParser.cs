namespace SensorNode.Core.Json
{
    /// <summary>Why a JSON text was rejected.</summary>
    public static class JsonError
    {
        public const int None = 0;
        public const int Empty = 1;
        public const int TooLarge = 2;
        public const int TooDeep = 3;
        public const int StringTooLong = 4;
        public const int TooManyValues = 5;
        public const int UnexpectedEnd = 6;
        public const int UnexpectedCharacter = 7;
        public const int InvalidNumber = 8;
        public const int NumberOutOfRange = 9;
        public const int InvalidEscape = 10;
        public const int InvalidUtf8 = 11;
        public const int ControlCharacter = 12;
        public const int DuplicateKey = 13;
        public const int TrailingData = 14;

        public static string Name(int code)
        {
            switch (code)
            {
                case None: return "none";
                case Empty: return "empty";
                case TooLarge: return "too_large";
                case TooDeep: return "too_deep";
                case StringTooLong: return "string_too_long";
                case TooManyValues: return "too_many_values";
                case UnexpectedEnd: return "unexpected_end";
                case UnexpectedCharacter: return "unexpected_character";
                case InvalidNumber: return "invalid_number";
                case NumberOutOfRange: return "number_out_of_range";
                case InvalidEscape: return "invalid_escape";
                case InvalidUtf8: return "invalid_utf8";
                case ControlCharacter: return "control_character";
                case DuplicateKey: return "duplicate_key";
                case TrailingData: return "trailing_data";
                default: return "unknown";
            }
        }
    }

    /// <summary>
    /// Strict, bounded JSON parser (RFC 8259) for inbound messages. Rejects, with an error code and the byte
    /// position: input over <see cref="MaxBytes"/>, nesting over <see cref="MaxDepth"/>, strings over
    /// <see cref="MaxStringLength"/> chars, more than <see cref="MaxValues"/> values, invalid UTF-8 (overlong
    /// forms, surrogates, truncated sequences), bad escapes and lone surrogate escapes, raw control characters,
    /// numbers outside the JSON grammar or the double range, duplicate member names and anything after the
    /// value but whitespace. Never throws on any input; memory use is bounded by the limits.
    /// </summary>
    public sealed class JsonParser
    {
        public readonly int MaxBytes;
        public readonly int MaxDepth;
        public readonly int MaxStringLength;
        public readonly int MaxValues;

        private readonly char[] _chars;

        private byte[] _data;
        private int _pos;
        private int _end;
        private int _values;

        /// <summary>Error of the last <see cref="Parse"/>, <see cref="JsonError.None"/> on success.</summary>
        public int Error;

        /// <summary>Byte offset (from the start of the parsed range) where the error was found.</summary>
        public int ErrorPosition;

        public JsonParser(int maxBytes, int maxDepth, int maxStringLength, int maxValues)
        {
            MaxBytes = maxBytes;
            MaxDepth = maxDepth;
            MaxStringLength = maxStringLength;
            MaxValues = maxValues;
            _chars = new char[maxStringLength + 2];
        }

        /// <summary>Parses exactly one JSON value spanning data[offset..offset+length) (whitespace around it allowed).
        /// Returns null on error (see <see cref="Error"/>, <see cref="ErrorPosition"/>). Positions in the nodes are
        /// absolute indices into <paramref name="data"/>.</summary>
        public JsonNode Parse(byte[] data, int offset, int length)
        {
            Error = JsonError.None;
            ErrorPosition = 0;
            _values = 0;
            if (data == null || length <= 0 || offset < 0 || offset + length > data.Length)
            {
                return Fail(JsonError.Empty, offset);
            }

            _data = data;
            _pos = offset;
            _end = offset + length;
            int origin = offset;
            if (length > MaxBytes)
            {
                return FailAt(JsonError.TooLarge, origin + MaxBytes, origin);
            }

            SkipWhitespace();
            if (_pos >= _end)
            {
                return FailAt(JsonError.Empty, _pos, origin);
            }

            JsonNode root = ParseValue(0);
            if (root == null)
            {
                ErrorPosition -= origin;
                _data = null;
                return null;
            }

            SkipWhitespace();
            if (_pos < _end)
            {
                return FailAt(JsonError.TrailingData, _pos, origin);
            }

            _data = null;
            return root;
        }

        private JsonNode FailAt(int error, int position, int origin)
        {
            Error = error;
            ErrorPosition = position - origin;
            _data = null;
            return null;
        }

        private JsonNode Fail(int error, int position)
        {
            if (Error == JsonError.None)
            {
                Error = error;
                ErrorPosition = position;
            }

            return null;
        }

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                byte b = _data[_pos];
                if (b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09)
                {
                    _pos++;
                }
                else
                {
                    break;
                }
            }
        }

        private JsonNode ParseValue(int depth)
        {
            if (_pos >= _end)
            {
                return Fail(JsonError.UnexpectedEnd, _pos);
            }

            if (++_values > MaxValues)
            {
                return Fail(JsonError.TooManyValues, _pos);
            }

            byte b = _data[_pos];
            switch (b)
            {
                case (byte)'{':
                    return ParseObject(depth + 1);
                case (byte)'[':
                    return ParseArray(depth + 1);
                case (byte)'"':
                {
                    int start = _pos;
                    string s = ParseString();
                    if (s == null)
                    {
                        return null;
                    }

                    var node = new JsonNode();
                    node.Kind = JsonKind.String;
                    node.StringValue = s;
                    node.Start = start;
                    node.End = _pos;
                    return node;
                }

                case (byte)'t':
                    return ParseLiteral("true", JsonKind.Bool, true);
                case (byte)'f':
                    return ParseLiteral("false", JsonKind.Bool, false);
                case (byte)'n':
                    return ParseLiteral("null", JsonKind.Null, false);
                default:
                    if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9'))
                    {
                        return ParseNumber();
                    }

                    return Fail(JsonError.UnexpectedCharacter, _pos);
            }
        }

        private JsonNode ParseLiteral(string text, int kind, bool value)
        {
            int start = _pos;
            for (int i = 0; i < text.Length; i++)
            {
                if (_pos >= _end)
                {
                    return Fail(JsonError.UnexpectedEnd, _pos);
                }

                if (_data[_pos] != (byte)text[i])
                {
                    return Fail(JsonError.UnexpectedCharacter, _pos);
                }

                _pos++;
            }

            var node = new JsonNode();
            node.Kind = kind;
            node.BoolValue = value;
            node.Start = start;
            node.End = _pos;
            return node;
        }

        private JsonNode ParseObject(int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail(JsonError.TooDeep, _pos);
            }

            var node = new JsonNode();
            node.Kind = JsonKind.Object;
            node.Start = _pos;
            _pos++;
            SkipWhitespace();
            if (_pos < _end && _data[_pos] == (byte)'}')
            {
                _pos++;
                node.End = _pos;
                return node;
            }

            int separator = -1;
            while (true)
            {
                if (_pos >= _end)
                {
                    return Fail(JsonError.UnexpectedEnd, _pos);
                }

                if (_data[_pos] != (byte)'"')
                {
                    return Fail(JsonError.UnexpectedCharacter, _pos);
                }

                int nameAt = _pos;
                string name = ParseString();
                if (name == null)
                {
                    return null;
                }

                if (node.IndexOf(name) >= 0)
                {
                    return Fail(JsonError.DuplicateKey, nameAt);
                }

                SkipWhitespace();
                if (_pos >= _end)
                {
                    return Fail(JsonError.UnexpectedEnd, _pos);
                }

                if (_data[_pos] != (byte)':')
                {
                    return Fail(JsonError.UnexpectedCharacter, _pos);
                }

                _pos++;
                SkipWhitespace();
                JsonNode value = ParseValue(depth);
                if (value == null)
                {
                    return null;
                }

                node.AddMember(name, separator, value);
                SkipWhitespace();
                if (_pos >= _end)
                {
                    return Fail(JsonError.UnexpectedEnd, _pos);
                }

                byte b = _data[_pos];
                if (b == (byte)',')
                {
                    separator = _pos;
                    _pos++;
                    SkipWhitespace();
                    continue;
                }

                if (b == (byte)'}')
                {
                    _pos++;
                    node.End = _pos;
                    return node;
                }

                return Fail(JsonError.UnexpectedCharacter, _pos);
            }
        }

        private JsonNode ParseArray(int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail(JsonError.TooDeep, _pos);
            }

            var node = new JsonNode();
            node.Kind = JsonKind.Array;
            node.Start = _pos;
            _pos++;
            SkipWhitespace();
            if (_pos < _end && _data[_pos] == (byte)']')
            {
                _pos++;
                node.End = _pos;
                return node;
            }

            while (true)
            {
                JsonNode item = ParseValue(depth);
                if (item == null)
                {
                    return null;
                }

                node.AddItem(item);
                SkipWhitespace();
                if (_pos >= _end)
                {
                    return Fail(JsonError.UnexpectedEnd, _pos);
                }

                byte b = _data[_pos];
                if (b == (byte)',')
                {
                    _pos++;
                    SkipWhitespace();
                    continue;
                }

                if (b == (byte)']')
                {
                    _pos++;
                    node.End = _pos;
                    return node;
                }

                return Fail(JsonError.UnexpectedCharacter, _pos);
            }
        }

        /// <summary>Parses a string starting at the opening quote; returns null on error.</summary>
        private string ParseString()
        {
            _pos++;
            int n = 0;
            while (true)
            {
                if (_pos >= _end)
                {
                    Fail(JsonError.UnexpectedEnd, _pos);
                    return null;
                }

                int b = _data[_pos];
                if (b == '"')
                {
                    _pos++;
                    return new string(_chars, 0, n);
                }

                if (n >= MaxStringLength)
                {
                    Fail(JsonError.StringTooLong, _pos);
                    return null;
                }

                if (b == '\\')
                {
                    if (!ParseEscape(ref n))
                    {
                        return null;
                    }

                    continue;
                }

                if (b < 0x20)
                {
                    Fail(JsonError.ControlCharacter, _pos);
                    return null;
                }

                if (b < 0x80)
                {
                    _chars[n++] = (char)b;
                    _pos++;
                    continue;
                }

                if (!ParseUtf8(ref n))
                {
                    return null;
                }
            }
        }

        private bool ParseEscape(ref int n)
        {
            int at = _pos;
            _pos++;
            if (_pos >= _end)
            {
                Fail(JsonError.UnexpectedEnd, _pos);
                return false;
            }

            byte e = _data[_pos++];
            switch (e)
            {
                case (byte)'"':
                    _chars[n++] = '"';
                    return true;
                case (byte)'\\':
                    _chars[n++] = '\\';
                    return true;
                case (byte)'/':
                    _chars[n++] = '/';
                    return true;
                case (byte)'b':
                    _chars[n++] = '\b';
                    return true;
                case (byte)'f':
                    _chars[n++] = '\f';
                    return true;
                case (byte)'n':
                    _chars[n++] = '\n';
                    return true;
                case (byte)'r':
                    _chars[n++] = '\r';
                    return true;
                case (byte)'t':
                    _chars[n++] = '\t';
                    return true;
                case (byte)'u':
                {
                    int cu = ReadHex4();
                    if (cu < 0)
                    {
                        Fail(JsonError.InvalidEscape, at);
                        return false;
                    }

                    if (cu >= 0xDC00 && cu <= 0xDFFF)
                    {
                        Fail(JsonError.InvalidEscape, at);
                        return false;
                    }

                    if (cu >= 0xD800 && cu <= 0xDBFF)
                    {
                        // A high surrogate must be followed by an escaped low surrogate.
                        if (_pos + 1 >= _end || _data[_pos] != (byte)'\\' || _data[_pos + 1] != (byte)'u')
                        {
                            Fail(JsonError.InvalidEscape, at);
                            return false;
                        }

                        _pos += 2;
                        int low = ReadHex4();
                        if (low < 0xDC00 || low > 0xDFFF)
                        {
                            Fail(JsonError.InvalidEscape, at);
                            return false;
                        }

                        if (n + 1 >= MaxStringLength + 1)
                        {
                            Fail(JsonError.StringTooLong, at);
                            return false;
                        }

                        _chars[n++] = (char)cu;
                        _chars[n++] = (char)low;
                        return true;
                    }

                    _chars[n++] = (char)cu;
                    return true;
                }

                default:
                    Fail(JsonError.InvalidEscape, at);
                    return false;
            }
        }

        private int ReadHex4()
        {
            if (_pos + 4 > _end)
            {
                return -1;
            }

            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _data[_pos++];
                int d;
                if (c >= '0' && c <= '9')
                {
                    d = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    d = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    d = c - 'A' + 10;
                }
                else
                {
                    return -1;
                }

                v = (v << 4) | d;
            }

            return v;
        }

        private bool ParseUtf8(ref int n)
        {
            int at = _pos;
            int b0 = _data[_pos];
            int need;
            int cp;
            int min;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                need = 1;
                cp = b0 & 0x1F;
                min = 0x80;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                need = 2;
                cp = b0 & 0x0F;
                min = 0x800;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                need = 3;
                cp = b0 & 0x07;
                min = 0x10000;
            }
            else
            {
                Fail(JsonError.InvalidUtf8, at);
                return false;
            }

            if (_pos + need >= _end)
            {
                Fail(JsonError.InvalidUtf8, at);
                return false;
            }

            for (int i = 1; i <= need; i++)
            {
                int bx = _data[_pos + i];
                if ((bx & 0xC0) != 0x80)
                {
                    Fail(JsonError.InvalidUtf8, at);
                    return false;
                }

                cp = (cp << 6) | (bx & 0x3F);
            }

            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            {
                Fail(JsonError.InvalidUtf8, at);
                return false;
            }

            _pos += need + 1;
            if (cp >= 0x10000)
            {
                if (n + 1 >= MaxStringLength + 1)
                {
                    Fail(JsonError.StringTooLong, at);
                    return false;
                }

                cp -= 0x10000;
                _chars[n++] = (char)(0xD800 + (cp >> 10));
                _chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
            }
            else
            {
                _chars[n++] = (char)cp;
            }

            return true;
        }

        private static readonly double[] Pow10 =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
        };

        private JsonNode ParseNumber()
        {
            int start = _pos;
            bool negative = false;
            if (_data[_pos] == (byte)'-')
            {
                negative = true;
                _pos++;
            }

            ulong mantissa = 0;
            int significant = 0;
            int dropped = 0;
            int intDigits = 0;
            if (_pos >= _end)
            {
                return Fail(JsonError.InvalidNumber, start);
            }

            if (_data[_pos] == (byte)'0')
            {
                _pos++;
                intDigits = 1;
                if (_pos < _end && _data[_pos] >= (byte)'0' && _data[_pos] <= (byte)'9')
                {
                    return Fail(JsonError.InvalidNumber, start);
                }
            }
            else
            {
                while (_pos < _end && _data[_pos] >= (byte)'0' && _data[_pos] <= (byte)'9')
                {
                    AddDigit(_data[_pos] - '0', ref mantissa, ref significant, ref dropped);
                    _pos++;
                    intDigits++;
                }
            }

            if (intDigits == 0)
            {
                return Fail(JsonError.InvalidNumber, start);
            }

            bool integral = true;
            int fractionDigits = 0;
            if (_pos < _end && _data[_pos] == (byte)'.')
            {
                integral = false;
                _pos++;
                while (_pos < _end && _data[_pos] >= (byte)'0' && _data[_pos] <= (byte)'9')
                {
                    int before = dropped;
                    AddDigit(_data[_pos] - '0', ref mantissa, ref significant, ref dropped);
                    if (dropped == before)
                    {
                        fractionDigits++;
                    }
                    else
                    {
                        // A dropped fraction digit does not scale the value.
                        dropped--;
                    }

                    _pos++;
                    if (_pos - start > 64)
                    {
                        return Fail(JsonError.InvalidNumber, start);
                    }
                }

                if (_data[_pos - 1] == (byte)'.')
                {
                    return Fail(JsonError.InvalidNumber, start);
                }
            }

            int exponent = 0;
            if (_pos < _end && (_data[_pos] == (byte)'e' || _data[_pos] == (byte)'E'))
            {
                integral = false;
                _pos++;
                bool expNegative = false;
                if (_pos < _end && (_data[_pos] == (byte)'+' || _data[_pos] == (byte)'-'))
                {
                    expNegative = _data[_pos] == (byte)'-';
                    _pos++;
                }

                int expDigits = 0;
                while (_pos < _end && _data[_pos] >= (byte)'0' && _data[_pos] <= (byte)'9')
                {
                    if (exponent < 100000)
                    {
                        exponent = exponent * 10 + (_data[_pos] - '0');
                    }

                    expDigits++;
                    _pos++;
                }

                if (expDigits == 0)
                {
                    return Fail(JsonError.InvalidNumber, start);
                }

                if (expNegative)
                {
                    exponent = -exponent;
                }
            }

            if (_pos - start > 64)
            {
                return Fail(JsonError.InvalidNumber, start);
            }

            var node = new JsonNode();
            node.Kind = JsonKind.Number;
            node.Start = start;
            node.End = _pos;

            int scale = exponent + dropped - fractionDigits;
            double value;
            if (mantissa == 0)
            {
                value = 0;
            }
            else
            {
                if (scale > 330)
                {
                    return Fail(JsonError.NumberOutOfRange, start);
                }

                if (scale < -400)
                {
                    value = 0;
                }
                else
                {
                    value = mantissa;
                    int s = scale;
                    while (s > 22)
                    {
                        value *= 1e22;
                        s -= 22;
                    }

                    while (s < -22)
                    {
                        value /= 1e22;
                        s += 22;
                    }

                    value = s >= 0 ? value * Pow10[s] : value / Pow10[-s];
                    if (double.IsInfinity(value))
                    {
                        return Fail(JsonError.NumberOutOfRange, start);
                    }
                }
            }

            node.NumberValue = negative ? -value : value;
            if (integral && dropped == 0 && significant <= 18)
            {
                node.IsInteger = true;
                node.IntegerValue = negative ? -(long)mantissa : (long)mantissa;
            }
            else if (integral && dropped == 0 && significant == 19 && mantissa <= 9223372036854775807UL)
            {
                node.IsInteger = true;
                node.IntegerValue = negative ? -(long)mantissa : (long)mantissa;
            }

            return node;
        }

        private static void AddDigit(int digit, ref ulong mantissa, ref int significant, ref int dropped)
        {
            if (significant == 0 && digit == 0)
            {
                return;
            }

            if (significant < 19)
            {
                mantissa = mantissa * 10UL + (ulong)digit;
                significant++;
            }
            else
            {
                dropped++;
            }
        }
    }
}
