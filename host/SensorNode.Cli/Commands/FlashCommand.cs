using System.CommandLine;
using SensorNode.Cli.Resources;
using SensorNode.Flashing;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode flash</c>: nf.config + a board profile → the nanoff command lines (host/SensorNode.Flashing),
/// printed with --dry-run or run.</summary>
public static class FlashCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("flash", Messages.CmdFlash);
        var dryRun = new Option<bool>("--dry-run") { Description = Messages.OptDryRun };
        var board = new Option<string?>("--board") { Description = Messages.OptBoard };
        var port = new Option<string?>("--port") { Description = Messages.OptPort };
        var config = new Option<FileInfo?>("--config") { Description = "nf.config" };
        var skipFirmware = new Option<bool>("--skip-firmware");
        var skipDeploy = new Option<bool>("--skip-deploy");
        foreach (var o in new Option[] { dryRun, board, port, config, skipFirmware, skipDeploy }) command.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            var path = parse.GetValue(config)?.FullName ?? FindUp("nf.config");
            if (path is null || !File.Exists(path)) return ctx.Fail(ExitCodes.NotFound, Messages.Format(nameof(Messages.ErrFileNotFound), path ?? "nf.config"));
            FlashPlan plan;
            try
            {
                plan = FlashPlanner.Plan(NfConfig.Load(path), new FlashOptions
                {
                    Board = parse.GetValue(board),
                    SerialPort = parse.GetValue(port),
                    SkipFirmware = parse.GetValue(skipFirmware),
                    SkipDeploy = parse.GetValue(skipDeploy),
                });
            }
            catch (FlashConfigurationException e)
            {
                return ctx.Fail(ExitCodes.Usage, e.Message);
            }

            if (ctx.Json)
                ctx.WriteJson(new { board = plan.Board.Id, target = plan.Target, port = plan.SerialPort, commands = plan.Commands.Select(c => new { step = c.Step, description = c.Description, arguments = c.Arguments, display = c.ToDisplayString() }), warnings = plan.Warnings, dryRun = parse.GetValue(dryRun) });
            else
            {
                foreach (var w in plan.Warnings) ctx.Warn(w);
                foreach (var line in plan.Describe()) ctx.Info(line);
            }
            if (parse.GetValue(dryRun)) return ExitCodes.Ok;
            try
            {
                var exit = await new NanoffRunner().RunAsync(plan, line => ctx.Info(line), ct);
                return exit == 0 ? ExitCodes.Ok : ExitCodes.Failure;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return ctx.Fail(ExitCodes.Unavailable, "nanoff is not installed: dotnet tool install -g nanoff");
            }
        });
        return command;
    }

    /// <summary>nf.config in the current folder or the nearest parent (the repository root).</summary>
    private static string? FindUp(string name)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
