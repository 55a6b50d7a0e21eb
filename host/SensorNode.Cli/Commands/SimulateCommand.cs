using System.CommandLine;
using System.Diagnostics;
using SensorNode.Cli.Broker;
using SensorNode.Cli.Output;
using SensorNode.Cli.Resources;
using SensorNode.Simulator;
using SensorNode.Simulator.Machines;
using SensorNode.Simulator.Mqtt;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode simulate</c>: N virtual nodes (real core runtime, synthetic machines) against a broker.</summary>
public static class SimulateCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("simulate", Messages.CmdSimulate);
        var broker = new Option<string>("--broker") { Description = Messages.OptBroker, DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
        var ca = new Option<FileInfo?>("--ca") { Description = Messages.OptCa };
        var count = new Option<int>("--count", "-n") { Description = Messages.OptCount, DefaultValueFactory = _ => 3 };
        var site = new Option<string>("--site") { Description = Messages.OptSite, DefaultValueFactory = _ => "sim" };
        var prefix = new Option<string>("--prefix") { Description = Messages.OptPrefix, DefaultValueFactory = _ => "sim-" };
        var kinds = new Option<string[]>("--kind") { Description = Messages.OptKinds, AllowMultipleArgumentsPerToken = true };
        var interval = new Option<int>("--interval") { Description = Messages.OptInterval, DefaultValueFactory = _ => 10 };
        var duration = new Option<string?>("--duration") { Description = Messages.OptDuration };
        var secrets = new Option<FileInfo?>("--secrets") { Description = Messages.OptSecrets };
        var user = new Option<string?>("--user") { Description = Messages.OptUser };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = Messages.OptPasswordFile };
        var multiplex = new Option<int>("--multiplex") { Description = Messages.OptMultiplex, DefaultValueFactory = _ => 1 };
        foreach (var o in new Option[] { broker, ca, count, site, prefix, kinds, interval, duration, secrets, user, passwordFile, multiplex }) command.Add(o);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var ctx = globals.Context(parse);
            if (!MqttEndpoint.TryParse(parse.GetValue(broker)!, out var endpoint))
                return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrBrokerUri), parse.GetValue(broker)));
            if (parse.GetValue(ca) is { } caFile)
            {
                if (!caFile.Exists) return ctx.Fail(ExitCodes.NotFound, Messages.Format(nameof(Messages.ErrFileNotFound), caFile.FullName));
                endpoint = endpoint! with { CaCertificatePem = await File.ReadAllTextAsync(caFile.FullName, cancellationToken) };
            }
            TimeSpan? runFor = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (!DurationParser.TryParse(d, out var parsed)) return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrDuration), d));
                runFor = parsed;
            }
            var machineKinds = new List<MachineKind>();
            foreach (var k in parse.GetValue(kinds) is { Length: > 0 } given ? given : ["healthy", "imbalance", "misalignment", "looseness", "outer-race", "inner-race"])
            {
                if (!MachineSpec.TryParseKind(k, out var kind)) return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrUnknownKind), k));
                machineKinds.Add(kind);
            }

            IReadOnlyDictionary<string, string>? passwords = null;
            if (parse.GetValue(secrets) is { } secretsFile)
            {
                if (!secretsFile.Exists) return ctx.Fail(ExitCodes.NotFound, Messages.Format(nameof(Messages.ErrFileNotFound), secretsFile.FullName));
                passwords = BrokerSetup.ReadPasswords(secretsFile.FullName);
            }
            (string, string)? shared = null;
            if (parse.GetValue(user) is { } u)
            {
                var pf = parse.GetValue(passwordFile);
                if (pf is not null && !pf.Exists) return ctx.Fail(ExitCodes.NotFound, Messages.Format(nameof(Messages.ErrFileNotFound), pf.FullName));
                shared = (u, pf is null ? "" : (await File.ReadAllTextAsync(pf.FullName, cancellationToken)).Trim());
            }

            var options = new FleetOptions
            {
                Count = Math.Max(1, parse.GetValue(count)),
                Site = parse.GetValue(site)!,
                Prefix = parse.GetValue(prefix)!,
                Kinds = machineKinds,
                Broker = endpoint!,
                ReportIntervalSeconds = Math.Max(1, parse.GetValue(interval)),
                AlarmReportIntervalSeconds = Math.Max(1, Math.Min(2, parse.GetValue(interval))),
                Multiplex = Math.Max(1, parse.GetValue(multiplex)),
                MultiplexCredentials = shared,
                Credentials = id => passwords is not null && passwords.TryGetValue(id, out var p) ? (id, p) : shared,
            };

            ctx.Info(Messages.Format(nameof(Messages.SimulateStarting), options.Count, endpoint));
            await using var fleet = Fleet.Create(options);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (runFor is { } limit) stop.CancelAfter(limit);
            var clock = Stopwatch.StartNew();
            var run = fleet.RunAsync(stop.Token);
            var connectedOnce = false;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
                var connected = fleet.Connected;
                connectedOnce |= connected > 0;
                if (!connectedOnce && clock.Elapsed > TimeSpan.FromSeconds(Math.Max(15, options.ReportIntervalSeconds + 5)))
                {
                    await stop.CancelAsync();
                    await run;
                    return ctx.Fail(ExitCodes.Unreachable, Messages.Format(nameof(Messages.ErrConnect), endpoint, "no virtual node could connect"));
                }
                if (!run.IsCompleted)
                    ctx.Info(Messages.Format(nameof(Messages.SimulateStatus), fleet.Nodes.Count, connected, fleet.Published, fleet.Scheduler.Lag.P99Ms));
            }
            await run;
            var seconds = clock.Elapsed.TotalSeconds;
            var lag = fleet.Scheduler.Lag;
            if (ctx.Json)
            {
                ctx.WriteJson(new
                {
                    nodes = fleet.Nodes.Count,
                    connected = fleet.Connected,
                    published = fleet.Published,
                    publishFailures = fleet.PublishFailures,
                    seconds = Math.Round(seconds, 1),
                    messagesPerSecond = Math.Round(fleet.Published / seconds, 1),
                    cycles = fleet.Nodes.Sum(n => (long)n.Runtime.CyclesCompleted),
                    schedulerSteps = fleet.Scheduler.Steps,
                    schedulerFaults = fleet.Scheduler.Faults,
                    lagP50Ms = lag.P50Ms,
                    lagP99Ms = lag.P99Ms,
                    lagMaxMs = lag.MaxMs,
                    multiplex = options.Multiplex,
                    kinds = machineKinds.Select(MachineSpec.KindName),
                });
            }
            else
            {
                ctx.Info(Messages.Format(nameof(Messages.SimulateDone), seconds, fleet.Published, fleet.Published / seconds, fleet.PublishFailures));
            }
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : (connectedOnce ? ExitCodes.Ok : ExitCodes.Unreachable);
        });
        return command;
    }
}
