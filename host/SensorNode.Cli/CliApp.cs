using System.CommandLine;
using System.Globalization;
using SensorNode.Cli.Commands;
using SensorNode.Cli.Resources;

namespace SensorNode.Cli;

/// <summary>Builds the command tree and runs one command line. Output goes to the given writers, so tests can run the
/// tool in-process with captured output as well as a process.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ApplyLanguage(args);
        var globals = new GlobalOptions(output, error);
        var root = Build(globals);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error };
        try
        {
            var exit = await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
            return parse.Errors.Count > 0 ? ExitCodes.Usage : exit;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync(Messages.Interrupted).ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }

    public static RootCommand Build(GlobalOptions globals)
    {
        var root = new RootCommand(Messages.RootDescription);
        root.Add(globals.Json);
        root.Add(globals.Lang);
        root.Add(DemoCommand.Create(globals));
        root.Add(ServeCommand.Create(globals));
        root.Add(ProvisionCommand.Create(globals));
        root.Add(NodesCommand.Create(globals));
        root.Add(ConfigCommand.Create(globals));
        root.Add(WatchCommand.Create(globals));
        root.Add(SpectrumCommand.Create(globals));
        root.Add(AasCommand.Create(globals));
        root.Add(BrokerCommand.Create(globals));
        root.Add(FlashCommand.Create(globals));
        root.Add(SimulateCommand.Create(globals));
        return root;
    }

    /// <summary>--lang en|ko wins; otherwise the OS UI culture (LANG/LC_ALL on Linux) decides, as .NET set it.</summary>
    private static void ApplyLanguage(string[] args)
    {
        string? lang = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length) lang = args[i + 1];
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal)) lang = args[i]["--lang=".Length..];
        }
        if (lang is not ("en" or "ko")) return;
        var culture = CultureInfo.GetCultureInfo(lang == "ko" ? "ko-KR" : "en-US");
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
    }
}
