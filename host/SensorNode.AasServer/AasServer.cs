using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorNode.Aas;

namespace SensorNode.AasServer;

/// <summary>
/// A standalone Kestrel server for the AAS API, for hosts that do not run their own ASP.NET Core app
/// (<c>sensornode serve</c>/<c>demo</c>). Hosts that do can call AddSensorNodeAas/MapSensorNodeAas instead.
/// </summary>
public sealed class AasServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AasServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the API answers, ending with '/', e.g. http://127.0.0.1:5081/ (the real port when 0 was asked).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the server on options.Host:options.Port and returns once it accepts connections.</summary>
    public static async Task<AasServer> StartAsync(IAasRepository repository, AasServerOptions? options = null,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        options ??= new AasServerOptions();
        if (!IPAddress.TryParse(options.Host, out var address))
            throw new ArgumentException($"Host '{options.Host}' is not an IP address.", nameof(options));
        if (options.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), "Port must be 0..65535.");

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AasServer>();
        if (!IPAddress.IsLoopback(address))
            logger.LogWarning("The AAS API is bound to {Address}, which is not loopback; it has no authentication.", address);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(AasServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null) builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(k => k.Listen(address, options.Port));
        builder.Services.AddSingleton(repository);
        builder.Services.AddSensorNodeAas(o =>
        {
            o.Host = options.Host;
            o.Port = options.Port;
            o.PathBase = options.PathBase;
            o.DefaultLimit = options.DefaultLimit;
            o.MaxLimit = options.MaxLimit;
        });

        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx);
            }
            catch (Exception e) when (!ctx.Response.HasStarted && e is not OperationCanceledException)
            {
                logger.LogError(e, "AAS API request {Path} failed", ctx.Request.Path);
                ctx.Response.StatusCode = 500;
                ctx.Response.ContentType = ApiResponses.Json;
                await ctx.Response.Body.WriteAsync(ApiResponses.ErrorBody(ctx, 500, "Internal server error."), ctx.RequestAborted);
            }
        });
        app.MapSensorNodeAas();
        app.MapFallback((HttpContext ctx) => ApiResponses.Error(ctx, 404, $"No resource at {ctx.Request.Path}."));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.TrimEnd('/') + options.PathBase.TrimEnd('/') + "/");
        logger.LogInformation("AAS API listening on {Address}", uri);
        return new AasServer(app, uri);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
