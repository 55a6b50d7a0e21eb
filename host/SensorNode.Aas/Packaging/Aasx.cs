using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SensorNode.Aas.Model;
using SensorNode.Aas.Serialization;

namespace SensorNode.Aas.Packaging;

/// <summary>A file carried in the package next to the AAS (e.g. a thumbnail or a spectrum PNG referenced by a File element).</summary>
public sealed record AasxSupplementaryFile(string PartName, string ContentType, byte[] Content);

/// <summary>
/// Writes an .aasx (AAS Part 5): an Open Packaging Conventions zip with
/// <c>[Content_Types].xml</c>, <c>/_rels/.rels</c> → (aasx-origin) <c>/aasx/aasx-origin</c>,
/// <c>/aasx/_rels/aasx-origin.rels</c> → (aas-spec) the environment JSON, and the spec's own rels → (aas-suppl)
/// supplementary files.
/// </summary>
public static class AasxWriter
{
    public const string OriginRelationship = "http://admin-shell.io/aasx/relationships/aasx-origin";
    public const string SpecRelationship = "http://admin-shell.io/aasx/relationships/aas-spec";
    public const string SupplementaryRelationship = "http://admin-shell.io/aasx/relationships/aas-suppl";
    public const string RelationshipsContentType = "application/vnd.openxmlformats-package.relationships+xml";
    public const string OriginPart = "/aasx/aasx-origin";

    private static readonly XNamespace ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Writes the package. <paramref name="specName"/> names the JSON part (<c>/aasx/&lt;name&gt;/&lt;name&gt;.aas.json</c>).</summary>
    public static void Write(Stream output, AasEnvironment environment, string specName = "environment",
        IReadOnlyList<AasxSupplementaryFile>? supplementary = null, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        if (!IdShortSanitizer.IsValid(specName)) specName = IdShortSanitizer.Sanitize(specName, "environment");
        supplementary ??= [];
        var specPart = $"/aasx/{specName}/{specName}.aas.json";
        var parts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { OriginPart, specPart };
        foreach (var f in supplementary)
        {
            if (!f.PartName.StartsWith('/') || f.PartName.EndsWith('/') || f.PartName.Contains("/_rels/", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{f.PartName}' is not a valid part name.", nameof(supplementary));
            if (!parts.Add(f.PartName)) throw new ArgumentException($"Part '{f.PartName}' appears twice.", nameof(supplementary));
        }

        var time = timestamp ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        var types = new XElement(ContentTypesNs + "Types",
            new XElement(ContentTypesNs + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", RelationshipsContentType)),
            new XElement(ContentTypesNs + "Override", new XAttribute("PartName", OriginPart), new XAttribute("ContentType", "text/plain")),
            new XElement(ContentTypesNs + "Override", new XAttribute("PartName", specPart), new XAttribute("ContentType", "application/json")));
        foreach (var f in supplementary)
            types.Add(new XElement(ContentTypesNs + "Override", new XAttribute("PartName", f.PartName), new XAttribute("ContentType", f.ContentType)));
        Add(zip, "[Content_Types].xml", Xml(types), time);

        Add(zip, "_rels/.rels", Xml(Relationships((OriginRelationship, OriginPart))), time);
        Add(zip, "aasx/aasx-origin", Encoding.UTF8.GetBytes("Intentionally empty."), time);
        Add(zip, "aasx/_rels/aasx-origin.rels", Xml(Relationships((SpecRelationship, specPart))), time);
        Add(zip, specPart[1..], AasJsonWriter.SerializeEnvironment(environment, indented: true), time);
        if (supplementary.Count > 0)
        {
            string relsPart = $"aasx/{specName}/_rels/{specName}.aas.json.rels";
            Add(zip, relsPart, Xml(Relationships(supplementary.Select(f => (SupplementaryRelationship, f.PartName)).ToArray())), time);
            foreach (var f in supplementary) Add(zip, f.PartName[1..], f.Content, time);
        }
    }

    private static XElement Relationships(params (string Type, string Target)[] rels)
    {
        var root = new XElement(RelationshipsNs + "Relationships");
        for (int i = 0; i < rels.Length; i++)
            root.Add(new XElement(RelationshipsNs + "Relationship",
                new XAttribute("Type", rels[i].Type), new XAttribute("Target", rels[i].Target), new XAttribute("Id", "R" + (i + 1))));
        return root;
    }

    private static byte[] Xml(XElement root)
    {
        using var ms = new MemoryStream();
        using (var w = XmlWriter.Create(ms, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            new XDocument(new XDeclaration("1.0", "utf-8", "yes"), root).Save(w);
        return ms.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset time)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = time;
        using var s = entry.Open();
        s.Write(content);
    }
}

/// <summary>Reads an .aasx by following its relationships (not by guessing file names).</summary>
public static class AasxReader
{
    private static readonly XNamespace RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>The parts named in <c>[Content_Types].xml</c> overrides and their content types.</summary>
    public static IReadOnlyDictionary<string, string> ContentTypeOverrides(ZipArchive zip)
    {
        var doc = LoadXml(zip, "[Content_Types].xml");
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        return doc.Root!.Elements(ns + "Override").ToDictionary(
            e => (string)e.Attribute("PartName")!, e => (string)e.Attribute("ContentType")!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Relationships (type, absolute target part) of a part; "/" for the package's own.</summary>
    public static IReadOnlyList<(string Type, string Target)> Relationships(ZipArchive zip, string sourcePart)
    {
        string relsName = sourcePart == "/"
            ? "_rels/.rels"
            : $"{Path.GetDirectoryName(sourcePart)!.Replace('\\', '/').TrimStart('/')}/_rels/{Path.GetFileName(sourcePart)}.rels".TrimStart('/');
        if (zip.GetEntry(relsName) is null) return [];
        var doc = LoadXml(zip, relsName);
        string baseDir = sourcePart == "/" ? "/" : sourcePart[..(sourcePart.LastIndexOf('/') + 1)];
        return doc.Root!.Elements(RelationshipsNs + "Relationship")
            .Select(e => ((string)e.Attribute("Type")!, Resolve(baseDir, (string)e.Attribute("Target")!)))
            .ToList();
    }

    /// <summary>The aas-spec parts (origin → spec), as absolute part names.</summary>
    public static IReadOnlyList<string> SpecParts(ZipArchive zip)
    {
        var origin = Relationships(zip, "/").Where(r => IsType(r.Type, AasxWriter.OriginRelationship)).Select(r => r.Target).ToList();
        if (origin.Count != 1) throw new InvalidDataException($"Expected one aasx-origin relationship, found {origin.Count}.");
        return Relationships(zip, origin[0]).Where(r => IsType(r.Type, AasxWriter.SpecRelationship)).Select(r => r.Target).ToList();
    }

    public static byte[] ReadPart(ZipArchive zip, string partName)
    {
        var entry = zip.GetEntry(partName.TrimStart('/')) ?? throw new InvalidDataException($"Part '{partName}' is missing.");
        using var s = entry.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    // Package Explorer writes the relationship types with "www."; both spellings are accepted.
    private static bool IsType(string actual, string expected) =>
        actual == expected || actual == expected.Replace("http://admin-shell.io/", "http://www.admin-shell.io/", StringComparison.Ordinal);

    private static string Resolve(string baseDir, string target) =>
        target.StartsWith('/') ? target : new Uri(new Uri("http://package" + baseDir), target).AbsolutePath;

    private static XDocument LoadXml(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"'{name}' is missing from the package.");
        using var s = entry.Open();
        return XDocument.Load(s);
    }
}
