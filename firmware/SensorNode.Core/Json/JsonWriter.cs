namespace SensorNode.Core.Json
{
    /// <summary>
    /// Writes compact UTF-8 JSON into a caller-owned byte array that is reused for every message.
    /// Nothing is allocated per message: numbers are formatted digit by digit into the buffer, strings are
    /// UTF-8-encoded char by char. When the buffer is too small the writer stops writing, sets
    /// <see cref="Overflowed"/> and keeps accepting calls, so an encoder can run to its end and check once.
    /// </summary>
    public sealed class JsonWriter
    {
        /// <summary>Deepest nesting of objects/arrays the writer tracks.</summary>
        public const int MaxDepth = 16;

        /// <summary>Significant digits used for float values unless the caller asks for fewer
        /// (a float carries about 7.2 decimal digits).</summary>
        public const int FloatDigits = 7;

        private static readonly double[] Pow10 =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
        };

        private static readonly long[] LongPow10 =
        {
            1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L, 1000000000L,
            10000000000L, 100000000000L, 1000000000000L, 10000000000000L, 100000000000000L, 1000000000000000L
        };

        private static readonly byte[] HexDigits =
        {
            (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7',
            (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f'
        };

        // Per nesting level: has the container already got an item (so the next needs a comma)?
        private readonly bool[] _hasItem = new bool[MaxDepth + 1];
        // Per nesting level: object (true) or array (false).
        private readonly bool[] _isObject = new bool[MaxDepth + 1];
        // Scratch for digits, allocated once.
        private readonly byte[] _digits = new byte[24];

        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _limit;
        private int _depth;
        private bool _afterName;
        private bool _overflowed;
        private bool _misused;

        public JsonWriter()
        {
        }

        public JsonWriter(byte[] buffer)
        {
            Reset(buffer, 0, buffer.Length);
        }

        /// <summary>Starts a new message at the beginning of <paramref name="buffer"/>.</summary>
        public void Reset(byte[] buffer)
        {
            Reset(buffer, 0, buffer.Length);
        }

        /// <summary>Starts a new message in <paramref name="buffer"/>[offset .. offset+capacity).</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _limit = offset + capacity;
            if (_limit > buffer.Length)
            {
                _limit = buffer.Length;
            }

            _depth = 0;
            _hasItem[0] = false;
            _afterName = false;
            _overflowed = false;
            _misused = false;
        }

        /// <summary>Starts again in the same buffer.</summary>
        public void Restart()
        {
            Reset(_buffer, _start, _limit - _start);
        }

        public byte[] Buffer => _buffer;

        public int Offset => _start;

        /// <summary>Bytes written so far (excluding anything dropped after an overflow).</summary>
        public int Length => _position - _start;

        /// <summary>True when something did not fit; the content is then incomplete and must not be sent.</summary>
        public bool Overflowed => _overflowed;

        /// <summary>True when the calls did not form valid JSON (e.g. a value without a name inside an object).</summary>
        public bool Misused => _misused;

        /// <summary>True when a complete, well-formed document was written and it fitted.</summary>
        public bool IsComplete => !_overflowed && !_misused && _depth == 0 && _hasItem[0];

        // ---- structure -------------------------------------------------------------------------------------

        public void BeginObject()
        {
            BeforeValue();
            Put((byte)'{');
            Push(true);
        }

        public void EndObject()
        {
            Pop(true);
            Put((byte)'}');
        }

        public void BeginArray()
        {
            BeforeValue();
            Put((byte)'[');
            Push(false);
        }

        public void EndArray()
        {
            Pop(false);
            Put((byte)']');
        }

        /// <summary>Writes a member name; the next value call writes its value.</summary>
        public void Name(string name)
        {
            if (_afterName || _depth == 0 || !_isObject[_depth])
            {
                _misused = true;
            }

            if (_hasItem[_depth])
            {
                Put((byte)',');
            }

            _hasItem[_depth] = true;
            PutQuoted(name);
            Put((byte)':');
            _afterName = true;
        }

        // ---- values ----------------------------------------------------------------------------------------

        public void Null()
        {
            BeforeValue();
            PutAscii("null");
        }

        public void Bool(bool value)
        {
            BeforeValue();
            PutAscii(value ? "true" : "false");
        }

        public void String(string value)
        {
            BeforeValue();
            if (value == null)
            {
                PutAscii("null");
                return;
            }

            PutQuoted(value);
        }

        public void Int(int value)
        {
            BeforeValue();
            PutLong(value);
        }

        public void Long(long value)
        {
            BeforeValue();
            PutLong(value);
        }

        public void UInt(uint value)
        {
            BeforeValue();
            PutLong(value);
        }

        /// <summary>A float with at most <see cref="FloatDigits"/> significant digits; NaN and ±Inf become null
        /// (JSON has no representation for them).</summary>
        public void Float(float value)
        {
            BeforeValue();
            PutNumber(value, FloatDigits);
        }

        /// <summary>A float with at most <paramref name="significantDigits"/> (1..7) significant digits.</summary>
        public void Float(float value, int significantDigits)
        {
            BeforeValue();
            PutNumber(value, Clamp(significantDigits, 1, FloatDigits));
        }

        /// <summary>A double with at most <paramref name="significantDigits"/> (1..15) significant digits.</summary>
        public void Double(double value, int significantDigits)
        {
            BeforeValue();
            PutNumber(value, Clamp(significantDigits, 1, 15));
        }

        /// <summary>Bytes as a lowercase hex string.</summary>
        public void Hex(byte[] data, int offset, int count)
        {
            BeforeValue();
            Put((byte)'"');
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                Put(HexDigits[b >> 4]);
                Put(HexDigits[b & 15]);
            }

            Put((byte)'"');
        }

        /// <summary>Copies already-encoded JSON (one complete value) as the next value.</summary>
        public void RawValue(byte[] json, int offset, int count)
        {
            BeforeValue();
            for (int i = 0; i < count; i++)
            {
                Put(json[offset + i]);
            }
        }

        // ---- name + value shorthands -------------------------------------------------------------------------

        public void Prop(string name, string value)
        {
            Name(name);
            String(value);
        }

        public void Prop(string name, bool value)
        {
            Name(name);
            Bool(value);
        }

        public void Prop(string name, int value)
        {
            Name(name);
            Int(value);
        }

        public void Prop(string name, long value)
        {
            Name(name);
            Long(value);
        }

        public void Prop(string name, uint value)
        {
            Name(name);
            UInt(value);
        }

        public void Prop(string name, float value)
        {
            Name(name);
            Float(value);
        }

        public void Prop(string name, float value, int significantDigits)
        {
            Name(name);
            Float(value, significantDigits);
        }

        public void Prop(string name, double value, int significantDigits)
        {
            Name(name);
            Double(value, significantDigits);
        }

        // ---- internals ---------------------------------------------------------------------------------------

        private static int Clamp(int v, int lo, int hi)
        {
            return v < lo ? lo : (v > hi ? hi : v);
        }

        private void Push(bool isObject)
        {
            if (_depth >= MaxDepth)
            {
                _misused = true;
                return;
            }

            _depth++;
            _hasItem[_depth] = false;
            _isObject[_depth] = isObject;
        }

        private void Pop(bool isObject)
        {
            if (_depth == 0 || _afterName || _isObject[_depth] != isObject)
            {
                _misused = true;
                return;
            }

            _depth--;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_depth == 0)
            {
                // A second top-level value is not JSON.
                if (_hasItem[0])
                {
                    _misused = true;
                }

                _hasItem[0] = true;
                return;
            }

            // Inside an object a value needs a name first; inside an array a comma separates items.
            if (_isObject[_depth])
            {
                _misused = true;
            }

            if (_hasItem[_depth])
            {
                Put((byte)',');
            }

            _hasItem[_depth] = true;
        }

        private void Put(byte b)
        {
            if (_position >= _limit)
            {
                _overflowed = true;
                return;
            }

            _buffer[_position++] = b;
        }

        private void PutAscii(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                Put((byte)s[i]);
            }
        }

        private void PutQuoted(string s)
        {
            Put((byte)'"');
            int n = s.Length;
            for (int i = 0; i < n; i++)
            {
                char c = s[i];
                if (c < 0x80)
                {
                    if (c == '"' || c == '\\')
                    {
                        Put((byte)'\\');
                        Put((byte)c);
                    }
                    else if (c < 0x20)
                    {
                        PutControlEscape(c);
                    }
                    else
                    {
                        Put((byte)c);
                    }
                }
                else if (c < 0x800)
                {
                    Put((byte)(0xC0 | (c >> 6)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    Put((byte)(0xF0 | (cp >> 18)));
                    Put((byte)(0x80 | ((cp >> 12) & 0x3F)));
                    Put((byte)(0x80 | ((cp >> 6) & 0x3F)));
                    Put((byte)(0x80 | (cp & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    // A lone surrogate cannot be UTF-8: write U+FFFD so the output stays valid.
                    Put(0xEF);
                    Put(0xBF);
                    Put(0xBD);
                }
                else
                {
                    Put((byte)(0xE0 | (c >> 12)));
                    Put((byte)(0x80 | ((c >> 6) & 0x3F)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
            }

            Put((byte)'"');
        }

        private void PutControlEscape(char c)
        {
            Put((byte)'\\');
            switch (c)
            {
                case '\n':
                    Put((byte)'n');
                    break;
                case '\r':
                    Put((byte)'r');
                    break;
                case '\t':
                    Put((byte)'t');
                    break;
                case '\b':
                    Put((byte)'b');
                    break;
                case '\f':
                    Put((byte)'f');
                    break;
                default:
                    Put((byte)'u');
                    Put((byte)'0');
                    Put((byte)'0');
                    Put(HexDigits[(c >> 4) & 15]);
                    Put(HexDigits[c & 15]);
                    break;
            }
        }

        private void PutLong(long value)
        {
            ulong magnitude;
            if (value < 0)
            {
                Put((byte)'-');
                magnitude = (ulong)(-(value + 1)) + 1UL;
            }
            else
            {
                magnitude = (ulong)value;
            }

            int n = 0;
            do
            {
                _digits[n++] = (byte)('0' + (int)(magnitude % 10UL));
                magnitude /= 10UL;
            }
            while (magnitude != 0);

            while (n > 0)
            {
                Put(_digits[--n]);
            }
        }

        /// <summary>Shortest-looking decimal with at most <paramref name="sig"/> significant digits:
        /// fixed notation for 1e-6 ≤ |v| &lt; 1e21, otherwise d.ddde±x.</summary>
        private void PutNumber(double v, int sig)
        {
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                PutAscii("null");
                return;
            }

            if (v == 0)
            {
                Put((byte)'0');
                return;
            }

            if (v < 0)
            {
                Put((byte)'-');
                v = -v;
            }

            int e = DecimalExponent(v);
            long m = ScaledMantissa(v, sig - 1 - e);
            long top = LongPow10[sig];
            if (m >= top)
            {
                // Rounding carried into a new digit (e.g. 9.9999999 → 10.00000).
                e++;
                m = ScaledMantissa(v, sig - 1 - e);
                if (m >= top)
                {
                    m = top / 10;
                }
            }
            else if (m < top / 10)
            {
                e--;
                m = ScaledMantissa(v, sig - 1 - e);
                if (m >= top)
                {
                    e++;
                    m = top / 10;
                }
            }

            // Digits of m, most significant first, without trailing zeros.
            int n = sig;
            for (int i = sig - 1; i >= 0; i--)
            {
                _digits[i] = (byte)('0' + (int)(m % 10));
                m /= 10;
            }

            while (n > 1 && _digits[n - 1] == (byte)'0')
            {
                n--;
            }

            if (e >= -6 && e < 21)
            {
                if (e >= 0)
                {
                    for (int i = 0; i <= e; i++)
                    {
                        Put(i < n ? _digits[i] : (byte)'0');
                    }

                    if (n > e + 1)
                    {
                        Put((byte)'.');
                        for (int i = e + 1; i < n; i++)
                        {
                            Put(_digits[i]);
                        }
                    }
                }
                else
                {
                    Put((byte)'0');
                    Put((byte)'.');
                    for (int i = -1; i > e; i--)
                    {
                        Put((byte)'0');
                    }

                    for (int i = 0; i < n; i++)
                    {
                        Put(_digits[i]);
                    }
                }

                return;
            }

            Put(_digits[0]);
            if (n > 1)
            {
                Put((byte)'.');
                for (int i = 1; i < n; i++)
                {
                    Put(_digits[i]);
                }
            }

            Put((byte)'e');
            PutLong(e);
        }

        /// <summary>floor(log10(v)) for v &gt; 0, by comparison against exact powers of ten (no Math.Log10,
        /// whose result is single precision on the device).</summary>
        private static int DecimalExponent(double v)
        {
            int e = 0;
            while (v >= 1e22)
            {
                v /= 1e22;
                e += 22;
            }

            while (v < 1)
            {
                if (v < 1e-22)
                {
                    v *= 1e22;
                    e -= 22;
                }
                else
                {
                    int k = 1;
                    while (k < 22 && v * Pow10[k] < 1)
                    {
                        k++;
                    }

                    v *= Pow10[k];
                    e -= k;
                }
            }

            int j = 0;
            while (j < 22 && v >= Pow10[j + 1])
            {
                j++;
            }

            return e + j;
        }

        /// <summary>round(v × 10^scale) using exact powers of ten in as few steps as possible.</summary>
        private static long ScaledMantissa(double v, int scale)
        {
            double x = v;
            while (scale > 22)
            {
                x *= 1e22;
                scale -= 22;
            }

            while (scale < -22)
            {
                x /= 1e22;
                scale += 22;
            }

            x = scale >= 0 ? x * Pow10[scale] : x / Pow10[-scale];
            return (long)(x + 0.5);
        }
    }
}
