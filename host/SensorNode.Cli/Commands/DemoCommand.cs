using System.CommandLine;
using System.Globalization;
using SensorNode.Aas;
using SensorNode.AasServer;
using SensorNode.Cli.Demo;
using SensorNode.Cli.Output;
using SensorNode.Cli.Resources;
using AlarmEvent = SensorNode.Core.Protocol.AlarmEvent;
using Topics = SensorNode.Core.Protocol.Topics;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Registry;
using SensorNode.Simulator;
using SensorNode.Simulator.Machines;
using SensorNode.Simulator.Mqtt;
using Spectre.Console;

namespace SensorNode.Cli.Commands;

/// <summary>
/// <c>sensornode demo</c>, the README's first command: an embedded broker, three virtual machines running the real
/// firmware core (a healthy pump, a fan whose outer bearing race is damaged, a slightly misaligned press), the SDK
/// feed into a SQLite registry, and the AAS API on 127.0.0.1. Needs nothing but the .NET SDK.
/// </summary>
public static class DemoCommand
{
    public const string Site = "demo";

    /// <summary>The demo's machines: id, asset name, fault.</summary>
    public static readonly (string NodeId, string AssetName, MachineKind Kind, double Severity)[] Machines =
    [
        ("pump-01", "Cooling water pump 1", MachineKind.Healthy, 1.0),
        ("fan-02", "배기 팬 2호기", MachineKind.OuterRace, 1.0),
        ("press-03", "Press 3 main drive", MachineKind.Misalignment, 0.5),
    ];

    /// <summary>Thresholds a retrofitter would set: envelope amplitude at BPFO/BPFI (m/s²) and kurtosis.</summary>
    public static readonly ThresholdSpec[] Thresholds =
    [
        new("bpfo", Warning: 0.8f, Alarm: 1.6f, OnDelayWindows: 2),
        new("bpfi", Warning: 0.8f, Alarm: 1.6f, OnDelayWindows: 2),
        new("kurt", Warning: 4.2f, Alarm: 6.0f, OnDelayWindows: 2),
    ];

    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("demo", Messages.CmdDemo);
        var duration = new Option<string?>("--duration") { Description = Messages.OptDuration };
        var mqttPort = new Option<int>("--mqtt-port") { Description = Messages.OptMqttPort, DefaultValueFactory = _ => DefaultMqttPort };
        var httpPort = new Option<int>("--http-port") { Description = Messages.OptHttpPort, DefaultValueFactory = _ => DefaultHttpPort };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = Messages.OptDataDir };
        var interval = new Option<int>("--interval") { Description = Messages.OptInterval, DefaultValueFactory = _ => 2 };
        foreach (var o in new Option[] { duration, mqttPort, httpPort, dataDir, interval }) command.Add(o);
        command.SetAction((parse, ct) => RunAsync(globals.Context(parse), parse.GetValue(duration), parse.GetValue(mqttPort),
            parse.GetValue(httpPort), parse.GetValue(dataDir), Math.Max(1, parse.GetValue(interval)), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext ctx, string? durationText, int mqttPort, int httpPort, DirectoryInfo? dataDir,
        int intervalSeconds, CancellationToken cancellationToken)
    {
        TimeSpan? runFor = null;
        if (durationText is not null)
        {
            if (!DurationParser.TryParse(durationText, out var d)) return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrDuration), durationText));
            runFor = d;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (runFor is { } limit) stop.CancelAfter(limit);

        var folder = dataDir?.FullName ?? Directory.CreateTempSubdirectory("sensornode-demo-").FullName;
        Directory.CreateDirectory(folder);
        var registryPath = Path.Combine(folder, "registry.db");

        EmbeddedBroker broker;
        try
        {
            broker = await StartBrokerAsync(mqttPort, stop.Token);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            return ctx.Fail(ExitCodes.Unreachable, Messages.Format(nameof(Messages.ErrConnect), $"127.0.0.1:{mqttPort}", e.Message + " (try --mqtt-port 0)"));
        }
        await using var brokerScope = broker;
        await using var registry = await SqliteNodeRegistry.OpenAsync(registryPath, cancellationToken: stop.Token);
        var aas = new AasRepository();
        AasServer.AasServer server;
        try
        {
            try
            {
                server = await AasServer.AasServer.StartAsync(aas, new AasServerOptions { Host = "127.0.0.1", Port = httpPort }, cancellationToken: stop.Token);
            }
            catch (IOException) when (httpPort == DefaultHttpPort)
            {
                // The default port is taken (another demo, another service): any free port will do.
                server = await AasServer.AasServer.StartAsync(aas, new AasServerOptions { Host = "127.0.0.1", Port = 0 }, cancellationToken: stop.Token);
            }
        }
        catch (IOException e)
        {
            return ctx.Fail(ExitCodes.Unreachable, Messages.Format(nameof(Messages.ErrConnect), $"http://127.0.0.1:{httpPort}", e.Message + " (try --http-port 0)"));
        }
        await using var serverScope = server;

        await using var feed = new FeedClient(new FeedClientOptions
        {
            Broker = new BrokerOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "sensornode-demo-host" },
            Site = Site,
        });
        var pipeline = new HostPipeline(feed, registry, aas);
        var alarms = new List<object>();
        var alarmLock = new object();
        pipeline.Event += e =>
        {
            if (e is AlarmReceived a)
            {
                var level = AlarmEvent.LevelName(a.Alarm.Level);
                lock (alarmLock)
                    alarms.Add(new { node = a.Node.NodeId, level, feature = a.Alarm.FeatureKey, axis = a.Alarm.Axis, value = a.Alarm.Value, threshold = a.Alarm.Threshold });
                if (ctx.Json)
                    ctx.WriteJson(new { @event = "alarm", node = a.Node.NodeId, level, feature = a.Alarm.FeatureKey, axis = a.Alarm.Axis, value = a.Alarm.Value, threshold = a.Alarm.Threshold });
                else
                    ctx.Console.MarkupLine((a.Alarm.Level >= AlarmEvent.LevelAlarm ? "[red]" : a.Alarm.Level == AlarmEvent.LevelWarning ? "[yellow]" : "[green]")
                        + Markup.Escape(Messages.Format(nameof(Messages.DemoAlarm), a.Node.NodeId,
                            string.Create(CultureInfo.InvariantCulture, $"{level} {a.Alarm.FeatureKey} = {a.Alarm.Value:F2} (threshold {a.Alarm.Threshold:F2})"))) + "[/]");
            }
        };
        var host = pipeline.RunAsync(stop.Token);

        await using var fleet = Fleet.Create(new FleetOptions
        {
            Count = Machines.Length,
            Site = Site,
            Kinds = Machines.Select(m => m.Kind).ToList(),
            NodeIdFor = i => Machines[i].NodeId,
            MachineFor = (i, kind) => MachineSpec.For(kind) with { Severity = Machines[i].Severity, Seed = 100 + i },
            AssetName = (i, _) => Machines[i].AssetName,
            Broker = new MqttEndpoint("127.0.0.1", broker.Port),
            ReportIntervalSeconds = intervalSeconds,
            AlarmReportIntervalSeconds = 1,
            HealthIntervalSeconds = 30,
            Thresholds = Thresholds,
        });
        var nodes = fleet.Run(stop.Token);

        var aasUrl = new Uri(server.BaseAddress, "shells").ToString();
        var topics = $"{Topics.Root}/{Site}/+/#";
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                @event = "ready",
                broker = broker.Url,
                topics,
                aas = aasUrl,
                registry = registryPath,
                machines = Machines.Select(m => new { nodeId = m.NodeId, asset = m.AssetName, kind = MachineSpec.KindName(m.Kind) }),
            });
        }
        else
        {
            ctx.Console.Write(new Rule("[bold]" + Markup.Escape(Messages.DemoTitle) + "[/]").LeftJustified());
            ctx.Info(Messages.Format(nameof(Messages.DemoBroker), broker.Url));
            ctx.Info(Messages.Format(nameof(Messages.DemoTopics), topics));
            ctx.Info(Messages.Format(nameof(Messages.DemoAas), aasUrl));
            ctx.Info(Messages.Format(nameof(Messages.DemoRegistry), registryPath));
            ctx.Info(Messages.Format(nameof(Messages.DemoMachines), string.Join(", ", Machines.Select(m => $"{m.NodeId} ({m.AssetName}, {MachineSpec.KindName(m.Kind)})"))));
            ctx.Info(Messages.Format(nameof(Messages.DemoTry), $"mosquitto_sub -h 127.0.0.1 -p {broker.Port} -t '{Topics.Root}/#' -v"));
            ctx.Info(Messages.Format(nameof(Messages.DemoTry), $"curl {aasUrl}"));
            ctx.Info(runFor is { } r ? Messages.Format(nameof(Messages.DemoRunningFor), r) : Messages.DemoStop);
        }

        var nextSummary = DateTime.UtcNow.AddSeconds(10);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(500, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (host.IsFaulted) break;
            if (!ctx.Json && DateTime.UtcNow >= nextSummary)
            {
                nextSummary = DateTime.UtcNow.AddSeconds(10);
                foreach (var (id, t) in pipeline.Latest.OrderBy(k => k.Key, StringComparer.Ordinal))
                {
                    var r = t.Record;
                    ctx.Info(Messages.Format(nameof(Messages.DemoTelemetry), id, Max(r.VelocityRms, r.AxisCount), Max(r.Kurtosis, r.AxisCount),
                        Max(r.Bpfo, r.AxisCount), r.CurrentRms));
                }
            }
        }

        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(host, nodes);
        }
        catch (OperationCanceledException)
        {
        }
        if (host.IsFaulted) return ctx.Fail(ExitCodes.Failure, Messages.Format(nameof(Messages.ErrUnexpected), host.Exception!.GetBaseException().Message));

        var registered = await registry.ListNodesAsync(cancellationToken: CancellationToken.None);
        if (ctx.Json)
        {
            object[] alarmList;
            lock (alarmLock) alarmList = alarms.ToArray();
            ctx.WriteJson(new
            {
                @event = "summary",
                telemetry = pipeline.TelemetryCount,
                births = pipeline.BirthCount,
                alarmEvents = pipeline.AlarmCount,
                alarms = alarmList,
                registeredNodes = registered.Select(n => n.NodeId),
                aasShells = aas.Machines.Count,
                latest = pipeline.Latest.ToDictionary(k => k.Key, k => new
                {
                    vrms = Max(k.Value.Record.VelocityRms, k.Value.Record.AxisCount),
                    kurt = Max(k.Value.Record.Kurtosis, k.Value.Record.AxisCount),
                    bpfo = Max(k.Value.Record.Bpfo, k.Value.Record.AxisCount),
                    irms = k.Value.Record.CurrentRms,
                }),
            });
        }
        else
        {
            ctx.Info(Messages.Format(nameof(Messages.DemoStopped), pipeline.TelemetryCount, pipeline.AlarmCount));
        }
        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    public const int DefaultMqttPort = 1883;
    public const int DefaultHttpPort = 5081;

    /// <summary>Starts the embedded broker; when the default port is taken (a local Mosquitto, say) takes a free one.</summary>
    private static async Task<EmbeddedBroker> StartBrokerAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            return await EmbeddedBroker.StartAsync(port, cancellationToken);
        }
        catch (Exception e) when (port == DefaultMqttPort && e is System.Net.Sockets.SocketException or IOException)
        {
            return await EmbeddedBroker.StartAsync(0, cancellationToken);
        }
    }

    private static float Max(float[] values, int count)
    {
        var max = 0f;
        for (var i = 0; i < Math.Min(count, values.Length); i++) max = Math.Max(max, values[i]);
        return max;
    }
}
