using System.Globalization;
using System.Text;

namespace SensorNode.Protocol.Tests;

/// <summary>
/// Input makers for the property/fuzz runs: random bytes, mutations of valid messages, and structured JSON
/// built from the protocol's own vocabulary (so the deep paths are reached, not only the syntax checks).
/// Everything is derived from a seed, so CsCheck can replay a failing case.
/// </summary>
public static class FuzzInputs
{
    public static readonly string[] ConfigSections =
        ["schema", "node", "wifi", "broker", "security", "accel", "sampling", "bands", "iso", "bearing", "shaft", "ct", "running", "thresholds", "baseline", "report", "temp", "queue"];

    public static readonly Dictionary<string, string[]> SectionFields = new()
    {
        ["node"] = ["id", "site", "asset"],
        ["wifi"] = ["ssid", "password", "passwordSet"],
        ["broker"] = ["host", "port", "tls", "ca", "caSet", "user", "password", "passwordSet", "clientId"],
        ["security"] = ["key", "keySet"],
        ["accel"] = ["rangeG", "odrHz"],
        ["sampling"] = ["fftSize", "burst", "currentRateHz", "currentSamples"],
        ["bands"] = ["velocity", "hf", "envelope"],
        ["iso"] = ["standard", "class", "group", "foundation"],
        ["bearing"] = ["n", "d", "D", "angle"],
        ["shaft"] = ["mode", "rpm", "minRpm", "maxRpm"],
        ["ct"] = ["enabled", "turns", "burdenOhm", "adcRefV", "gain", "offset", "nominalV", "pf", "lineHz"],
        ["running"] = ["threshold", "hysteresis"],
        ["baseline"] = ["windows", "k", "cap"],
        ["report"] = ["intervalS", "alarmIntervalS", "healthIntervalS"],
        ["temp"] = ["smoothing"],
        ["queue"] = ["capacity", "spill", "spillCapacity"],
    };

    private static readonly string[] Words =
        ["none", "fixed", "estimate", "10816-1", "10816-3", "I", "II", "IV", "V", "rigid", "flexible", "x", "y", "z", "all", "vrms", "kurt", "temp", "irms", "rms",
         "accel", "velocity", "envelope", "pump-7", "plant1", "a/b", "", "broker.local", "-----BEGIN CERTIFICATE-----\nMII", "é한😀", "\u0001", "\\", "\"",
         "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "zz"];

    private static readonly string[] Numbers =
        ["0", "1", "-1", "2", "8", "16", "50", "60", "1000", "1600", "2048", "3200", "8883", "65535", "65536", "0.5", "1.5e3", "-0.0", "1e308", "1e999",
         "9007199254740993", "123456789012345678901234567890", "0.000001", "4.5", "7.1", "01", "1.", "-", "NaN", "Infinity"];

    public static string RandomValue(Random r, int depth)
    {
        switch (r.Next(depth > 3 ? 5 : 8))
        {
            case 0: return Numbers[r.Next(Numbers.Length)];
            case 1: return r.Next(2) == 0 ? "true" : "false";
            case 2: return "null";
            case 3: return Quote(Words[r.Next(Words.Length)]);
            case 4: return r.NextDouble().ToString("R", CultureInfo.InvariantCulture);
            case 5: return "[" + string.Join(",", Enumerable.Range(0, r.Next(4)).Select(_ => RandomValue(r, depth + 1))) + "]";
            case 6: return RandomObject(r, Words, depth + 1);
            default: return r.Next(1000).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20)
            {
                sb.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private static string RandomObject(Random r, string[] keys, int depth)
    {
        int n = r.Next(4);
        return "{" + string.Join(",", Enumerable.Range(0, n).Select(_ => Quote(keys[r.Next(keys.Length)]) + ":" + RandomValue(r, depth + 1))) + "}";
    }

    /// <summary>A config object using the real section and field names (some wrong on purpose).</summary>
    public static string RandomConfig(Random r, bool allowSecurity)
    {
        var parts = new List<string>();
        int sections = r.Next(1, 5);
        for (int i = 0; i < sections; i++)
        {
            string section = ConfigSections[r.Next(ConfigSections.Length)];
            if (section == "security" && !allowSecurity)
            {
                continue;
            }

            if (section == "node" && r.Next(4) != 0)
            {
                continue;
            }

            string value;
            if (section == "schema")
            {
                value = r.Next(3) == 0 ? "2" : "1";
            }
            else if (section == "thresholds")
            {
                value = "[" + string.Join(",", Enumerable.Range(0, r.Next(4)).Select(_ =>
                    "{\"feature\":" + Quote(Words[r.Next(Words.Length)]) + ",\"axis\":" + Quote(new[] { "x", "y", "z", "all", "w" }[r.Next(5)])
                    + ",\"warning\":" + r.Next(10) + ",\"alarm\":" + r.Next(20) + (r.Next(3) == 0 ? ",\"onDelay\":" + Numbers[r.Next(Numbers.Length)] : "") + "}")) + "]";
            }
            else if (section == "bands")
            {
                value = "{" + string.Join(",", new[] { "velocity", "hf", "envelope" }.Where(_ => r.Next(2) == 0)
                    .Select(b => Quote(b) + ":{\"lo\":" + Numbers[r.Next(Numbers.Length)] + ",\"hi\":" + Numbers[r.Next(Numbers.Length)] + "}")) + "}";
            }
            else
            {
                string[] fields = SectionFields[section];
                value = "{" + string.Join(",", Enumerable.Range(0, r.Next(1, 4)).Select(_ => fields[r.Next(fields.Length)]).Distinct()
                    .Select(f => Quote(f) + ":" + RandomValue(r, 2))) + "}";
            }

            parts.Add(Quote(section) + ":" + value);
        }

        return "{" + string.Join(",", parts.Distinct()) + "}";
    }

    /// <summary>1–4 random edits of a valid message: flip, insert, delete, truncate, duplicate.</summary>
    public static byte[] Mutate(byte[] seed, Random r)
    {
        var b = new List<byte>(seed);
        int edits = r.Next(1, 5);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            int at = r.Next(b.Count);
            switch (r.Next(6))
            {
                case 0:
                    b[at] = (byte)(b[at] ^ (1 << r.Next(8)));
                    break;
                case 1:
                    b.Insert(at, (byte)"{}[]\",:\\0123456789.-eE tfn\u00ff"[r.Next(27)]);
                    break;
                case 2:
                    b.RemoveRange(at, Math.Min(b.Count - at, r.Next(1, 8)));
                    break;
                case 3:
                    b.RemoveRange(at, b.Count - at);
                    break;
                case 4:
                    b.InsertRange(at, b.GetRange(at, Math.Min(b.Count - at, r.Next(1, 16))));
                    break;
                default:
                    b[at] = (byte)r.Next(256);
                    break;
            }
        }

        return b.ToArray();
    }

    public static byte[] RandomBytes(Random r, int max)
    {
        var b = new byte[r.Next(max + 1)];
        r.NextBytes(b);
        return b;
    }
}
