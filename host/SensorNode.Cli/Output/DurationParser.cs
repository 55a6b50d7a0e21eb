using System.Globalization;

namespace SensorNode.Cli.Output;

/// <summary>Durations as people type them: 250ms, 20s, 5m, 1h, or a TimeSpan (00:05:00).</summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        (string suffix, double scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0 && !(suffix == "m" && text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)))
            {
                duration = TimeSpan.FromSeconds(value * scale);
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
