using System.Diagnostics;
using System.Text;

namespace SensorNode.Cli.Tests.Infrastructure;

/// <summary>Runs the built tool the way a user does (<c>dotnet sensornode.dll …</c>), with its own culture environment,
/// and captures exit code, standard output and standard error.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string ToolPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "sensornode.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("sensornode.dll is not next to the tests", path);
        }
    }

    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] args) => await RunAsync(timeout, null, args);

    public static async Task<Result> RunAsync(TimeSpan timeout, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        // A neutral culture unless the test asks for one: the tool must not depend on the machine's language.
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "";
        if (environment is not null)
            foreach (var (k, v) in environment) start.Environment[k] = v;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sensornode {string.Join(' ', args)} did not finish within {timeout}. Output so far: {await stdout}{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
