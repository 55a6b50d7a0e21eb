using System.Text.RegularExpressions;

namespace SensorNode.ApiGuard.Guard;

/// <summary>One line of a listing: documentation-comment ID, C# declaration, trailing markers.</summary>
public sealed record ListingLine(string DocId, string Declaration, bool Obsolete, bool Flags, bool ConditionalDebug, int LineNumber)
{
    public char Kind => DocId[0];

    /// <summary>The ID without its "X:" prefix.</summary>
    public string Name => DocId.Substring(2);
}

/// <summary>The listing of one nanoFramework assembly (shared/nanoframework/api/&lt;Assembly&gt;.txt).</summary>
public sealed class AssemblyListing
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<ListingLine> Lines { get; init; }

    private HashSet<string>? _ids;
    public IReadOnlySet<string> DocIds => _ids ??= new HashSet<string>(Lines.Select(l => l.DocId), StringComparer.Ordinal);

    private static readonly Regex Marker = new(@"\s\[(Obsolete|Flags|Conditional\(DEBUG\))\]$", RegexOptions.Compiled);

    public static AssemblyListing Load(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var version = "";
        var lines = new List<ListingLine>();
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            if (raw.Length == 0) continue;
            if (raw.StartsWith("# assembly ", StringComparison.Ordinal))
            {
                var parts = raw.Split(' ');
                name = parts[2];
                version = parts.Length > 3 ? parts[3] : "";
                continue;
            }
            if (raw[0] == '#') continue;
            var tab = raw.IndexOf('\t');
            if (tab < 0) throw new FormatException($"{path}:{n}: no TAB between ID and declaration");
            var id = raw.Substring(0, tab);
            var decl = raw.Substring(tab + 1).Trim();
            bool obsolete = false, flags = false, cond = false;
            for (var m = Marker.Match(decl); m.Success; m = Marker.Match(decl))
            {
                switch (m.Groups[1].Value)
                {
                    case "Obsolete": obsolete = true; break;
                    case "Flags": flags = true; break;
                    default: cond = true; break;
                }
                decl = decl.Substring(0, m.Index).TrimEnd();
            }
            lines.Add(new ListingLine(id, decl, obsolete, flags, cond, n));
        }
        return new AssemblyListing { Name = name, Version = version, Path = path, Lines = lines };
    }
}

/// <summary>
/// All listings of shared/nanoframework/api plus INDEX.md's package → assembly table.
/// </summary>
public sealed class ApiCatalog
{
    public required string Directory { get; init; }
    public required IReadOnlyDictionary<string, AssemblyListing> Assemblies { get; init; }

    /// <summary>NuGet package id (case-insensitive) → assembly names it provides.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> PackageAssemblies { get; init; }

    /// <summary>Documentation ID → assembly that lists it.</summary>
    public required IReadOnlyDictionary<string, string> DocIdOwner { get; init; }

    // | [Asm](Asm.txt) | nanoFramework.Pkg (also nanoFramework.Other) | 1.2.3.4 | source | lines |
    private static readonly Regex IndexRow = new(@"^\|\s*\[(?<asm>[^\]]+)\]\((?<file>[^)]+)\)\s*\|\s*(?<pkg>[^|]+?)\s*\|", RegexOptions.Compiled);
    private static readonly Regex AlsoPackage = new(@"\(also\s+(?<p>[^)]+)\)", RegexOptions.Compiled);

    public static ApiCatalog Load(string directory)
    {
        var assemblies = new Dictionary<string, AssemblyListing>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            var listing = AssemblyListing.Load(file);
            assemblies[listing.Name] = listing;
        }

        var packages = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var index = System.IO.Path.Combine(directory, "INDEX.md");
        foreach (var line in File.ReadLines(index))
        {
            var m = IndexRow.Match(line);
            if (!m.Success) continue;
            var asm = m.Groups["asm"].Value.Trim();
            var pkgCell = m.Groups["pkg"].Value;
            var ids = new List<string>();
            var also = AlsoPackage.Match(pkgCell);
            if (also.Success)
            {
                ids.AddRange(also.Groups["p"].Value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0));
                pkgCell = pkgCell.Remove(also.Index, also.Length);
            }
            ids.Add(pkgCell.Trim());
            foreach (var id in ids)
            {
                if (!packages.TryGetValue(id, out var list)) packages[id] = list = new List<string>();
                if (!list.Contains(asm)) list.Add(asm);
            }
        }

        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in assemblies.Values)
            foreach (var l in a.Lines)
                owner.TryAdd(l.DocId, a.Name);

        return new ApiCatalog
        {
            Directory = directory,
            Assemblies = assemblies,
            PackageAssemblies = packages.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.OrdinalIgnoreCase),
            DocIdOwner = owner,
        };
    }
}
