using System.Globalization;
using System.Resources;

namespace SensorNode.Cli.Commands;

/// <summary>The messages of <c>sensornode spectrum</c> (SpectrumStrings.resx, Korean in SpectrumStrings.ko.resx), looked
/// up in <see cref="CultureInfo.CurrentUICulture"/> like every other message of the tool.</summary>
internal static class SpectrumText
{
    private static readonly ResourceManager Resources = new("SensorNode.Cli.Commands.SpectrumStrings", typeof(SpectrumText).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);
}
