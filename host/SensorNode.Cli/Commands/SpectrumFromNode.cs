using System.CommandLine;
using System.Text.Json;
using SensorNode.Cli.Output;
using SensorNode.Cli.Plot;
using SensorNode.Cli.Resources;
using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Core.Vibration;
using SensorNode.Sdk.Config;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Protocol;
using SensorNode.Sdk.Registry;

namespace SensorNode.Cli.Commands;

/// <summary>
/// <c>sensornode spectrum --node ID</c>: sends the signed <c>spectrum</c> command through the SDK's
/// <see cref="ConfigService"/> (key and counter from the registry), collects the chunks on the node's spectrum topic
/// with a <see cref="FeedClient"/> and a <see cref="SpectrumReassembler"/>, and plots the whole spectrum with order and
/// bearing markers from the node's retained reported config (shaft speed: fixed speed in the config, else the last
/// telemetry's estimate, else <c>--rpm</c>).
/// </summary>
internal static class SpectrumFromNode
{
    public sealed record Request(string NodeId, string Axis, string Kind, double MaxHz, TimeSpan Timeout, double? Rpm, FileInfo? Secrets, FileInfo Output);

    public static async Task<int> RunAsync(CliContext ctx, HostConnection host, ParseResult parse, Request request, CancellationToken ct)
    {
        if (!Topics.IsValidSegment(request.NodeId))
            return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrInvalidIdentifier), request.NodeId));
        var (broker, error, code) = host.BrokerOptions(parse);
        if (broker is null) return ctx.Fail(code, error!);
        if (request.Secrets is { } secretsFile)
        {
            var (ok, failure, failureCode) = ApplySecrets(broker, secretsFile);
            if (!ok) return ctx.Fail(failureCode, failure!);
        }

        var registryPath = host.RegistryPath(parse);
        await using var registry = await host.OpenRegistryAsync(parse, ct);
        var info = await registry.GetNodeAsync(request.NodeId, ct);
        var siteOption = parse.GetValue(host.Site)!;
        var site = siteOption != "+" ? siteOption : info?.SiteId;
        if (site is null) return ctx.Fail(ExitCodes.NotFound, SpectrumText.Format("ErrSpectrumUnknownNode", request.NodeId, registryPath));
        if (!Topics.IsValidSegment(site)) return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrInvalidIdentifier), site));
        if (await registry.GetNodeKeyAsync(request.NodeId, ct) is null)
            return ctx.Fail(ExitCodes.NotFound, SpectrumText.Format("ErrSpectrumNoKey", request.NodeId, registryPath));
        var node = new NodeRef(site, request.NodeId);

        // Listen before asking: the chunks can overtake the ack.
        var reassembler = new SpectrumReassembler(new SpectrumReassemblerOptions { Timeout = request.Timeout });
        NodeConfig? reported = null;
        float lastShaftHz = 0;
        await using var feed = new FeedClient(new FeedClientOptions { Broker = broker, Site = site, ReportedConfig = true, DetectGaps = false });
        feed.SpectrumChunk += c => { if (c.Node == node) reassembler.Add(c); };
        feed.ReportedConfig += r => { if (r.Node == node) Volatile.Write(ref reported, r.Config); };
        feed.Telemetry += t => { if (t.Node == node && t.Record.ShaftSpeedHz > 0) Volatile.Write(ref lastShaftHz, t.Record.ShaftSpeedHz); };
        await using var service = new ConfigService(new ConfigServiceOptions { Broker = broker, AckTimeout = request.Timeout }, registry);
        CommandResult answer;
        try
        {
            await feed.StartAsync(ct);
            await service.StartAsync(ct);
            answer = await service.SendCommandAsync(node, NodeCommand.Spectrum(request.Axis, request.Kind, (float)request.MaxHz), ct);
        }
        catch (MqttConnectionException e)
        {
            return ctx.Fail(ExitCodes.Unreachable, Messages.Format(nameof(Messages.ErrConnect), broker, e.Message));
        }
        catch (ConfigServiceException e)
        {
            return ctx.Fail(ExitCodes.Unreachable, Messages.Format(nameof(Messages.ErrConnect), broker, e.Message));
        }

        if (!answer.Answered)
            return ctx.Fail(ExitCodes.Timeout, SpectrumText.Format("ErrSpectrumNoAnswer", node, request.Timeout.TotalSeconds));
        if (answer.Result == ResultCode.Name(ResultCode.NotSupported))
            return FailWithResult(ctx, ExitCodes.Unavailable, SpectrumText.Format("ErrSpectrumNotSupported", node, answer.Result, ResultCode.Parse(answer.Result)), answer);
        if (!answer.Succeeded)
            return FailWithResult(ctx, ExitCodes.Rejected,
                SpectrumText.Format("ErrSpectrumRejected", node, answer.Result, string.IsNullOrEmpty(answer.Message) ? "" : " (" + answer.Message + ")"), answer);

        SpectrumSnapshot snapshot;
        try
        {
            snapshot = await reassembler.WaitForAsync(node, answer.Id, request.Timeout, ct);
        }
        catch (SpectrumTimeoutException e)
        {
            if (ctx.Json)
            {
                ctx.Err.WriteLine(SpectrumText.Format("ErrSpectrumIncomplete", node, e.Message));
                ctx.WriteJson(new { error = new { exitCode = ExitCodes.Timeout, message = SpectrumText.Format("ErrSpectrumIncomplete", node, e.Message), chunksReceived = e.ChunksReceived, chunks = e.Chunks, missing = e.Missing } });
                return ExitCodes.Timeout;
            }
            return ctx.Fail(ExitCodes.Timeout, SpectrumText.Format("ErrSpectrumIncomplete", node, e.Message));
        }

        // Markers: the shaft speed the node uses, and the bearing it was configured with.
        var config = Volatile.Read(ref reported);
        double? shaftHz = request.Rpm is > 0 ? request.Rpm / 60.0
            : config is { ShaftMode: NodeConfig.ShaftFixed, ShaftRpm: > 0 } ? config.ShaftRpm / 60.0
            : Volatile.Read(ref lastShaftHz) > 0 ? Volatile.Read(ref lastShaftHz)
            : null;
        string shaftSource = request.Rpm is > 0 ? "option" : config is { ShaftMode: NodeConfig.ShaftFixed, ShaftRpm: > 0 } ? "config" : shaftHz != null ? "telemetry" : "none";
        BearingGeometry? bearing = null;
        if (config is { BearingBalls: > 0 }
            && BearingGeometry.Check(config.BearingBalls, config.BearingBallDiameterMm, config.BearingPitchDiameterMm, config.BearingContactAngleDeg) == null)
            bearing = new BearingGeometry(config.BearingBalls, config.BearingBallDiameterMm, config.BearingPitchDiameterMm, config.BearingContactAngleDeg);
        if (shaftHz is null) ctx.Warn(SpectrumText.Format("SpectrumNoMarkers", node));
        var markers = SpectrumMarkers.For(shaftHz, bearing, snapshot.Kind == SensorNode.Core.Protocol.Command.SpectrumEnvelope);

        var freqs = new double[snapshot.Amplitudes.Length];
        var amps = new double[snapshot.Amplitudes.Length];
        for (int i = 0; i < freqs.Length; i++)
        {
            freqs[i] = snapshot.FrequencyOf(i);
            amps[i] = float.IsFinite(snapshot.Amplitudes[i]) ? snapshot.Amplitudes[i] : 0;
        }
        double top = request.MaxHz > 0 ? Math.Min(request.MaxHz, freqs[^1]) : freqs[^1];
        if (top <= 0) top = snapshot.BinHz;
        var measured = DateTimeOffset.FromUnixTimeMilliseconds(snapshot.TimestampUnixMs);
        string title = $"{node}, axis {snapshot.Axis}, {snapshot.Kind} spectrum"
            + (measured.Year >= 2020 ? $", {measured.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "")
            + (shaftHz is { } s ? $", shaft {s:F2} Hz" : "");
        string yLabel = $"{(snapshot.Kind == SensorNode.Core.Protocol.Command.SpectrumEnvelope ? "Envelope amplitude" : "Amplitude")} ({snapshot.Unit})";
        var svg = SvgSpectrumPlot.Render(title, yLabel, freqs, amps, markers, top);
        var file = request.Output;
        try
        {
            if (file.DirectoryName is { } dir) Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(file.FullName, svg, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ctx.Fail(ExitCodes.FileConflict, Messages.Format(nameof(Messages.ErrUnexpected), e.Message));
        }

        // The peak above the lowest few bins (DC and the window's skirt say nothing about the machine).
        var peak = snapshot.Peak(fromHz: snapshot.FrequencyOf(0) + 3 * snapshot.BinHz);
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                file = file.FullName,
                node = node.NodeId,
                site = node.Site,
                id = snapshot.Id,
                ts = snapshot.TimestampUnixMs,
                axis = snapshot.Axis,
                kind = snapshot.Kind,
                unit = snapshot.Unit,
                binHz = snapshot.BinHz,
                firstBin = snapshot.FirstBin,
                bins = snapshot.Amplitudes.Length,
                chunks = snapshot.Chunks,
                peakHz = peak.Hz,
                peakAmplitude = peak.Amplitude,
                shaftHz,
                shaftSource,
                markers,
            });
        }
        else
        {
            ctx.Success(SpectrumText.Format("SpectrumWritten", node, snapshot.Amplitudes.Length, freqs[^1], peak.Hz, peak.Amplitude, snapshot.Unit, file.FullName));
        }
        return ExitCodes.Ok;
    }

    private static int FailWithResult(CliContext ctx, int exitCode, string message, CommandResult answer)
    {
        if (!ctx.Json) return ctx.Fail(exitCode, message);
        ctx.Err.WriteLine(message);
        ctx.WriteJson(new { error = new { exitCode, message, result = answer.Result, resultCode = ResultCode.Parse(answer.Result), detail = answer.Message } });
        return exitCode;
    }

    /// <summary>--secrets: the host identity's password (or --user's) from the broker set-up's secrets file.</summary>
    private static (bool Ok, string? Error, int ExitCode) ApplySecrets(BrokerOptions broker, FileInfo file)
    {
        if (!file.Exists) return (false, Messages.Format(nameof(Messages.ErrFileNotFound), file.FullName), ExitCodes.NotFound);
        string user = broker.Username ?? "";
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
            if (user.Length == 0) user = doc.RootElement.TryGetProperty("hostUser", out var h) ? h.GetString() ?? "" : "";
            foreach (var identity in doc.RootElement.GetProperty("identities").EnumerateArray())
            {
                if (identity.GetProperty("user").GetString() != user) continue;
                broker.Username = user;
                broker.Password = identity.GetProperty("password").GetString();
                return (true, null, ExitCodes.Ok);
            }
            return (false, SpectrumText.Format("ErrSpectrumSecrets", user, file.FullName, "no such identity"), ExitCodes.NotFound);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return (false, SpectrumText.Format("ErrSpectrumSecrets", user, file.FullName, e.Message), ExitCodes.Usage);
        }
    }
}
