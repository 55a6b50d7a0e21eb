using System.IO.Compression;
using System.Text.Json;
using SensorNode.Aas.Packaging;
using SensorNode.Aas.Tests.Infrastructure;

namespace SensorNode.Aas.Tests;

/// <summary>The .aasx written by the press scenario, opened back by following its OPC relationships.
/// (That the embedded JSON passes the official verifier and the schema is asserted in OfficialCheckTests.)</summary>
[Collection(OracleCollection.Name)]
public sealed class AasxTests(OracleFixture fx)
{
    [Fact]
    public void Package_has_the_opc_parts_relationships_and_content_types()
    {
        using var zip = ZipFile.OpenRead(fx.AasxPath);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("[Content_Types].xml", names);
        Assert.Contains("_rels/.rels", names);
        Assert.Contains("aasx/aasx-origin", names);
        Assert.Contains("aasx/_rels/aasx-origin.rels", names);
        Assert.DoesNotContain(names, n => n.EndsWith('/'));

        var root = AasxReader.Relationships(zip, "/");
        var origin = Assert.Single(root);
        Assert.Equal("http://admin-shell.io/aasx/relationships/aasx-origin", origin.Type);
        Assert.Equal("/aasx/aasx-origin", origin.Target);

        var spec = Assert.Single(AasxReader.Relationships(zip, "/aasx/aasx-origin"));
        Assert.Equal("http://admin-shell.io/aasx/relationships/aas-spec", spec.Type);
        Assert.Equal("/aasx/Press7Hydraulic/Press7Hydraulic.aas.json", spec.Target);
        Assert.NotNull(zip.GetEntry(spec.Target.TrimStart('/')));

        var types = AasxReader.ContentTypeOverrides(zip);
        Assert.Equal("application/json", types[spec.Target]);
        Assert.Equal("text/plain", types["/aasx/aasx-origin"]);
        using var ct = zip.GetEntry("[Content_Types].xml")!.Open();
        var doc = System.Xml.Linq.XDocument.Load(ct);
        Assert.Contains(doc.Root!.Elements(), e => e.Name.LocalName == "Default" && (string?)e.Attribute("Extension") == "rels"
            && (string?)e.Attribute("ContentType") == "application/vnd.openxmlformats-package.relationships+xml");
    }

    [Fact]
    public void Embedded_json_is_the_exported_environment()
    {
        using var zip = ZipFile.OpenRead(fx.AasxPath);
        var json = AasxReader.ReadPart(zip, AasxReader.SpecParts(zip).Single());
        using var doc = JsonDocument.Parse(json);
        var shell = doc.RootElement.GetProperty("assetAdministrationShells")[0];
        Assert.Equal("urn:sensornode:aas:plant1:node-a1", shell.GetProperty("id").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("submodels").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("conceptDescriptions").GetArrayLength() > 20);
        Assert.Equal(File.ReadAllBytes(fx.PathOf("press")), json);
    }

    [Fact]
    public void Supplementary_files_are_linked_from_the_spec_part()
    {
        using var ms = new MemoryStream();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        AasxWriter.Write(ms, fx.Environments["minimal"], "Minimal", [new AasxSupplementaryFile("/aasx/files/spectrum.png", "image/png", png)]);
        ms.Position = 0;
        using var zip = new ZipArchive(ms, ZipArchiveMode.Read);
        string spec = AasxReader.SpecParts(zip).Single();
        var suppl = Assert.Single(AasxReader.Relationships(zip, spec));
        Assert.Equal("http://admin-shell.io/aasx/relationships/aas-suppl", suppl.Type);
        Assert.Equal("/aasx/files/spectrum.png", suppl.Target);
        Assert.Equal(png, AasxReader.ReadPart(zip, suppl.Target));
        Assert.Equal("image/png", AasxReader.ContentTypeOverrides(zip)[suppl.Target]);
    }

    [Fact]
    public void Repository_exports_selected_machines_as_json_and_aasx()
    {
        var repo = OracleFixture.Fleet();
        Assert.Empty(repo.Verify());
        using var doc = JsonDocument.Parse(repo.ExportJson(indented: false, nodeIds: ["node-kr7"]));
        var shell = Assert.Single(doc.RootElement.GetProperty("assetAdministrationShells").EnumerateArray());
        Assert.Equal("Peureseu7Hogi", shell.GetProperty("idShort").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("submodels").GetArrayLength());

        using var ms = new MemoryStream();
        repo.ExportAasx(ms, "plant");
        ms.Position = 0;
        using var zip = new ZipArchive(ms, ZipArchiveMode.Read);
        Assert.Equal("/aasx/plant/plant.aas.json", AasxReader.SpecParts(zip).Single());
        using var all = JsonDocument.Parse(AasxReader.ReadPart(zip, "/aasx/plant/plant.aas.json"));
        Assert.Equal(5, all.RootElement.GetProperty("assetAdministrationShells").GetArrayLength());
    }

    [Fact]
    public void Invalid_or_duplicate_supplementary_part_names_are_refused()
    {
        using var ms = new MemoryStream();
        var f = new AasxSupplementaryFile("/aasx/aasx-origin", "text/plain", []);
        Assert.Throws<ArgumentException>(() => AasxWriter.Write(ms, fx.Environments["minimal"], "M", [f]));
        Assert.Throws<ArgumentException>(() => AasxWriter.Write(ms, fx.Environments["minimal"], "M", [f with { PartName = "no-slash" }]));
    }
}
