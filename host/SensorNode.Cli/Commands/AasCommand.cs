using System.CommandLine;
using SensorNode.Aas;
using SensorNode.Aas.Mapping;
using SensorNode.Aas.Packaging;
using SensorNode.Aas.Serialization;
using SensorNode.Cli.Resources;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode aas export</c>: every node in the registry as a machine shell, to AAS JSON or .aasx.</summary>
public static class AasCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new HostConnection();
        var aas = new Command("aas", Messages.CmdAas);
        var export = new Command("export", Messages.CmdAasExport);
        var output = new Option<FileInfo>("--out", "-o") { Description = Messages.OptOutputFile, Required = true };
        export.Add(output);
        export.Add(host.Registry);
        export.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            await using var registry = await host.OpenRegistryAsync(parse, ct);
            var repository = new AasRepository();
            foreach (var node in await registry.ListNodesAsync(cancellationToken: ct))
            {
                var asset = node.AssetId is { } id ? await registry.GetAssetAsync(id, ct) : null;
                repository.UpsertMachine(new MachineDescription
                {
                    Site = node.SiteId,
                    NodeId = node.NodeId,
                    AssetName = asset?.Name ?? node.DisplayName ?? node.NodeId,
                    Manufacturer = asset?.Manufacturer,
                    Model = asset?.Model,
                    SerialNumber = asset?.SerialNumber,
                    Location = asset?.Location,
                });
            }
            var environment = repository.Read(v => v.ToEnvironment());
            var file = parse.GetValue(output)!;
            Directory.CreateDirectory(file.DirectoryName!);
            if (file.Extension.Equals(".aasx", StringComparison.OrdinalIgnoreCase))
            {
                await using var stream = File.Create(file.FullName);
                AasxWriter.Write(stream, environment);
            }
            else
            {
                await File.WriteAllBytesAsync(file.FullName, AasJsonWriter.SerializeEnvironment(environment, indented: true), ct);
            }
            if (ctx.Json) ctx.WriteJson(new { file = file.FullName, shells = repository.Machines.Count });
            else ctx.Success($"{repository.Machines.Count} shell(s) → {file.FullName}");
            return ExitCodes.Ok;
        });
        aas.Add(export);
        return aas;
    }
}
