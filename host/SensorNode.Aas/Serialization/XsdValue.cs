using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using System.Xml;
using SensorNode.Aas.Model;

namespace SensorNode.Aas.Serialization;

/// <summary>
/// Formats values in XSD lexical form (invariant culture; XmlConvert for doubles so infinities become INF/-INF,
/// never "Infinity" or "1,5") and checks that a string is a valid lexical form of a given XSD type.
/// </summary>
public static partial class XsdValue
{
    public static string Double(double value) => XmlConvert.ToString(value);

    public static string Float(float value) => XmlConvert.ToString(value);

    /// <summary>
    /// xs:double text of a measured value. Values that are exactly a float32 (the node computes in single
    /// precision) get the shortest text that round-trips the float ("2.1", not "2.0999999046325684").
    /// </summary>
    public static string Measurement(double value)
    {
        float f = (float)value;
        return (double)f == value && float.IsFinite(f) ? XmlConvert.ToString(f) : XmlConvert.ToString(value);
    }

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string UnsignedInt(uint value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>xs:dateTime, always UTC with a "Z" suffix, millisecond precision when needed.</summary>
    public static string DateTime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="text"/> is a valid lexical representation of <paramref name="type"/>.</summary>
    public static bool IsValid(string text, DataTypeDefXsd type)
    {
        switch (type)
        {
            case DataTypeDefXsd.String:
            case DataTypeDefXsd.AnyUri:
                return true;
            case DataTypeDefXsd.Boolean:
                return text is "true" or "false" or "1" or "0";
            case DataTypeDefXsd.Double:
                return IsFloating(text, double.MaxValue);
            case DataTypeDefXsd.Float:
                return IsFloating(text, float.MaxValue);
            case DataTypeDefXsd.Decimal:
                return DecimalPattern().IsMatch(text);
            case DataTypeDefXsd.Integer:
                return IntegerPattern().IsMatch(text);
            case DataTypeDefXsd.Long: return InRange(text, long.MinValue, long.MaxValue);
            case DataTypeDefXsd.Int: return InRange(text, int.MinValue, int.MaxValue);
            case DataTypeDefXsd.Short: return InRange(text, short.MinValue, short.MaxValue);
            case DataTypeDefXsd.Byte: return InRange(text, sbyte.MinValue, sbyte.MaxValue);
            case DataTypeDefXsd.UnsignedLong: return InRange(text, 0, ulong.MaxValue);
            case DataTypeDefXsd.UnsignedInt: return InRange(text, 0, uint.MaxValue);
            case DataTypeDefXsd.UnsignedShort: return InRange(text, 0, ushort.MaxValue);
            case DataTypeDefXsd.UnsignedByte: return InRange(text, 0, byte.MaxValue);
            case DataTypeDefXsd.NonNegativeInteger: return InRange(text, 0, null);
            case DataTypeDefXsd.PositiveInteger: return InRange(text, 1, null);
            case DataTypeDefXsd.NonPositiveInteger: return InRange(text, null, 0);
            case DataTypeDefXsd.NegativeInteger: return InRange(text, null, -1);
            case DataTypeDefXsd.DateTime:
                return DateTimePattern().Match(text) is { Success: true } m && IsValidDate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);
            case DataTypeDefXsd.Date:
                return DatePattern().Match(text) is { Success: true } d && IsValidDate(d.Groups["y"].Value, d.Groups["m"].Value, d.Groups["d"].Value);
            case DataTypeDefXsd.Time:
                return TimePattern().IsMatch(text);
            case DataTypeDefXsd.Duration:
                return DurationPattern().IsMatch(text) && text != "P" && text != "-P" && !text.EndsWith('T');
            case DataTypeDefXsd.GYear:
                return GYearPattern().IsMatch(text);
            case DataTypeDefXsd.HexBinary:
                return HexPattern().IsMatch(text);
            case DataTypeDefXsd.Base64Binary:
                return Base64Pattern().IsMatch(text);
            default:
                // gDay, gMonth, gMonthDay, gYearMonth: not written by this project; accept non-empty values.
                return text.Length > 0;
        }
    }

    private static bool IsFloating(string text, double max)
    {
        if (text is "INF" or "-INF" or "+INF" or "NaN") return true;
        if (!FloatPattern().IsMatch(text)) return false;
        double v = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return !double.IsInfinity(v) && Math.Abs(v) <= max;
    }

    private static bool InRange(string text, BigInteger? min, BigInteger? max)
    {
        if (!IntegerPattern().IsMatch(text)) return false;
        var v = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (min is null || v >= min) && (max is null || v <= max);
    }

    private static bool IsValidDate(string y, string m, string d)
    {
        // Years beyond DateTime's range cannot be checked with DaysInMonth; the pattern already bounds month/day.
        if (!int.TryParse(y.TrimStart('-'), NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year is < 1 or > 9999)
            return true;
        int month = int.Parse(m, CultureInfo.InvariantCulture);
        int day = int.Parse(d, CultureInfo.InvariantCulture);
        return day <= System.DateTime.DaysInMonth(year, month);
    }

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?(?<y>[1-9][0-9]{3,}|0[0-9]{3})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^-?(?<y>[1-9][0-9]{3,}|0[0-9]{3})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12][0-9]|3[01])(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^-?P([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^-?([1-9][0-9]{3,}|0[0-9]{3})(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$")]
    private static partial Regex GYearPattern();

    [GeneratedRegex(@"^([0-9a-fA-F]{2})*$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+/]*={0,2}$")]
    private static partial Regex Base64Pattern();
}
