using System.Reflection;

namespace SensorNode.ApiGuard.Guard;

/// <summary>Finds the repository and the shared nanoFramework API listing.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>
    /// The API listing: SENSORNODE_NF_API if set, else ../shared/nanoframework/api beside the repository.
    /// </summary>
    public static string ApiDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("SENSORNODE_NF_API");
            var dir = !string.IsNullOrEmpty(env)
                ? env
                : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "nanoframework", "api"));
            if (!File.Exists(Path.Combine(dir, "INDEX.md")))
                throw new DirectoryNotFoundException(
                    $"The nanoFramework API listing was not found at {dir} (expected ../shared/nanoframework/api next to " +
                    "the repository, or set SENSORNODE_NF_API to its folder).");
            return dir;
        }
    }

    private static string FindRoot()
    {
        var candidates = new List<string>();
        var meta = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SensorNode.RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(meta)) candidates.Add(meta);
        candidates.Add(AppContext.BaseDirectory);
        candidates.Add(Directory.GetCurrentDirectory());
        foreach (var start in candidates)
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln")))
                    return dir.FullName;
        throw new DirectoryNotFoundException("SensorNode.sln not found above " + string.Join(", ", candidates));
    }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public static string Relative(string fullPath) =>
        Path.GetRelativePath(RepoRoot, fullPath).Replace('\\', '/');
}
