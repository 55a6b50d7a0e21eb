using System.CommandLine;
using SensorNode.Cli.Resources;
using SensorNode.Sdk.Provisioning;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode provision --port /dev/ttyUSB0 [--set field=value …] [--new-key]</c>: hello, set fields, validate,
/// commit over the node's serial protocol (SDK SerialProvisioner). Secrets given with --set are never echoed.</summary>
public static class ProvisionCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new HostConnection();
        var command = new Command("provision", Messages.CmdProvision);
        var port = new Option<string>("--port") { Description = Messages.OptPort, Required = true };
        var fields = new Option<string[]>("--set") { Description = "field=value (repeatable), e.g. node.id=press-01", AllowMultipleArgumentsPerToken = true };
        var newKey = new Option<bool>("--new-key") { Description = "Generate a new command key and store it in the registry" };
        command.Add(port);
        command.Add(fields);
        command.Add(newKey);
        command.Add(host.Registry);
        command.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            SerialProvisioner provisioner;
            NodeIdentity identity;
            try
            {
                (provisioner, identity) = await SerialProvisioner.OpenAsync(new SerialProvisionerOptions { PortName = parse.GetValue(port)! }, cancellationToken: ct);
            }
            catch (ProvisioningException e)
            {
                return ctx.Fail(ExitCodes.Unreachable, e.Message);
            }
            await using var _ = provisioner;
            var set = new Dictionary<string, object?>();
            foreach (var f in parse.GetValue(fields) ?? [])
            {
                var eq = f.IndexOf('=');
                if (eq <= 0) return ctx.Fail(ExitCodes.Usage, $"'{f}' is not field=value.");
                var value = f[(eq + 1)..];
                set[f[..eq]] = long.TryParse(value, out var n) ? n : bool.TryParse(value, out var b) ? b : value;
            }
            try
            {
                if (set.Count > 0)
                {
                    var error = await provisioner.SetFieldsAsync(set, ct);
                    if (error is not null) return ctx.Fail(ExitCodes.Rejected, error);
                }
                if (parse.GetValue(newKey))
                {
                    await using var registry = await host.OpenRegistryAsync(parse, ct);
                    var nodeId = set.TryGetValue("node.id", out var id) && id is string given ? given : identity.NodeId;
                    if (string.IsNullOrEmpty(nodeId)) return ctx.Fail(ExitCodes.Usage, "The node has no id yet: pass --set node.id=<id>.");
                    var error = await provisioner.SetNewCommandKeyAsync(registry, nodeId, ct);
                    if (error is not null) return ctx.Fail(ExitCodes.Rejected, error);
                }
                if (set.Count > 0 || parse.GetValue(newKey))
                {
                    var validation = await provisioner.ValidateAsync(ct);
                    if (!validation.IsOk) return ctx.Fail(ExitCodes.Rejected, string.Join("; ", validation.Errors.Select(e => $"{e.Path} {e.Code} {e.Message}")));
                    var commit = await provisioner.CommitAsync(ct);
                    if (commit is not null) return ctx.Fail(ExitCodes.Rejected, commit);
                }
                var config = await provisioner.GetConfigAsync(ct);
                if (ctx.Json) ctx.WriteJson(new { identity, config = System.Text.Json.JsonDocument.Parse(config.RedactedJson).RootElement, config.Hash });
                else
                {
                    ctx.Info($"{identity.NodeId ?? "(unprovisioned)"} @ {identity.Site ?? "-"}: firmware {identity.FirmwareVersion}, board {identity.Board}, state {identity.State}");
                    ctx.Info(config.RedactedJson);
                }
                return ExitCodes.Ok;
            }
            catch (ProvisioningException e)
            {
                return ctx.Fail(ExitCodes.Timeout, e.Message);
            }
        });
        return command;
    }
}
