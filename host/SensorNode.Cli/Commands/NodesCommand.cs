using System.CommandLine;
using SensorNode.Cli.Resources;
using SensorNode.Sdk.Registry;
using Spectre.Console;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode nodes list|show|adopt|remove</c> over the SQLite registry.</summary>
public static class NodesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new HostConnection();
        var nodes = new Command("nodes", Messages.CmdNodes);
        nodes.Add(host.Registry);
        host.Registry.Recursive = true;

        var list = new Command("list", Messages.CmdNodesList);
        list.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var all = await registry.ListNodesAsync(cancellationToken: ct);
            if (ctx.Json)
            {
                ctx.WriteJson(all);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("node", "site", "state", "machine", "online", "last seen", "firmware", "last config");
            foreach (var n in all)
                table.AddRow(Markup.Escape(n.NodeId), Markup.Escape(n.SiteId), n.State.ToString(), Markup.Escape(n.DisplayName ?? (n.AssetId?.ToString() ?? "-")),
                    n.Online ? "[green]yes[/]" : "[grey]no[/]", n.LastSeen?.ToString("u") ?? "-", Markup.Escape(n.FirmwareVersion ?? "-"), Markup.Escape(n.LastConfigResult ?? "-"));
            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });

        var idArg = new Argument<string>("node-id") { Description = Messages.ArgNodeId };
        var show = new Command("show", Messages.CmdNodesShow) { idArg };
        show.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var id = parse.GetValue(idArg)!;
            var node = await registry.GetNodeAsync(id, ct);
            if (node is null) return ctx.Fail(ExitCodes.NotFound, $"Unknown node '{id}'.");
            var sensors = await registry.GetSensorsAsync(id, ct);
            var thresholds = await registry.GetThresholdsAsync(id, ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new { node, sensors, thresholds });
                return ExitCodes.Ok;
            }
            var grid = new Grid().AddColumn().AddColumn();
            foreach (var p in typeof(NodeInfo).GetProperties())
                grid.AddRow(p.Name, Markup.Escape(p.GetValue(node)?.ToString() ?? "-"));
            ctx.Console.Write(grid);
            foreach (var t in thresholds) ctx.Info($"threshold {t.Feature}: warning {t.Warning} alarm {t.Alarm}");
            return ExitCodes.Ok;
        });

        var adoptId = new Argument<string>("node-id") { Description = Messages.ArgNodeId };
        var assetName = new Option<string>("--machine") { Description = "Machine (asset) name", Required = true };
        var displayName = new Option<string?>("--name") { Description = "Display name of the node" };
        var adopt = new Command("adopt", Messages.CmdNodesAdopt) { adoptId, assetName, displayName };
        adopt.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var id = parse.GetValue(adoptId)!;
            var node = await registry.GetNodeAsync(id, ct);
            if (node is null) return ctx.Fail(ExitCodes.NotFound, $"Unknown node '{id}': it must have sent its birth message first (sensornode serve).");
            var assetId = await registry.AddAssetAsync(new AssetInfo(0, node.SiteId, parse.GetValue(assetName)!), ct);
            try
            {
                await registry.AdoptAsync(new AdoptRequest(id, assetId, parse.GetValue(displayName)), ct);
            }
            catch (RegistryException e)
            {
                return ctx.Fail(ExitCodes.Rejected, e.Message);
            }
            if (ctx.Json) ctx.WriteJson(new { nodeId = id, assetId, adopted = true });
            else ctx.Success($"{id} → {parse.GetValue(assetName)}");
            return ExitCodes.Ok;
        });

        var removeId = new Argument<string>("node-id") { Description = Messages.ArgNodeId };
        var remove = new Command("remove", Messages.CmdNodesRemove) { removeId };
        remove.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var id = parse.GetValue(removeId)!;
            var removed = await registry.RemoveAsync(id, ct);
            if (ctx.Json) ctx.WriteJson(new { nodeId = id, removed });
            return removed ? ExitCodes.Ok : ctx.Fail(ExitCodes.NotFound, $"Unknown node '{id}'.");
        });

        nodes.Add(list);
        nodes.Add(show);
        nodes.Add(adopt);
        nodes.Add(remove);
        return nodes;
    }
}
