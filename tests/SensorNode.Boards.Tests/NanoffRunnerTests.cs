using System.Text.Json;
using SensorNode.Flashing;
using Xunit;

namespace SensorNode.Boards.Tests;

/// <summary>The runner starts real processes. A stand-in nanoff (a shell script) records the argument vector it
/// receives, so the tests see exactly what nanoff would: no shell splitting, no quoting, order kept.</summary>
public sealed class NanoffRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sn-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Writes a script that appends its argv (one per line, then a separator) to args.log and exits with
    /// <paramref name="failOn"/>'s code when its arguments contain that word.</summary>
    private string FakeNanoff(string failOn = "", int code = 0)
    {
        string script = Path.Combine(_dir, "nanoff");
        File.WriteAllText(script,
            "#!/bin/sh\n" +
            $"log='{Path.Combine(_dir, "args.log")}'\n" +
            "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$log\"; done\n" +
            "echo '--' >> \"$log\"\n" +
            "echo \"fake nanoff $1\"\n" +
            (failOn.Length > 0 ? $"for a in \"$@\"; do [ \"$a\" = '{failOn}' ] && exit {code}; done\n" : "") +
            "exit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private FlashPlan PlanWithImage()
    {
        string app = Path.Combine(_dir, "build output; $(x)");
        Directory.CreateDirectory(app);
        File.WriteAllBytes(Path.Combine(app, "SensorNode.Firmware.bin"), [1, 2, 3]);
        string config = Path.Combine(_dir, "nf.config");
        File.WriteAllText(config,
            "{\"defaultBoard\":\"m5stickc-plus\",\"boardsDirectory\":" + JsonSerializer.Serialize(Repo.BoardsDirectory) +
            ",\"image\":\"build output; $(x)/SensorNode.Firmware.bin\"}");
        return FlashPlanner.Plan(NfConfig.Load(config), new FlashOptions { SerialPort = "/dev/ttyACM0", WorkDirectory = Path.Combine(_dir, "work") });
    }

    private List<List<string>> Invocations() =>
        File.ReadAllText(Path.Combine(_dir, "args.log"))
            .Split("--\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList())
            .ToList();

    [Fact]
    public async Task Runs_each_command_with_its_arguments_intact()
    {
        FlashPlan plan = PlanWithImage();
        var lines = new List<string>();

        int exit = await new NanoffRunner(FakeNanoff()).RunAsync(plan, lines.Add);

        Assert.Equal(0, exit);
        List<List<string>> calls = Invocations();
        Assert.Equal(3, calls.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(plan.Commands[i].Arguments, calls[i]);
        }

        Assert.EndsWith("build output; $(x)/SensorNode.Firmware.bin", calls[1][6], StringComparison.Ordinal);
        Assert.Equal(["fake nanoff --update", "fake nanoff --target", "fake nanoff --serialport"], lines);
        Assert.Equal(plan.DeploymentFileContent, File.ReadAllText(plan.DeploymentFilePath!));
    }

    [Fact]
    public async Task Stops_at_the_first_failing_step()
    {
        FlashPlan plan = PlanWithImage();

        int exit = await new NanoffRunner(FakeNanoff(failOn: "--deploy", code: 3)).RunAsync(plan);

        Assert.Equal(3, exit);
        Assert.Equal(2, Invocations().Count);
    }

    [Fact]
    public async Task Refuses_to_run_without_the_image()
    {
        string config = Path.Combine(_dir, "nf.config");
        File.WriteAllText(config, "{\"defaultBoard\":\"esp32-devkitc\",\"boardsDirectory\":" + JsonSerializer.Serialize(Repo.BoardsDirectory) + ",\"image\":\"none.bin\"}");
        FlashPlan plan = FlashPlanner.Plan(NfConfig.Load(config), new FlashOptions { SerialPort = "COM3", WorkDirectory = _dir });

        var error = await Assert.ThrowsAsync<FlashConfigurationException>(() => new NanoffRunner(FakeNanoff()).RunAsync(plan));
        Assert.Contains("none.bin", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "args.log")));
    }

    [Fact]
    public async Task Missing_nanoff_says_how_to_install_it()
    {
        FlashPlan plan = PlanWithImage();
        var error = await Assert.ThrowsAsync<FlashConfigurationException>(() =>
            new NanoffRunner(Path.Combine(_dir, "no-such-nanoff")).RunAsync(plan));
        Assert.Contains("dotnet tool install -g nanoff", error.Message, StringComparison.Ordinal);
    }
}
