using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SensorNode.Aas;
using SensorNode.Aas.Mapping;
using SensorNode.Aas.Model;
using SensorNode.Aas.Packaging;
using SensorNode.Aas.Serialization;

namespace SensorNode.AasServer;

/// <summary>Options of the AAS HTTP API.</summary>
public sealed class AasServerOptions
{
    /// <summary>Address Kestrel binds to (AasServer.StartAsync only). Loopback by default: the API has no authentication.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port (AasServer.StartAsync only); 0 picks a free port.</summary>
    public int Port { get; set; } = 5081;

    /// <summary>Route prefix, e.g. "/api/v3.0" (the OpenAPI servers entry); empty serves at the root.</summary>
    public string PathBase { get; set; } = "";

    /// <summary>Page size when the client gives no limit.</summary>
    public int DefaultLimit { get; set; } = 100;

    /// <summary>Largest page the server returns whatever the client asks.</summary>
    public int MaxLimit { get; set; } = 1000;
}

/// <summary>Registers and maps the AAS Part 2 API (V3.0, read subset) over an <see cref="IAasRepository"/>.</summary>
public static class AasEndpoints
{
    /// <summary>The profiles GET /description announces (read-only repository profiles; this server implements their GET operations).</summary>
    public static readonly IReadOnlyList<string> Profiles =
    [
        "https://admin-shell.io/aas/API/3/0/AssetAdministrationShellRepositoryServiceSpecification/SSP-002",
        "https://admin-shell.io/aas/API/3/0/SubmodelRepositoryServiceSpecification/SSP-002",
    ];

    /// <summary>Adds the options and, unless one is registered already, an in-memory <see cref="AasRepository"/>.</summary>
    public static IServiceCollection AddSensorNodeAas(this IServiceCollection services, Action<AasServerOptions>? configure = null,
        AasMappingOptions? mapping = null)
    {
        var options = services.AddOptions<AasServerOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<IAasRepository>(_ => new AasRepository(mapping));
        return services;
    }

    /// <summary>Maps every endpoint below <paramref name="prefix"/> (default: the options' PathBase).</summary>
    public static RouteGroupBuilder MapSensorNodeAas(this IEndpointRouteBuilder endpoints, string? prefix = null)
    {
        var opts = endpoints.ServiceProvider.GetService<IOptions<AasServerOptions>>()?.Value ?? new AasServerOptions();
        var g = endpoints.MapGroup(prefix ?? opts.PathBase);

        g.MapGet("/description", () => ApiResponses.Body(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("profiles");
            w.WriteStartArray();
            foreach (var p in Profiles) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }));

        // ---- shells
        g.MapGet("/shells", (HttpContext ctx, IAasRepository repo) => Run(ctx, () =>
        {
            string? idShort = ctx.Request.Query["idShort"];
            var assetIds = ctx.Request.Query["assetIds"].Select(a => ParseAssetId(a!)).ToList();
            return repo.Read(v =>
            {
                var items = v.Shells.Where(s => (idShort is null || s.IdShort == idShort) && assetIds.All(a => MatchesAsset(s, a))).ToList();
                return Paged(ctx, opts, items, AasJsonWriter.WriteShell);
            });
        }));
        g.MapGet("/shells/{aasIdentifier}", (HttpContext ctx, IAasRepository repo, string aasIdentifier) => Run(ctx, () =>
        {
            string id = DecodeId(aasIdentifier, "aasIdentifier");
            return repo.Read(v => v.FindShell(id) is { } shell
                ? ApiResponses.Body(w => AasJsonWriter.WriteShell(w, shell))
                : NotFound(ctx, $"No shell with id '{id}'."));
        }));
        g.MapGet("/shells/{aasIdentifier}/submodel-refs", (HttpContext ctx, IAasRepository repo, string aasIdentifier) => Run(ctx, () =>
        {
            string id = DecodeId(aasIdentifier, "aasIdentifier");
            return repo.Read(v => v.FindShell(id) is { } shell
                ? Paged(ctx, opts, shell.Submodels ?? [], AasJsonWriter.WriteReference)
                : NotFound(ctx, $"No shell with id '{id}'."));
        }));
        g.MapGet("/shells/{aasIdentifier}/submodels/{submodelIdentifier}", (HttpContext ctx, IAasRepository repo, string aasIdentifier, string submodelIdentifier) =>
            Run(ctx, () => SubmodelViaShell(ctx, repo, aasIdentifier, submodelIdentifier, null)));
        g.MapGet("/shells/{aasIdentifier}/submodels/{submodelIdentifier}/submodel-elements/{**idShortPath}",
            (HttpContext ctx, IAasRepository repo, string aasIdentifier, string submodelIdentifier, string idShortPath) =>
            Run(ctx, () => SubmodelViaShell(ctx, repo, aasIdentifier, submodelIdentifier, idShortPath)));

        // ---- submodels
        g.MapGet("/submodels", (HttpContext ctx, IAasRepository repo) => Run(ctx, () =>
        {
            string? idShort = ctx.Request.Query["idShort"];
            string? semanticId = ctx.Request.Query.TryGetValue("semanticId", out var s) ? ParseSemanticId(s!) : null;
            bool core = ParseLevel(ctx);
            return repo.Read(v =>
            {
                var items = v.Submodels.Where(sm => (idShort is null || sm.IdShort == idShort)
                    && (semanticId is null || HasSemanticId(sm, semanticId))).ToList();
                return Paged(ctx, opts, items, (w, sm) => AasJsonWriter.WriteSubmodel(w, sm, core));
            });
        }));
        g.MapGet("/submodels/{submodelIdentifier}", (HttpContext ctx, IAasRepository repo, string submodelIdentifier) =>
            Run(ctx, () => SubmodelResponse(ctx, repo, DecodeId(submodelIdentifier, "submodelIdentifier"), null)));
        g.MapGet("/submodels/{submodelIdentifier}/$value", (HttpContext ctx, IAasRepository repo, string submodelIdentifier) =>
            Run(ctx, () => SubmodelResponse(ctx, repo, DecodeId(submodelIdentifier, "submodelIdentifier"), "$value")));
        g.MapGet("/submodels/{submodelIdentifier}/submodel-elements", (HttpContext ctx, IAasRepository repo, string submodelIdentifier) => Run(ctx, () =>
        {
            string id = DecodeId(submodelIdentifier, "submodelIdentifier");
            bool core = ParseLevel(ctx);
            return repo.Read(v => v.FindSubmodel(id) is { } sm
                ? Paged(ctx, opts, sm.SubmodelElements ?? [], (w, e) => AasJsonWriter.WriteElement(w, e, core ? 1 : int.MaxValue))
                : NotFound(ctx, $"No submodel with id '{id}'."));
        }));
        g.MapGet("/submodels/{submodelIdentifier}/submodel-elements/{**idShortPath}", (HttpContext ctx, IAasRepository repo, string submodelIdentifier, string idShortPath) =>
            Run(ctx, () => SubmodelResponse(ctx, repo, DecodeId(submodelIdentifier, "submodelIdentifier"), idShortPath)));

        // ---- concept descriptions
        g.MapGet("/concept-descriptions", (HttpContext ctx, IAasRepository repo) => Run(ctx, () =>
        {
            string? idShort = ctx.Request.Query["idShort"];
            return repo.Read(v => Paged(ctx, opts, v.ConceptDescriptions.Where(c => idShort is null || c.IdShort == idShort).ToList(),
                AasJsonWriter.WriteConceptDescription));
        }));
        g.MapGet("/concept-descriptions/{cdIdentifier}", (HttpContext ctx, IAasRepository repo, string cdIdentifier) => Run(ctx, () =>
        {
            string id = DecodeId(cdIdentifier, "cdIdentifier");
            return repo.Read(v => v.FindConceptDescription(id) is { } cd
                ? ApiResponses.Body(w => AasJsonWriter.WriteConceptDescription(w, cd))
                : NotFound(ctx, $"No concept description with id '{id}'."));
        }));

        // ---- serialization: the whole content (or the named shells/submodels) as JSON environment or .aasx
        g.MapGet("/serialization", (HttpContext ctx, IAasRepository repo) => Run(ctx, () =>
        {
            var aasIds = ctx.Request.Query["aasIds"].Select(a => DecodeId(a, "aasIds")).ToHashSet(StringComparer.Ordinal);
            var smIds = ctx.Request.Query["submodelIds"].Select(a => DecodeId(a, "submodelIds")).ToHashSet(StringComparer.Ordinal);
            bool includeCds = !string.Equals(ctx.Request.Query["includeConceptDescriptions"], "false", StringComparison.OrdinalIgnoreCase);
            bool aasx = ctx.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/asset-administration-shell-package", StringComparison.OrdinalIgnoreCase));
            return repo.Read(v =>
            {
                var env = v.ToEnvironment();
                if (aasIds.Count > 0) env.AssetAdministrationShells = env.AssetAdministrationShells!.Where(s => aasIds.Contains(s.Id)).ToList();
                if (smIds.Count > 0) env.Submodels = env.Submodels!.Where(s => smIds.Contains(s.Id)).ToList();
                if (!includeCds) env.ConceptDescriptions = null;
                if (!aasx) return ApiResponses.Body(w => AasJsonWriter.WriteEnvironment(w, env));
                using var ms = new MemoryStream();
                AasxWriter.Write(ms, env);
                return Results.Bytes(ms.ToArray(), "application/asset-administration-shell-package+xml", "environment.aasx");
            });
        }));

        return g;
    }

    // ------------------------------------------------------------------ handlers

    private static IResult SubmodelViaShell(HttpContext ctx, IAasRepository repo, string aasIdentifier, string submodelIdentifier, string? path)
    {
        string aasId = DecodeId(aasIdentifier, "aasIdentifier");
        string smId = DecodeId(submodelIdentifier, "submodelIdentifier");
        bool referenced = repo.Read(v => v.FindShell(aasId) is { } shell
            ? shell.Submodels?.Any(r => r.Keys.Count == 1 && r.Keys[0].Value == smId) == true
            : throw new ApiException(404, $"No shell with id '{aasId}'."));
        if (!referenced) throw new ApiException(404, $"Shell '{aasId}' does not reference submodel '{smId}'.");
        return SubmodelResponse(ctx, repo, smId, path);
    }

    /// <param name="path">null = the submodel; "$value" = the submodel's ValueOnly; else an idShortPath, optionally ending in "/$value".</param>
    private static IResult SubmodelResponse(HttpContext ctx, IAasRepository repo, string smId, string? path)
    {
        bool core = ParseLevel(ctx);
        ParseExtent(ctx);
        bool valueOnly = false;
        if (path is "$value") { valueOnly = true; path = null; }
        else if (path is not null)
        {
            int slash = path.IndexOf('/');
            if (slash >= 0)
            {
                string modifier = path[(slash + 1)..];
                if (modifier != "$value") throw new ApiException(400, $"Modifier '{modifier}' is not supported by this server (only $value).");
                valueOnly = true;
                path = path[..slash];
            }
        }

        return repo.Read(v =>
        {
            var sm = v.FindSubmodel(smId) ?? throw new ApiException(404, $"No submodel with id '{smId}'.");
            if (path is null)
                return valueOnly
                    ? ApiResponses.Body(w => AasJsonWriter.WriteSubmodelValueOnly(w, sm))
                    : ApiResponses.Body(w => AasJsonWriter.WriteSubmodel(w, sm, core));
            var element = AasApiEncoding.Resolve(sm, path);
            if (!valueOnly) return ApiResponses.Body(w => AasJsonWriter.WriteElement(w, element, core ? 1 : int.MaxValue));
            if (!AasJsonWriter.HasValueOnly(element)) throw new ApiException(400, $"'{path}' has no value.");
            return ApiResponses.Body(w => AasJsonWriter.WriteValueOnly(w, element));
        });
    }

    private static IResult Run(HttpContext ctx, Func<IResult> handler)
    {
        try
        {
            return handler();
        }
        catch (ApiException e)
        {
            return ApiResponses.Error(ctx, e.Status, e.Message);
        }
    }

    private static IResult NotFound(HttpContext ctx, string text) => ApiResponses.Error(ctx, 404, text);

    private static IResult Paged<T>(HttpContext ctx, AasServerOptions opts, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        var page = Page.Of(ctx.Request, items.Count, opts.DefaultLimit, opts.MaxLimit);
        return ApiResponses.Body(w =>
        {
            w.WriteStartObject();
            page.WriteMetadata(w);
            w.WritePropertyName("result");
            w.WriteStartArray();
            for (int i = page.Start; i < page.Start + page.Count; i++) writeItem(w, items[i]);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static string DecodeId(string? encoded, string name) =>
        AasApiEncoding.TryDecodeId(encoded, out string id) ? id : throw new ApiException(400, $"{name} is not a base64url-encoded identifier.");

    private static bool ParseLevel(HttpContext ctx) => (string?)ctx.Request.Query["level"] switch
    {
        null or "deep" => false,
        "core" => true,
        var other => throw new ApiException(400, $"level '{other}' is not deep or core."),
    };

    private static void ParseExtent(HttpContext ctx)
    {
        if ((string?)ctx.Request.Query["extent"] is { } e && e is not ("withBlobValue" or "withoutBlobValue"))
            throw new ApiException(400, $"extent '{e}' is not withBlobValue or withoutBlobValue.");
    }

    private static (string Name, string Value) ParseAssetId(string encoded)
    {
        string json = DecodeId(encoded, "assetIds");
        try
        {
            using var doc = JsonDocument.Parse(json);
            return (doc.RootElement.GetProperty("name").GetString()!, doc.RootElement.GetProperty("value").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ApiException(400, "assetIds must be base64url-encoded SpecificAssetId JSON objects with name and value.");
        }
    }

    private static bool MatchesAsset(AssetAdministrationShell shell, (string Name, string Value) asset)
    {
        var info = shell.AssetInformation;
        if (string.Equals(asset.Name, "globalAssetId", StringComparison.OrdinalIgnoreCase)) return info.GlobalAssetId == asset.Value;
        return info.SpecificAssetIds?.Any(s => s.Name == asset.Name && s.Value == asset.Value) == true;
    }

    private static string ParseSemanticId(string encoded)
    {
        string json = DecodeId(encoded, "semanticId");
        try
        {
            using var doc = JsonDocument.Parse(json);
            var keys = doc.RootElement.GetProperty("keys");
            return keys[keys.GetArrayLength() - 1].GetProperty("value").GetString()!;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ApiException(400, "semanticId must be a base64url-encoded Reference JSON object.");
        }
    }

    private static bool HasSemanticId(Submodel sm, string value) =>
        sm.SemanticId?.Keys.Any(k => k.Value == value) == true
        || sm.SupplementalSemanticIds?.Any(r => r.Keys.Any(k => k.Value == value)) == true;
}
