using System.CommandLine;
using SensorNode.Aas;
using SensorNode.AasServer;
using SensorNode.Cli.Demo;
using SensorNode.Cli.Output;
using SensorNode.Cli.Resources;
using SensorNode.Sdk.Feed;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode serve</c>: the host against a real broker: feed → registry + live AAS API on 127.0.0.1.</summary>
public static class ServeCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new HostConnection();
        var command = new Command("serve", Messages.CmdServe);
        host.AddBrokerOptions(command);
        command.Add(host.Registry);
        command.Add(host.Site);
        var httpPort = new Option<int>("--http-port") { Description = Messages.OptHttpPort, DefaultValueFactory = _ => 5081 };
        var duration = new Option<string?>("--duration") { Description = Messages.OptDuration };
        command.Add(httpPort);
        command.Add(duration);
        command.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            var (broker, error, code) = host.BrokerOptions(parse);
            if (broker is null) return ctx.Fail(code, error!);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(duration) is { } d)
            {
                if (!DurationParser.TryParse(d, out var span)) return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrDuration), d));
                stop.CancelAfter(span);
            }
            broker.ClientId = "sensornode-serve-" + Environment.ProcessId;
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var aas = new AasRepository();
            await using var server = await AasServer.AasServer.StartAsync(aas, new AasServerOptions { Host = "127.0.0.1", Port = parse.GetValue(httpPort) }, cancellationToken: ct);
            await using var feed = new FeedClient(new FeedClientOptions { Broker = broker, Site = parse.GetValue(host.Site)!, RetryInitialConnect = true });
            var pipeline = new HostPipeline(feed, registry, aas);
            pipeline.Event += e =>
            {
                if (e is AlarmReceived a)
                {
                    if (ctx.Json) ctx.WriteJson(new { @event = "alarm", node = a.Node.NodeId, level = a.Level, feature = a.Alarm.FeatureKey, value = a.Alarm.Value });
                    else ctx.Warn(Messages.Format(nameof(Messages.DemoAlarm), a.Node.NodeId, $"{a.Level} {a.Alarm.FeatureKey} = {a.Alarm.Value:F2}"));
                }
            };
            var aasUrl = new Uri(server.BaseAddress, "shells").ToString();
            if (ctx.Json) ctx.WriteJson(new { @event = "ready", broker = broker.ToString(), aas = aasUrl, registry = host.RegistryPath(parse) });
            else
            {
                ctx.Info(Messages.Format(nameof(Messages.DemoAas), aasUrl));
                ctx.Info(Messages.Format(nameof(Messages.DemoRegistry), host.RegistryPath(parse)));
                ctx.Info(Messages.DemoStop);
            }
            await pipeline.RunAsync(stop.Token);
            if (ctx.Json) ctx.WriteJson(new { @event = "summary", telemetry = pipeline.TelemetryCount, alarmEvents = pipeline.AlarmCount, births = pipeline.BirthCount });
            return ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }
}
