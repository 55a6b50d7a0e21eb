using System.Text.Json;

namespace SensorNode.Boards.Tests;

/// <summary>Paths in the repository the tests read (found by walking up to SensorNode.sln).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string BoardsDirectory => Path.Combine(Root, "boards");

    public static string SchemaPath => Path.Combine(BoardsDirectory, "board.schema.json");

    public static string NodeDirectory => Path.Combine(Root, "tests", "SensorNode.Boards.Tests", "node");

    /// <summary>Every board profile id (boards/*.json except the schema).</summary>
    public static IReadOnlyList<string> BoardIds { get; } = Directory.GetFiles(Path.Combine(FindRoot(), "boards"), "*.json")
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .Where(n => !n.EndsWith(".schema", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IEnumerable<object[]> Boards() => BoardIds.Select(id => new object[] { id });

    public static string BoardPath(string id) => Path.Combine(BoardsDirectory, id + ".json");

    public static JsonDocument LoadBoard(string id) => JsonDocument.Parse(File.ReadAllText(BoardPath(id)));

    private static string FindRoot()
    {
        var candidates = new List<string>();
        string? meta = typeof(Repo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SensorNode.RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(meta))
        {
            candidates.Add(meta);
        }

        candidates.Add(AppContext.BaseDirectory);
        candidates.Add(Directory.GetCurrentDirectory());
        foreach (string start in candidates)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SensorNode.sln not found above " + string.Join(" or ", candidates));
    }
}
