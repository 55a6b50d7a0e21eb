using System.Globalization;
using System.Net;
using System.Text;

namespace SensorNode.Cli.Plot;

/// <summary>A frequency marker: shaft orders and bearing defect frequencies.</summary>
public sealed record SpectrumMarker(string Label, double FrequencyHz, string Colour);

/// <summary>
/// Writes a spectrum as a self-contained SVG (no plotting library): a line of amplitude over frequency, axes with
/// ticks, and dashed vertical markers labelled 1×, 2×, 3×, BPFO, BPFI… so a maintenance engineer sees at a glance
/// whether the energy sits on a shaft order or a bearing frequency.
/// </summary>
public static class SvgSpectrumPlot
{
    private const int Width = 960, Height = 480, Left = 70, Right = 20, Top = 40, Bottom = 50;

    public static string Render(string title, string yLabel, IReadOnlyList<double> frequencies, IReadOnlyList<double> amplitudes,
        IReadOnlyList<SpectrumMarker> markers, double maxHz)
    {
        var c = CultureInfo.InvariantCulture;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var maxAmp = 0.0;
        for (var i = 0; i < frequencies.Count; i++)
            if (frequencies[i] <= maxHz) maxAmp = Math.Max(maxAmp, amplitudes[i]);
        maxAmp = maxAmp <= 0 ? 1 : NiceCeiling(maxAmp * 1.1);
        double X(double f) => Left + f / maxHz * plotW;
        double Y(double a) => Top + plotH - a / maxAmp * plotH;

        var sb = new StringBuilder();
        sb.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(c, $"<text x=\"{Left}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n");
        sb.Append(c, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#444\"/>\n");

        var xStep = NiceStep(maxHz / 10);
        for (var f = 0.0; f <= maxHz + 1e-9; f += xStep)
        {
            sb.Append(c, $"<line x1=\"{X(f):F1}\" y1=\"{Top + plotH}\" x2=\"{X(f):F1}\" y2=\"{Top + plotH + 5}\" stroke=\"#444\"/>");
            sb.Append(c, $"<text x=\"{X(f):F1}\" y=\"{Top + plotH + 18}\" text-anchor=\"middle\">{f:0.#}</text>\n");
        }
        var yStep = NiceStep(maxAmp / 5);
        for (var a = 0.0; a <= maxAmp + 1e-12; a += yStep)
        {
            sb.Append(c, $"<line x1=\"{Left - 5}\" y1=\"{Y(a):F1}\" x2=\"{Left + plotW}\" y2=\"{Y(a):F1}\" stroke=\"#eee\"/>");
            sb.Append(c, $"<text x=\"{Left - 8}\" y=\"{Y(a) + 4:F1}\" text-anchor=\"end\">{a:0.###}</text>\n");
        }
        sb.Append(c, $"<text x=\"{Left + plotW / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">Frequency (Hz)</text>\n");
        sb.Append(c, $"<text transform=\"translate(16 {Top + plotH / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>\n");

        foreach (var m in markers.Where(m => m.FrequencyHz > 0 && m.FrequencyHz < maxHz))
        {
            sb.Append(c, $"<line class=\"marker\" data-label=\"{Escape(m.Label)}\" data-hz=\"{m.FrequencyHz:F2}\" x1=\"{X(m.FrequencyHz):F1}\" y1=\"{Top}\" x2=\"{X(m.FrequencyHz):F1}\" y2=\"{Top + plotH}\" stroke=\"{m.Colour}\" stroke-dasharray=\"4 3\"/>");
            sb.Append(c, $"<text x=\"{X(m.FrequencyHz) + 3:F1}\" y=\"{Top + 12}\" fill=\"{m.Colour}\">{Escape(m.Label)}</text>\n");
        }

        sb.Append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.2\" points=\"");
        for (var i = 0; i < frequencies.Count && frequencies[i] <= maxHz; i++)
            sb.Append(c, $"{X(frequencies[i]):F1},{Y(amplitudes[i]):F1} ");
        sb.Append("\"/>\n</svg>\n");
        return sb.ToString();
    }

    private static string Escape(string s) => WebUtility.HtmlEncode(s);

    private static double NiceStep(double raw)
    {
        if (raw <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var n = raw / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    }

    private static double NiceCeiling(double v)
    {
        var step = NiceStep(v / 5);
        return Math.Ceiling(v / step) * step;
    }
}
