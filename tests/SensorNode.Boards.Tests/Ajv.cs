using System.Diagnostics;
using System.Text.Json;

namespace SensorNode.Boards.Tests;

/// <summary>Runs node/validate.mjs (ajv 8, strict mode) over JSON files against a schema.</summary>
public static class Ajv
{
    public sealed record Result(string File, bool Valid, IReadOnlyList<string> Errors);

    public static IReadOnlyList<Result> Validate(string schemaPath, params string[] files)
    {
        string script = Path.Combine(Repo.NodeDirectory, "validate.mjs");
        if (!Directory.Exists(Path.Combine(Repo.NodeDirectory, "node_modules", "ajv")))
        {
            throw new InvalidOperationException(
                $"ajv is not installed: run `npm ci --prefix {Path.GetRelativePath(Repo.Root, Repo.NodeDirectory)}` (.ci/run does this).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(schemaPath);
        foreach (string file in files)
        {
            start.ArgumentList.Add(file);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(true);
            throw new TimeoutException("ajv validation took longer than 60 s");
        }

        if (process.ExitCode == 2)
        {
            throw new InvalidOperationException("ajv could not run: " + stderr.Result);
        }

        var results = new List<Result>();
        foreach (string line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            results.Add(new Result(
                root.GetProperty("file").GetString()!,
                root.GetProperty("valid").GetBoolean(),
                root.GetProperty("errors").EnumerateArray()
                    .Select(e => e.GetProperty("path").GetString() + ": " + e.GetProperty("message").GetString())
                    .ToList()));
        }

        if (results.Count != files.Length)
        {
            throw new InvalidOperationException($"ajv reported {results.Count} results for {files.Length} files: {stderr.Result}");
        }

        return results;
    }
}
