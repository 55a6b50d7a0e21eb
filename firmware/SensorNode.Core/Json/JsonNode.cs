namespace SensorNode.Core.Json
{
    /// <summary>The kind of a <see cref="JsonNode"/>.</summary>
    public static class JsonKind
    {
        public const int Null = 0;
        public const int Bool = 1;
        public const int Number = 2;
        public const int String = 3;
        public const int Array = 4;
        public const int Object = 5;

        public static string Name(int kind)
        {
            switch (kind)
            {
                case Null: return "null";
                case Bool: return "boolean";
                case Number: return "number";
                case String: return "string";
                case Array: return "array";
                case Object: return "object";
                default: return "?";
            }
        }
    }

    /// <summary>
    /// One parsed JSON value. Used for inbound messages (config, commands, provisioning requests) and by the
    /// host-side decoders, where allocation does not matter; the node's outbound path never builds these.
    /// Objects keep their members in document order with the byte position of the comma before each member,
    /// so a signature over the exact bytes can be checked (see Security/MessageSigner).
    /// </summary>
    public sealed class JsonNode
    {
        public int Kind;

        public bool BoolValue;

        /// <summary>The number's value as a double (also set for integers).</summary>
        public double NumberValue;

        /// <summary>True when the number was written without fraction or exponent and fits a long.</summary>
        public bool IsInteger;

        public long IntegerValue;

        public string StringValue;

        /// <summary>Byte offsets of the value in the parsed buffer: [Start, End).</summary>
        public int Start;
        public int End;

        // Array items, or object member values.
        private JsonNode[] _items;
        // Object member names and the position of the ',' before each member (-1 for the first).
        private string[] _names;
        private int[] _separators;
        private int _count;

        public int Count => _count;

        public bool IsObject => Kind == JsonKind.Object;

        public bool IsArray => Kind == JsonKind.Array;

        public bool IsString => Kind == JsonKind.String;

        public bool IsNumber => Kind == JsonKind.Number;

        public bool IsBool => Kind == JsonKind.Bool;

        public bool IsNull => Kind == JsonKind.Null;

        /// <summary>Item <paramref name="index"/> of an array, or the value of member <paramref name="index"/> of an object.</summary>
        public JsonNode ItemAt(int index)
        {
            return _items[index];
        }

        public string NameAt(int index)
        {
            return _names[index];
        }

        /// <summary>Byte position of the comma before member <paramref name="index"/> (-1 for the first member).</summary>
        public int SeparatorAt(int index)
        {
            return _separators[index];
        }

        /// <summary>The index of member <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            if (_names == null)
            {
                return -1;
            }

            for (int i = 0; i < _count; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The value of member <paramref name="name"/>, or null when absent (a JSON null is a node of kind Null).</summary>
        public JsonNode Get(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : _items[i];
        }

        internal void AddItem(JsonNode item)
        {
            Grow(false);
            _items[_count++] = item;
        }

        internal void AddMember(string name, int separator, JsonNode value)
        {
            Grow(true);
            _names[_count] = name;
            _separators[_count] = separator;
            _items[_count++] = value;
        }

        private void Grow(bool withNames)
        {
            if (_items == null)
            {
                _items = new JsonNode[4];
                if (withNames)
                {
                    _names = new string[4];
                    _separators = new int[4];
                }

                return;
            }

            if (_count < _items.Length)
            {
                return;
            }

            int size = _items.Length * 2;
            var items = new JsonNode[size];
            System.Array.Copy(_items, items, _count);
            _items = items;
            if (withNames)
            {
                var names = new string[size];
                System.Array.Copy(_names, names, _count);
                _names = names;
                var seps = new int[size];
                System.Array.Copy(_separators, seps, _count);
                _separators = seps;
            }
        }
    }
}
