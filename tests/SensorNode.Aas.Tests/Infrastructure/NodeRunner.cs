using System.Diagnostics;
using System.Text;

namespace SensorNode.Aas.Tests.Infrastructure;

public sealed record NodeResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n{StdOut}\n{StdErr}";
}

/// <summary>Runs node with the test's node_modules on NODE_PATH (so scripts elsewhere, like
/// ../shared/aas/aas-verify.mjs, resolve the npm packages without copying anything).</summary>
public static class NodeRunner
{
    public static string NodeModules
    {
        get
        {
            string path = Path.Combine(RepoPaths.NodeDir, "node_modules");
            if (!Directory.Exists(Path.Combine(path, "@aas-core-works", "aas-core3.0-typescript")) || !Directory.Exists(Path.Combine(path, "ajv")))
                throw new InvalidOperationException($"npm packages are missing: run `npm ci` in {RepoPaths.NodeDir}.");
            return path;
        }
    }

    public static async Task<NodeResult> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.NodeDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NODE_PATH"] = NodeModules;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("node did not finish in time.");
        }
        return new NodeResult(p.ExitCode, await stdout, await stderr);
    }
}
