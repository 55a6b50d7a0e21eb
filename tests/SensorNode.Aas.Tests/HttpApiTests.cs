using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SensorNode.Aas.Mapping;
using SensorNode.Aas.Tests.Infrastructure;
using SensorNode.AasServer;

namespace SensorNode.Aas.Tests;

/// <summary>A real Kestrel server on a free loopback port, exercised with HttpClient.</summary>
public sealed class HttpApiFixture : IAsyncLifetime
{
    public AasRepository Repository { get; } = OracleFixture.Fleet();
    public AasServer.AasServer Server { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await AasServer.AasServer.StartAsync(Repository, new AasServerOptions { Port = 0, DefaultLimit = 3 });
        Client = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed class HttpApiTests(HttpApiFixture fx) : IClassFixture<HttpApiFixture>
{
    private static string B64(string id) => AasApiEncoding.EncodeId(id);

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await fx.Client.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static void AssertError(JsonElement body, int code)
    {
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal(code.ToString(), message.GetProperty("code").GetString());
        Assert.Equal("Error", message.GetProperty("messageType").GetString());
        Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("text").GetString()));
        Assert.EndsWith("Z", message.GetProperty("timestamp").GetString());
    }

    private MachineAasInfo Press => fx.Repository.GetMachine("node-a1")!;

    [Fact]
    public void Server_binds_to_loopback_by_default()
    {
        Assert.Equal("127.0.0.1", fx.Server.BaseAddress.Host);
        Assert.NotEqual(0, fx.Server.BaseAddress.Port);
    }

    [Fact]
    public async Task Description_lists_the_read_profiles()
    {
        var body = await GetJson("description");
        Assert.Contains(body.GetProperty("profiles").EnumerateArray(),
            p => p.GetString() == "https://admin-shell.io/aas/API/3/0/SubmodelRepositoryServiceSpecification/SSP-002");
    }

    [Fact]
    public async Task Shell_by_base64url_id_with_and_without_padding()
    {
        string id = fx.Repository.GetMachine("node-a2")!.ShellId; // 34 bytes: its base64 needs padding
        var shell = await GetJson("shells/" + B64(id));
        Assert.Equal(id, shell.GetProperty("id").GetString());
        Assert.Equal("AssetAdministrationShell", shell.GetProperty("modelType").GetString());
        string padded = Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).Replace('+', '-').Replace('/', '_');
        Assert.EndsWith("=", padded);
        Assert.Equal(id, (await GetJson("shells/" + padded)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Korean_shell_keeps_its_display_name_over_http()
    {
        var shells = await GetJson("shells?idShort=Peureseu7Hogi");
        var shell = Assert.Single(shells.GetProperty("result").EnumerateArray());
        Assert.Equal("프레스 7호기", shell.GetProperty("displayName")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Shells_filter_by_asset_id()
    {
        string assetId = B64("{\"name\":\"SensorNodeId\",\"value\":\"node-a2\"}");
        var result = (await GetJson("shells?assetIds=" + assetId)).GetProperty("result");
        Assert.Equal("Press7Hydraulic_2", Assert.Single(result.EnumerateArray()).GetProperty("idShort").GetString());
    }

    [Fact]
    public async Task Cursor_pagination_walks_every_submodel_once()
    {
        var seen = new List<string>();
        string url = "submodels?limit=5";
        int pages = 0;
        while (true)
        {
            var page = await GetJson(url);
            pages++;
            var result = page.GetProperty("result");
            Assert.InRange(result.GetArrayLength(), 1, 5);
            seen.AddRange(result.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            if (!page.GetProperty("paging_metadata").TryGetProperty("cursor", out var cursor)) break;
            Assert.False(string.IsNullOrEmpty(cursor.GetString()));
            url = "submodels?limit=5&cursor=" + cursor.GetString();
        }
        var all = fx.Repository.Read(v => v.Submodels.Select(s => s.Id).ToList());
        Assert.Equal(20, all.Count);
        Assert.Equal(all, seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task Default_limit_applies_without_a_limit_parameter()
    {
        var page = await GetJson("shells");
        Assert.Equal(3, page.GetProperty("result").GetArrayLength());
        Assert.True(page.GetProperty("paging_metadata").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Submodel_element_by_path_and_its_value()
    {
        string sm = B64(Press.ConditionId);
        var p = await GetJson($"submodels/{sm}/submodel-elements/Vibration.RMSVelocityX");
        Assert.Equal("Property", p.GetProperty("modelType").GetString());
        Assert.Equal("xs:double", p.GetProperty("valueType").GetString());
        Assert.Equal("urn:sensornode:cd:1:0:VibrationVelocityRms", p.GetProperty("semanticId").GetProperty("keys")[0].GetProperty("value").GetString());
        double value = double.Parse(p.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var v = await GetJson($"submodels/{sm}/submodel-elements/Vibration.RMSVelocityX/$value");
        Assert.Equal(JsonValueKind.Number, v.ValueKind);
        Assert.Equal(value, v.GetDouble(), 6);

        var running = await GetJson($"submodels/{sm}/submodel-elements/Operation.Running/$value");
        Assert.Equal(JsonValueKind.True, running.ValueKind);
    }

    [Fact]
    public async Task List_items_are_addressed_by_url_encoded_index()
    {
        string sm = B64(Press.InterfacesId);
        var item = await GetJson($"submodels/{sm}/submodel-elements/InterfaceMQTT.EndpointMetadata.security%5B0%5D");
        Assert.Equal("ReferenceElement", item.GetProperty("modelType").GetString());
        await GetJson($"submodels/{sm}/submodel-elements/InterfaceMQTT.EndpointMetadata.security%5B5%5D", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submodel_value_only_and_level_core()
    {
        string sm = B64(Press.ConditionId);
        var value = await GetJson($"submodels/{sm}/$value");
        Assert.Equal(JsonValueKind.Number, value.GetProperty("MotorCurrent").GetProperty("RMSCurrent").ValueKind);
        Assert.Equal("node-a1", value.GetProperty("SensorNode").GetProperty("NodeId").GetString());

        var core = await GetJson($"submodels/{sm}?level=core");
        var vibration = core.GetProperty("submodelElements").EnumerateArray().Single(e => e.GetProperty("idShort").GetString() == "Vibration");
        Assert.False(vibration.TryGetProperty("value", out _));
        var deep = await GetJson($"submodels/{sm}");
        Assert.True(deep.GetProperty("submodelElements").EnumerateArray().Single(e => e.GetProperty("idShort").GetString() == "Vibration")
            .GetProperty("value").GetArrayLength() > 50);
    }

    [Fact]
    public async Task Shell_superpath_reaches_its_submodels_only()
    {
        var press = Press;
        var ts = await GetJson($"shells/{B64(press.ShellId)}/submodels/{B64(press.TimeSeriesId)}/submodel-elements/Segments.LinkedSegment.Query/$value");
        Assert.Equal("sensornode/v1/plant1/node-a1/telemetry", ts.GetString());
        var other = fx.Repository.GetMachine("node-kr7")!;
        AssertError(await GetJson($"shells/{B64(press.ShellId)}/submodels/{B64(other.TimeSeriesId)}", HttpStatusCode.NotFound), 404);
    }

    [Fact]
    public async Task Live_update_is_visible_on_the_next_request()
    {
        string url = $"submodels/{B64(Press.ConditionId)}/submodel-elements/Temperature.SurfaceTemperature/$value";
        var before = (await GetJson(url)).GetDouble();
        var result = fx.Repository.UpdateReadings(new TelemetrySample("node-a1", DateTimeOffset.UtcNow.AddYears(1), [new Reading("temp", 77.25)]));
        Assert.Equal(1, result.Applied);
        var after = (await GetJson(url)).GetDouble();
        Assert.NotEqual(before, after);
        Assert.Equal(77.25, after);
    }

    [Theory]
    [InlineData("shells/{unknownShell}", 404)]
    [InlineData("submodels/{unknownSubmodel}", 404)]
    [InlineData("submodels/{condition}/submodel-elements/Vibration.NoSuchThing", 404)]
    [InlineData("submodels/{condition}/submodel-elements/Vibration..X", 400)]
    [InlineData("submodels/{condition}/submodel-elements/Vibration/$metadata", 400)]
    [InlineData("shells/not*base64", 400)]
    [InlineData("shells?limit=0", 400)]
    [InlineData("shells?limit=abc", 400)]
    [InlineData("shells?cursor=garbage", 400)]
    [InlineData("submodels/{condition}?level=shallow", 400)]
    [InlineData("no/such/route", 404)]
    public async Task Errors_carry_a_result_body(string template, int status)
    {
        string url = template
            .Replace("{unknownShell}", B64("urn:nobody"))
            .Replace("{unknownSubmodel}", B64("urn:nothing"))
            .Replace("{condition}", B64(Press.ConditionId));
        AssertError(await GetJson(url, (HttpStatusCode)status), status);
    }

    [Fact]
    public async Task Concept_descriptions_carry_the_iec_unit_ids()
    {
        var cd = await GetJson("concept-descriptions/" + B64("urn:sensornode:cd:1:0:MotorCurrentRms"));
        var content = cd.GetProperty("embeddedDataSpecifications")[0].GetProperty("dataSpecificationContent");
        Assert.Equal("A", content.GetProperty("unit").GetString());
        Assert.Equal("0112/2///62720#UAA101", content.GetProperty("unitId").GetProperty("keys")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Serialization_returns_json_or_aasx()
    {
        var env = await GetJson($"serialization?aasIds={B64(Press.ShellId)}&submodelIds={B64(Press.NameplateId)}");
        Assert.Single(env.GetProperty("assetAdministrationShells").EnumerateArray());
        Assert.Single(env.GetProperty("submodels").EnumerateArray());

        using var request = new HttpRequestMessage(HttpMethod.Get, "serialization");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/asset-administration-shell-package+xml"));
        using var response = await fx.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Single(Packaging.AasxReader.SpecParts(zip));
    }
}

public sealed class HttpApiPrefixTests
{
    [Fact]
    public async Task Path_base_prefixes_every_route()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.Press());
        await using var server = await AasServer.AasServer.StartAsync(repo, new AasServerOptions { Port = 0, PathBase = "/api/v3.0" });
        Assert.EndsWith("/api/v3.0/", server.BaseAddress.AbsoluteUri);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var ok = await client.GetAsync("shells");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var root = await client.GetAsync(new Uri(server.BaseAddress, "/shells"));
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }
}
