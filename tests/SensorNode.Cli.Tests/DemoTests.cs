using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SensorNode.Cli.Tests.Infrastructure;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary>
/// <c>sensornode demo --duration 20s --json</c> as a process: it prints where to look, its AAS API answers over
/// real HTTP while it runs, the bearing-defect machine (fan-02) raises an alarm through the real firmware core's
/// alarm engine and the SDK feed, the healthy pump does not, and every machine ends up in the registry and as a shell.
/// </summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_runs_and_the_bearing_defect_machine_raises_an_alarm()
    {
        using var dir = new TempDir("sn-demo");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in new[] { CliProcess.ToolPath, "demo", "--duration", "20s", "--mqtt-port", "0", "--http-port", "0", "--data-dir", dir.Path, "--json" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<JsonElement>();
        string? shellsDuringRun = null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            var json = JsonDocument.Parse(line).RootElement.Clone();
            lines.Add(json);
            if (json.GetProperty("event").GetString() == "alarm" && shellsDuringRun is null)
            {
                var aas = lines[0].GetProperty("aas").GetString()!;
                shellsDuringRun = await http.GetStringAsync(aas, cts.Token);
            }
        }
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, await stderr);

        var ready = lines[0];
        Assert.Equal("ready", ready.GetProperty("event").GetString());
        Assert.StartsWith("mqtt://127.0.0.1:", ready.GetProperty("broker").GetString());
        Assert.StartsWith("http://127.0.0.1:", ready.GetProperty("aas").GetString());
        Assert.True(File.Exists(ready.GetProperty("registry").GetString()));

        var alarms = lines.Where(l => l.GetProperty("event").GetString() == "alarm").ToList();
        Assert.Contains(alarms, a => a.GetProperty("node").GetString() == "fan-02" && a.GetProperty("level").GetString() == "alarm"
            && a.GetProperty("feature").GetString() == "bpfo");
        Assert.DoesNotContain(alarms, a => a.GetProperty("node").GetString() == "pump-01");

        Assert.NotNull(shellsDuringRun);
        Assert.Contains("AssetAdministrationShell", shellsDuringRun);

        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.True(summary.GetProperty("telemetry").GetInt64() >= 15, summary.ToString());
        Assert.Equal(["fan-02", "press-03", "pump-01"], summary.GetProperty("registeredNodes").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(3, summary.GetProperty("aasShells").GetInt32());
        var latest = summary.GetProperty("latest");
        Assert.True(latest.GetProperty("fan-02").GetProperty("bpfo").GetSingle() > 10 * latest.GetProperty("pump-01").GetProperty("bpfo").GetSingle() + 0.5f);
    }
}
