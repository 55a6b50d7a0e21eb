using System.CommandLine;
using System.Text.Json;
using SensorNode.Cli.Resources;
using SensorNode.Sdk.Config;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Registry;
using Spectre.Console;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode config get|set|rollout</c>: reported config from the registry, signed desired config through
/// the SDK's config service (ack awaited; rollout in batches with a result per node).</summary>
public static class ConfigCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new HostConnection();
        var config = new Command("config", Messages.CmdConfig);

        var getId = new Argument<string>("node-id") { Description = Messages.ArgNodeId };
        var get = new Command("get", Messages.CmdConfigGet) { getId, host.Registry };
        get.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var node = await registry.GetNodeAsync(parse.GetValue(getId)!, ct);
            if (node is null) return ctx.Fail(ExitCodes.NotFound, $"Unknown node '{parse.GetValue(getId)}'.");
            var thresholds = await registry.GetThresholdsAsync(node.NodeId, ct);
            var calibration = await registry.GetCalibrationAsync(node.NodeId, ct);
            if (ctx.Json) ctx.WriteJson(new { node.NodeId, node.ConfigHash, node.LastConfigResult, thresholds, calibration });
            else
            {
                ctx.Info($"{node.NodeId}: config {node.ConfigHash ?? "-"}, last push: {node.LastConfigResult ?? "-"}");
                foreach (var t in thresholds) ctx.Info($"  {t.Feature}: warning {t.Warning} alarm {t.Alarm}");
                foreach (var c in calibration) ctx.Info($"  {c.Sensor}.{c.Parameter} = {c.Value}");
            }
            return ExitCodes.Ok;
        });

        var setId = new Argument<string>("node-id") { Description = Messages.ArgNodeId };
        var json = new Option<string>("--set") { Description = "Partial config as JSON, e.g. {\"intervals\":{\"report\":30}}", Required = true };
        var set = new Command("set", Messages.CmdConfigSet) { setId, json, host.Registry, host.Site };
        host.AddBrokerOptions(set);
        set.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            var (broker, error, code) = host.BrokerOptions(parse);
            if (broker is null) return ctx.Fail(code, error!);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var node = await registry.GetNodeAsync(parse.GetValue(setId)!, ct);
            if (node is null) return ctx.Fail(ExitCodes.NotFound, $"Unknown node '{parse.GetValue(setId)}'.");
            await using var service = new ConfigService(new ConfigServiceOptions { Broker = broker }, registry);
            try
            {
                await service.StartAsync(ct);
                var result = await service.PushPartialConfigAsync(new NodeRef(node.SiteId, node.NodeId), parse.GetValue(json)!, ct);
                if (ctx.Json) ctx.WriteJson(new { node = node.NodeId, outcome = result.Outcome.ToString(), summary = result.Summary, errors = result.Errors });
                else ctx.Info($"{node.NodeId}: {result.Summary}");
                return result.Outcome switch
                {
                    ConfigOutcome.Applied or ConfigOutcome.Unchanged => ExitCodes.Ok,
                    ConfigOutcome.NoAnswer => ExitCodes.Timeout,
                    _ => ExitCodes.Rejected,
                };
            }
            catch (Exception e) when (e is ConfigServiceException or MqttConnectionException or JsonException or ArgumentException)
            {
                return ctx.Fail(e is MqttConnectionException ? ExitCodes.Unreachable : ExitCodes.Usage, e.Message);
            }
        });

        var rolloutJson = new Option<string>("--set") { Description = "Partial config as JSON", Required = true };
        var batch = new Option<int>("--batch") { Description = "Nodes per batch", DefaultValueFactory = _ => 10 };
        var stopAfter = new Option<int>("--stop-after") { Description = "Stop after this many failures", DefaultValueFactory = _ => 1 };
        var rollout = new Command("rollout", Messages.CmdConfigRollout) { rolloutJson, batch, stopAfter };
        var rolloutHost = new HostConnection();
        rolloutHost.AddBrokerOptions(rollout);
        rollout.Add(rolloutHost.Registry);
        rollout.Add(rolloutHost.Site);
        rollout.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            var (broker, error, code) = rolloutHost.BrokerOptions(parse);
            if (broker is null) return ctx.Fail(code, error!);
            await using var registry = await rolloutHost.OpenRegistryAsync(parse, ct);
            var site = parse.GetValue(rolloutHost.Site)!;
            var targets = (await registry.ListNodesAsync(NodeState.Adopted, site == "+" ? null : site, ct)).Select(n => new NodeRef(n.SiteId, n.NodeId)).ToList();
            await using var service = new ConfigService(new ConfigServiceOptions { Broker = broker }, registry);
            RolloutReport report;
            try
            {
                await service.StartAsync(ct);
                report = await ctx.Console.Progress().StartAsync(async progressContext =>
                {
                    var task = progressContext.AddTask("rollout", maxValue: Math.Max(1, targets.Count));
                    var progress = new Progress<ConfigPushResult>(_ => task.Increment(1));
                    return await service.RolloutAsync(targets, parse.GetValue(rolloutJson)!, new RolloutOptions { BatchSize = parse.GetValue(batch), StopAfterFailures = parse.GetValue(stopAfter) }, progress, ct);
                });
            }
            catch (Exception e) when (e is ConfigServiceException or MqttConnectionException or JsonException or ArgumentException)
            {
                return ctx.Fail(e is MqttConnectionException ? ExitCodes.Unreachable : ExitCodes.Usage, e.Message);
            }
            if (ctx.Json)
                ctx.WriteJson(new { applied = report.Applied, rejected = report.Rejected, noAnswer = report.NoAnswer, notAttempted = report.NotAttempted, stopped = report.Stopped, report.StopReason, results = report.Results.Select(r => new { node = r.Node.NodeId, outcome = r.Outcome.ToString(), summary = r.Summary }) });
            else
            {
                var table = new Table().AddColumns("node", "result");
                foreach (var r in report.Results) table.AddRow(Markup.Escape(r.Node.NodeId), Markup.Escape(r.Summary));
                ctx.Console.Write(table);
            }
            return report.Rejected + report.NoAnswer + report.NotAttempted == 0 ? ExitCodes.Ok : ExitCodes.Rejected;
        });

        config.Add(get);
        config.Add(set);
        config.Add(rollout);
        return config;
    }
}
