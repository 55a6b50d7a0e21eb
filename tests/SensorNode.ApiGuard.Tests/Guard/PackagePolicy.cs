using System.Text.RegularExpressions;

namespace SensorNode.ApiGuard.Guard;

/// <summary>
/// Which package versions a nanoFramework project may use: the stable 1.x stack of FACTS.md §10 (never a
/// preview: 1.x and 2.x preview packages cannot be mixed, FACTS §0 and §9.14).
/// </summary>
public sealed class PackagePolicy
{
    /// <summary>Package id → the version FACTS.md §10 saw in the samples ("2.2.x" keeps only major.minor).</summary>
    public IReadOnlyDictionary<string, string> FactsVersions { get; }

    private readonly ApiCatalog _catalog;

    public PackagePolicy(ApiCatalog catalog)
    {
        _catalog = catalog;
        var facts = Path.Combine(catalog.Directory, "..", "FACTS.md");
        FactsVersions = File.Exists(facts) ? ParseFacts(File.ReadAllLines(facts)) : new Dictionary<string, string>();
    }

    private static readonly Regex Row = new(@"^\|\s*(?<ids>nanoFramework\.[^|]+?)\s*\|\s*(?<vers>[0-9][^|]*?)\s*\|", RegexOptions.Compiled);

    private static Dictionary<string, string> ParseFacts(string[] lines)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var inSection = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) inSection = line.StartsWith("## 10.", StringComparison.Ordinal);
            if (!inSection) continue;
            var m = Row.Match(line);
            if (!m.Success) continue;
            var ids = m.Groups["ids"].Value.Split('/').Select(s => s.Trim()).ToList();
            var vers = Regex.Replace(m.Groups["vers"].Value, @"\(.*?\)", "").Split('/').Select(s => s.Trim()).ToList();
            var first = ids[0];
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids[i].StartsWith('.') ? first.Substring(0, first.LastIndexOf('.')) + ids[i] : ids[i];
                result[id] = vers[Math.Min(i, vers.Count - 1)];
            }
        }
        return result;
    }

    /// <summary>Why this package version is not acceptable, or null.</summary>
    public string? Check(NfPackage p)
    {
        if (p.Version.Contains('-'))
            return $"{p.Id} {p.Version} is a preview package; use the stable 1.x stack (preview 2.x packages need preview firmware and cannot be mixed with 1.x, FACTS.md §0, §9.14)";
        if (!System.Version.TryParse(p.Version, out var v))
            return $"{p.Id}: version '{p.Version}' is not a version number";
        if (p.Id.Equals("nanoFramework.CoreLibrary", StringComparison.OrdinalIgnoreCase))
            return v.Major == 1 && v.Minor == 17 ? null : $"{p.Id} {p.Version}: the stable stack is CoreLibrary 1.17.x (FACTS.md §0, §10)";
        if (p.Id.Equals("nanoFramework.M2Mqtt", StringComparison.OrdinalIgnoreCase))
            return v.Major == 5 && (v.Minor > 1 || (v.Minor == 1 && v.Build >= 220))
                ? null : $"{p.Id} {p.Version}: use 5.1.220 or later 5.x (LWT and reconnect fixes; 6.x is the generics stack, FACTS.md §3)";

        string? expected = FactsVersions.TryGetValue(p.Id, out var f) ? f : null;
        if (expected == null && _catalog.PackageAssemblies.TryGetValue(p.Id, out var asms) && _catalog.Assemblies.TryGetValue(asms[0], out var listing))
            expected = listing.Version;
        if (expected == null) return null;
        var parts = expected.Split('.');
        var major = int.Parse(parts[0]);
        if (v.Major != major)
            return $"{p.Id} {p.Version}: major version differs from the stable {expected} the API listing and FACTS.md §10 describe";
        if (FactsVersions.ContainsKey(p.Id) && parts.Length > 1 && int.TryParse(parts[1], out var minor) && v.Minor < minor)
            return $"{p.Id} {p.Version}: older than the {expected} FACTS.md §10 describes";
        return null;
    }
}
