using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SensorNode.ApiGuard.Guard;

/// <summary>A nanoFramework project: its .nfproj and packages.config, read as the legacy project system reads them.</summary>
public sealed class NfProject
{
    public required string ProjectPath { get; init; }
    public string Directory => Path.GetDirectoryName(ProjectPath)!;
    public required string AssemblyName { get; init; }
    public required bool AllowUnsafeBlocks { get; init; }
    public required IReadOnlyList<string> CompileItems { get; init; }
    public required IReadOnlyList<string> ProjectReferences { get; init; }
    public required IReadOnlyList<NfReference> References { get; init; }
    public required IReadOnlyList<NfPackage> Packages { get; init; }
    public required bool HasPackagesConfig { get; init; }

    public static NfProject Load(string path)
    {
        path = Path.GetFullPath(path);
        var doc = XDocument.Load(path);
        var ns = doc.Root!.Name.Namespace;
        string? Prop(string name) => doc.Descendants(ns + name).Select(e => e.Value.Trim()).LastOrDefault();
        var dir = Path.GetDirectoryName(path)!;

        var packagesPath = Path.Combine(dir, "packages.config");
        var packages = new List<NfPackage>();
        if (File.Exists(packagesPath))
            foreach (var p in XDocument.Load(packagesPath).Descendants("package"))
                packages.Add(new NfPackage((string?)p.Attribute("id") ?? "", (string?)p.Attribute("version") ?? "",
                    string.Equals((string?)p.Attribute("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase)));

        return new NfProject
        {
            ProjectPath = path,
            AssemblyName = Prop("AssemblyName") ?? Path.GetFileNameWithoutExtension(path),
            AllowUnsafeBlocks = string.Equals(Prop("AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase),
            CompileItems = doc.Descendants(ns + "Compile").Select(e => (string?)e.Attribute("Include")).OfType<string>().ToList(),
            ProjectReferences = doc.Descendants(ns + "ProjectReference").Select(e => (string?)e.Attribute("Include")).OfType<string>()
                .Select(i => Path.GetFullPath(Path.Combine(dir, i.Replace('\\', Path.DirectorySeparatorChar)))).ToList(),
            References = doc.Descendants(ns + "Reference").Select(e => new NfReference(
                (string?)e.Attribute("Include") ?? "", e.Element(ns + "HintPath")?.Value.Trim())).ToList(),
            Packages = packages,
            HasPackagesConfig = File.Exists(packagesPath),
        };
    }

    /// <summary>Full paths of the Compile items.</summary>
    public IEnumerable<string> SourceFiles =>
        CompileItems.Select(i => Path.GetFullPath(Path.Combine(Directory, i.Replace('\\', Path.DirectorySeparatorChar))));

    /// <summary>
    /// What the guard compiles: the Compile items that exist plus the folder's .cs files that the Compile list
    /// lacks (after firmware/sync-nfproj.sh the device build compiles those too, so they are checked now).
    /// </summary>
    public IEnumerable<string> GuardedFiles =>
        SourceFiles.Where(File.Exists)
            .Concat(SourceFilesOnDisk().Select(r => Path.GetFullPath(Path.Combine(Directory, r))))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>The .cs files firmware/sync-nfproj.sh would list: everything but bin/, obj/ and DesktopOnly/.</summary>
    public IEnumerable<string> SourceFilesOnDisk()
    {
        foreach (var f in System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Directory, f).Replace('\\', '/');
            if (rel.StartsWith("bin/", StringComparison.Ordinal) || rel.StartsWith("obj/", StringComparison.Ordinal)) continue;
            if (("/" + rel).Contains("/DesktopOnly/", StringComparison.Ordinal)) continue;
            yield return rel;
        }
    }

    /// <summary>All .nfproj files under firmware/ and tests/.</summary>
    public static IReadOnlyList<string> FindAll(string repoRoot)
    {
        var result = new List<string>();
        foreach (var top in new[] { "firmware", "tests" })
        {
            var dir = Path.Combine(repoRoot, top);
            if (!System.IO.Directory.Exists(dir)) continue;
            result.AddRange(System.IO.Directory.EnumerateFiles(dir, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !Regex.IsMatch(p.Replace('\\', '/'), "/(bin|obj)/")));
        }
        return result.Select(p => RepoPaths.Relative(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }
}

public sealed record NfReference(string Include, string? HintPath)
{
    public string AssemblyName => Include.Split(',')[0].Trim();

    /// <summary>"packages\&lt;id&gt;.&lt;version&gt;\lib\..." → the folder name &lt;id&gt;.&lt;version&gt;.</summary>
    public string? PackageFolder
    {
        get
        {
            if (HintPath == null) return null;
            var parts = HintPath.Replace('/', '\\').Split('\\');
            var i = Array.FindIndex(parts, p => p.Equals("packages", StringComparison.OrdinalIgnoreCase));
            return i >= 0 && i + 1 < parts.Length ? parts[i + 1] : null;
        }
    }
}

public sealed record NfPackage(string Id, string Version, bool DevelopmentDependency)
{
    public string Folder => Id + "." + Version;
}
