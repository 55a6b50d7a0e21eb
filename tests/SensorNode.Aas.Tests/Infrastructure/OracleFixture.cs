using System.IO.Compression;
using System.Text.Json;
using SensorNode.Aas.Mapping;
using SensorNode.Aas.Model;
using SensorNode.Aas.Packaging;
using SensorNode.Aas.Serialization;
using SensorNode.Core.Features;

namespace SensorNode.Aas.Tests.Infrastructure;

/// <summary>What the oracles said about one file.</summary>
public sealed record OracleReport(string Name, string File, IReadOnlyList<string> SchemaErrors, IReadOnlyList<string> VerifyErrors);

/// <summary>
/// Generates every artefact the official checkers must see (each scenario's environment JSON, the JSON inside the
/// exported .aasx, and a deliberately broken environment), then starts node four times in parallel: once for
/// ajv + aas-core over all files (check.mjs), and once per file for the official ../shared/aas/aas-verify.mjs.
/// </summary>
public sealed class OracleFixture : IAsyncLifetime
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "sn-aas-tests-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, AasEnvironment> Environments { get; } = new();
    public Dictionary<string, OracleReport> Reports { get; } = new();

    public NodeResult OfficialFleet { get; private set; } = null!;
    public NodeResult OfficialAasx { get; private set; } = null!;
    public NodeResult OfficialBroken { get; private set; } = null!;
    public string AasxPath => Path.Combine(Dir, "press.aasx");
    public string AasxSpecJsonPath => Path.Combine(Dir, "aasx-spec.json");

    public static readonly string[] ValidScenarios = ["press", "korean", "minimal", "fleet", "aasx-spec", "http-serialization"];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Dir);
        var press = Samples.PressRepository();
        Environments["press"] = press.Read(v => v.ToEnvironment());
        Environments["korean"] = Korean().Read(v => v.ToEnvironment());
        var minimal = new AasRepository();
        minimal.UpsertMachine(Samples.Minimal());
        Environments["minimal"] = minimal.Read(v => v.ToEnvironment());
        Environments["fleet"] = Fleet().Read(v => v.ToEnvironment());
        Environments["broken"] = BrokenEnvironment();
        foreach (var (name, env) in Environments)
            await File.WriteAllBytesAsync(PathOf(name), AasJsonWriter.SerializeEnvironment(env, indented: true));

        await using (var fs = File.Create(AasxPath))
            press.Read(v => { AasxWriter.Write(fs, v.ToEnvironment(), "Press7Hydraulic"); return 0; });
        using (var zip = ZipFile.OpenRead(AasxPath))
            await File.WriteAllBytesAsync(AasxSpecJsonPath, AasxReader.ReadPart(zip, AasxReader.SpecParts(zip).Single()));

        // What the HTTP API serves must pass the same oracles: the fleet's environment fetched over real HTTP.
        await using (var server = await AasServer.AasServer.StartAsync(Fleet(), new AasServer.AasServerOptions { Port = 0 }))
        using (var client = new HttpClient { BaseAddress = server.BaseAddress })
            await File.WriteAllBytesAsync(PathOf("http-serialization"), await client.GetByteArrayAsync("serialization"));

        var files = Environments.Keys.Select(PathOf).Append(AasxSpecJsonPath).Append(PathOf("http-serialization")).ToList();
        var check = NodeRunner.RunAsync(new[] { Path.Combine(RepoPaths.NodeDir, "check.mjs"), RepoPaths.Schema }.Concat(files));
        var fleet = NodeRunner.RunAsync([RepoPaths.OfficialVerifier, PathOf("fleet")]);
        var aasx = NodeRunner.RunAsync([RepoPaths.OfficialVerifier, AasxSpecJsonPath]);
        var broken = NodeRunner.RunAsync([RepoPaths.OfficialVerifier, PathOf("broken")]);
        await Task.WhenAll(check, fleet, aasx, broken);
        (OfficialFleet, OfficialAasx, OfficialBroken) = (fleet.Result, aasx.Result, broken.Result);

        var c = check.Result;
        if (c.ExitCode != 0) throw new InvalidOperationException("check.mjs failed: " + c);
        foreach (var item in JsonDocument.Parse(c.StdOut).RootElement.EnumerateArray())
        {
            string file = item.GetProperty("file").GetString()!;
            string name = file == AasxSpecJsonPath ? "aasx-spec" : Path.GetFileNameWithoutExtension(file);
            Reports[name] = new OracleReport(name, file,
                item.GetProperty("schema").EnumerateArray().Select(e => e.GetString()!).ToList(),
                item.GetProperty("verify").EnumerateArray().Select(e => e.GetString()!).ToList());
        }
    }

    public string PathOf(string name) => Path.Combine(Dir, name + ".json");

    public Task DisposeAsync()
    {
        // SENSORNODE_AAS_KEEP=1 keeps the generated files for inspection.
        if (Environment.GetEnvironmentVariable("SENSORNODE_AAS_KEEP") == "1") return Task.CompletedTask;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    public static AasRepository Korean()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.KoreanPress());
        for (uint i = 0; i < 2; i++)
        {
            var r = Samples.Record(i + 1, Samples.T0.AddSeconds(10 * i));
            r.AxisCount = 1;
            r.HasCurrent = false;
            repo.UpdateReadings(TelemetrySample.FromRecord("node-kr7", r));
        }
        repo.SetOnline("node-kr7", false);
        return repo;
    }

    /// <summary>Several machines in one repository: two with the same name, a Korean one, a minimal one.</summary>
    public static AasRepository Fleet()
    {
        var repo = new AasRepository(new AasMappingOptions { TimeSeriesCapacity = 5 });
        repo.UpsertMachine(Samples.Press("node-a1"));
        repo.UpsertMachine(Samples.Press("node-a2") with { AssetKey = "press-7b" });
        repo.UpsertMachine(Samples.Press("node-a3"));
        repo.UpsertMachine(Samples.KoreanPress());
        repo.UpsertMachine(Samples.Minimal());
        for (uint i = 0; i < 8; i++)
        {
            repo.UpdateReadings(Samples.Sample("node-a1", i, Samples.T0.AddSeconds(i)));
            repo.UpdateReadings(Samples.Sample("node-a2", i, Samples.T0.AddSeconds(i), 2));
            repo.UpdateReadings(Samples.Sample("node-min", i, Samples.T0.AddSeconds(i), 0.5));
        }
        return repo;
    }

    /// <summary>One violation of each kind the verifiers must catch.</summary>
    public static AasEnvironment BrokenEnvironment()
    {
        var list = new SubmodelElementList("Readings", AasSubmodelElements.Property) { ValueTypeListElement = DataTypeDefXsd.Double };
        list.Value = [new Property("NotAllowed", DataTypeDefXsd.Double, "1.0")];
        var qualified = new Property("Qualified", DataTypeDefXsd.Int, "7")
        {
            Qualifiers = [new Qualifier("Limit", DataTypeDefXsd.Int) { Value = "1" }, new Qualifier("Limit", DataTypeDefXsd.Int) { Value = "2" }],
        };
        var sm = new Submodel("urn:test:sm:broken")
        {
            IdShort = "Broken",
            SubmodelElements =
            [
                new Property("Decimal", DataTypeDefXsd.Double, "1,5"),
                new Property("Twice", DataTypeDefXsd.String, "a"),
                new Property("Twice", DataTypeDefXsd.String, "b"),
                new Property("Flag", DataTypeDefXsd.Boolean, "True"),
                list,
                qualified,
            ],
        };
        var shell = new AssetAdministrationShell("urn:test:aas:broken", new AssetInformation(AssetKind.Instance))
        {
            IdShort = "7bad",
            Submodels = [Reference.Model(KeyTypes.Submodel, sm.Id)],
        };
        return new AasEnvironment { AssetAdministrationShells = [shell], Submodels = [sm] };
    }
}

[CollectionDefinition(Name)]
public sealed class OracleCollection : ICollectionFixture<OracleFixture>
{
    public const string Name = "AAS oracles";
}
