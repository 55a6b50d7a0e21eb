using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using SensorNode.Cli.Tests.Infrastructure;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary>spectrum, flash, nodes and aas export run as a process on real files.</summary>
public sealed class ToolCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string RepoRoot([CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public async Task Spectrum_writes_an_svg_with_order_and_bearing_markers_and_the_peak_at_bpfo()
    {
        using var dir = new TempDir();
        var file = dir.File("env.svg");
        var run = await CliProcess.RunAsync(Timeout, "spectrum", "--machine", "outer-race", "--kind", "envelope", "-o", file, "--json");
        Assert.Equal(0, run.ExitCode);
        var svg = XDocument.Load(file);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var markers = svg.Descendants(ns + "line").Where(l => (string?)l.Attribute("class") == "marker")
            .ToDictionary(l => (string)l.Attribute("data-label")!, l => double.Parse((string)l.Attribute("data-hz")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("1×", markers.Keys);
        Assert.Contains("BPFO", markers.Keys);
        Assert.Contains("BPFI", markers.Keys);
        Assert.Equal(3.5848 * 24.75, markers["BPFO"], 0.5);

        // The highest point of the plotted envelope spectrum sits at BPFO (x in plot coordinates).
        var points = svg.Descendants(ns + "polyline").Single().Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        var peak = points.Skip(3).MinBy(p => p[1])!; // smallest y = largest amplitude (skip DC)
        var bpfoX = svg.Descendants(ns + "line").Single(l => (string?)l.Attribute("data-label") == "BPFO").Attribute("x1")!.Value;
        Assert.Equal(double.Parse(bpfoX, System.Globalization.CultureInfo.InvariantCulture), peak[0], 3.0);
    }

    [Fact]
    public async Task Flash_dry_run_prints_the_nanoff_command_lines_from_nf_config()
    {
        var run = await CliProcess.RunAsync(Timeout, "flash", "--dry-run", "--config", Path.Combine(RepoRoot(), "nf.config"), "--port", "/dev/ttyUSB0", "--json");
        Assert.True(run.ExitCode == 0, run.StdErr);
        var plan = JsonDocument.Parse(run.StdOut).RootElement;
        var commands = plan.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("display").GetString()!).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Contains("/dev/ttyUSB0", c));
        Assert.Contains(commands, c => c.Contains("--update"));
    }

    [Fact]
    public async Task Nodes_and_aas_export_work_on_a_fresh_registry()
    {
        using var dir = new TempDir();
        var registry = dir.File("registry.db");
        var list = await CliProcess.RunAsync(Timeout, "nodes", "list", "--registry", registry, "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(list.StdOut).RootElement.ValueKind);
        Assert.Equal(ExitCodes.NotFound, (await CliProcess.RunAsync(Timeout, "nodes", "show", "ghost", "--registry", registry)).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await CliProcess.RunAsync(Timeout, "nodes", "remove", "ghost", "--registry", registry)).ExitCode);
        var export = await CliProcess.RunAsync(Timeout, "aas", "export", "--registry", registry, "-o", dir.File("env.json"), "--json");
        Assert.Equal(0, export.ExitCode);
        Assert.True(File.Exists(dir.File("env.json")));
    }
}
