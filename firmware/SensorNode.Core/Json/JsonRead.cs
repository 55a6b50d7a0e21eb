using SensorNode.Core.Protocol;

namespace SensorNode.Core.Json
{
    /// <summary>
    /// Typed reads from a parsed object with field-level errors (path + ResultCode + message). Shared by the
    /// config, command and provisioning parsers and by the host-side decoders, so every rejection says which
    /// field and why.
    /// </summary>
    public static class JsonRead
    {
        public static string Join(string prefix, string name)
        {
            return prefix == null || prefix.Length == 0 ? name : prefix + "." + name;
        }

        /// <summary>Reports every member of <paramref name="obj"/> not in <paramref name="allowed"/> as UnknownField.
        /// Returns true when there was none.</summary>
        public static bool OnlyKnown(JsonNode obj, string[] allowed, string prefix, FieldErrors errors)
        {
            bool ok = true;
            for (int i = 0; i < obj.Count; i++)
            {
                string name = obj.NameAt(i);
                bool known = false;
                for (int k = 0; k < allowed.Length; k++)
                {
                    if (allowed[k] == name)
                    {
                        known = true;
                        break;
                    }
                }

                if (!known)
                {
                    errors.Add(Join(prefix, name), ResultCode.UnknownField, "unknown field");
                    ok = false;
                }
            }

            return ok;
        }

        /// <summary>Member as an object; null (and an error when <paramref name="required"/> or of another type) otherwise.</summary>
        public static JsonNode Object(JsonNode obj, string name, bool required, string prefix, FieldErrors errors)
        {
            JsonNode v = obj.Get(name);
            if (v == null)
            {
                if (required)
                {
                    errors.Add(Join(prefix, name), ResultCode.MissingField, "required");
                }

                return null;
            }

            if (!v.IsObject)
            {
                errors.Add(Join(prefix, name), ResultCode.WrongType, "must be an object");
                return null;
            }

            return v;
        }

        /// <summary>A string of at most <paramref name="maxLength"/> chars; sets <paramref name="value"/> only when valid.</summary>
        public static bool String(JsonNode obj, string name, bool required, int minLength, int maxLength, string prefix, FieldErrors errors, ref string value)
        {
            JsonNode v = obj.Get(name);
            if (v == null)
            {
                return Absent(name, required, prefix, errors);
            }

            if (!v.IsString)
            {
                errors.Add(Join(prefix, name), ResultCode.WrongType, "must be a string");
                return false;
            }

            if (v.StringValue.Length > maxLength)
            {
                errors.Add(Join(prefix, name), ResultCode.TooLong, "too long");
                return false;
            }

            if (v.StringValue.Length < minLength)
            {
                errors.Add(Join(prefix, name), ResultCode.InvalidValue, "too short");
                return false;
            }

            value = v.StringValue;
            return true;
        }

        /// <summary>An integer in [min, max]; sets <paramref name="value"/> only when valid.</summary>
        public static bool Int(JsonNode obj, string name, bool required, long min, long max, string prefix, FieldErrors errors, ref int value)
        {
            long l = value;
            if (!Long(obj, name, required, min, max, prefix, errors, ref l))
            {
                return false;
            }

            value = (int)l;
            return true;
        }

        public static bool Long(JsonNode obj, string name, bool required, long min, long max, string prefix, FieldErrors errors, ref long value)
        {
            JsonNode v = obj.Get(name);
            if (v == null)
            {
                return Absent(name, required, prefix, errors);
            }

            if (!v.IsNumber || !v.IsInteger)
            {
                errors.Add(Join(prefix, name), ResultCode.WrongType, "must be an integer");
                return false;
            }

            if (v.IntegerValue < min || v.IntegerValue > max)
            {
                errors.Add(Join(prefix, name), ResultCode.OutOfRange, "out of range");
                return false;
            }

            value = v.IntegerValue;
            return true;
        }

        /// <summary>A number in [min, max] stored as float; sets <paramref name="value"/> only when valid.</summary>
        public static bool Float(JsonNode obj, string name, bool required, double min, double max, string prefix, FieldErrors errors, ref float value)
        {
            double d = value;
            if (!Double(obj, name, required, min, max, prefix, errors, ref d))
            {
                return false;
            }

            value = (float)d;
            return true;
        }

        public static bool Double(JsonNode obj, string name, bool required, double min, double max, string prefix, FieldErrors errors, ref double value)
        {
            JsonNode v = obj.Get(name);
            if (v == null)
            {
                return Absent(name, required, prefix, errors);
            }

            if (!v.IsNumber)
            {
                errors.Add(Join(prefix, name), ResultCode.WrongType, "must be a number");
                return false;
            }

            if (v.NumberValue < min || v.NumberValue > max)
            {
                errors.Add(Join(prefix, name), ResultCode.OutOfRange, "out of range");
                return false;
            }

            value = v.NumberValue;
            return true;
        }

        public static bool Bool(JsonNode obj, string name, bool required, string prefix, FieldErrors errors, ref bool value)
        {
            JsonNode v = obj.Get(name);
            if (v == null)
            {
                return Absent(name, required, prefix, errors);
            }

            if (!v.IsBool)
            {
                errors.Add(Join(prefix, name), ResultCode.WrongType, "must be true or false");
                return false;
            }

            value = v.BoolValue;
            return true;
        }

        /// <summary>Lenient number read for decoders: the member's value or <paramref name="fallback"/> when absent or null.</summary>
        public static float FloatOr(JsonNode obj, string name, float fallback)
        {
            JsonNode v = obj == null ? null : obj.Get(name);
            return v != null && v.IsNumber ? (float)v.NumberValue : fallback;
        }

        public static double DoubleOr(JsonNode obj, string name, double fallback)
        {
            JsonNode v = obj == null ? null : obj.Get(name);
            return v != null && v.IsNumber ? v.NumberValue : fallback;
        }

        public static long LongOr(JsonNode obj, string name, long fallback)
        {
            JsonNode v = obj == null ? null : obj.Get(name);
            return v != null && v.IsNumber && v.IsInteger ? v.IntegerValue : fallback;
        }

        public static string StringOr(JsonNode obj, string name, string fallback)
        {
            JsonNode v = obj == null ? null : obj.Get(name);
            return v != null && v.IsString ? v.StringValue : fallback;
        }

        /// <summary>What a reader answers for a member that is not there: fine when optional (the value is left
        /// as it was), a MissingField error when required.</summary>
        private static bool Absent(string name, bool required, string prefix, FieldErrors errors)
        {
            if (required)
            {
                errors.Add(Join(prefix, name), ResultCode.MissingField, "required");
                return false;
            }

            return true;
        }

        public static bool BoolOr(JsonNode obj, string name, bool fallback)
        {
            JsonNode v = obj == null ? null : obj.Get(name);
            return v != null && v.IsBool ? v.BoolValue : fallback;
        }
    }
}
