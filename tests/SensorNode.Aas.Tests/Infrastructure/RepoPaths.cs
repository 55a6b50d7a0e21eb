using System.Reflection;

namespace SensorNode.Aas.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder with SensorNode.sln) and the shared folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder: SENSORNODE_SHARED if set, else the repository root's sibling "shared".</summary>
    public static string Shared
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("SENSORNODE_SHARED");
            string path = !string.IsNullOrEmpty(env) ? env : Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared");
            if (!File.Exists(Path.Combine(path, "aas", "aas-verify.mjs")))
                throw new InvalidOperationException($"The shared folder was not found at {path} (expected aas/aas-verify.mjs there).");
            return path;
        }
    }

    public static string Schema => Path.Combine(Shared, "aas", "schema", "v3.0", "aas.json");

    public static string OfficialVerifier => Path.Combine(Shared, "aas", "aas-verify.mjs");

    /// <summary>tests/SensorNode.Aas.Tests/node (package.json, node_modules after npm ci, check.mjs).</summary>
    public static string NodeDir => Path.Combine(RepoRoot, "tests", "SensorNode.Aas.Tests", "node");

    private static string FindRoot()
    {
        var starts = new List<string> { AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        var projectDir = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SensorNode.ProjectDirectory")?.Value;
        if (projectDir is not null) starts.Add(projectDir);
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SensorNode.sln was not found above the test assembly, the working directory or the project directory.");
    }
}
