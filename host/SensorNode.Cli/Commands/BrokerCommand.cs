using System.CommandLine;
using SensorNode.Cli.Broker;
using SensorNode.Cli.Resources;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode broker setup</c>: a hardened Mosquitto configuration in one folder.</summary>
public static class BrokerCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var broker = new Command("broker", Messages.CmdBroker);
        var setup = new Command("setup", Messages.CmdBrokerSetup);
        var outDir = new Option<DirectoryInfo>("--out") { Description = Messages.OptOut, DefaultValueFactory = _ => new DirectoryInfo("broker") };
        var site = new Option<string>("--site") { Description = Messages.OptSite, DefaultValueFactory = _ => "site1" };
        var nodes = new Option<string[]>("--node") { Description = Messages.OptNode, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore, Required = true };
        var hostUser = new Option<string>("--host-user") { Description = Messages.OptHostUser, DefaultValueFactory = _ => "sensornode-host" };
        var tlsPort = new Option<int>("--tls-port") { Description = Messages.OptTlsPort, DefaultValueFactory = _ => 8883 };
        var bind = new Option<string>("--bind") { Description = Messages.OptBind, DefaultValueFactory = _ => "0.0.0.0" };
        var names = new Option<string[]>("--server-name") { Description = Messages.OptServerName, AllowMultipleArgumentsPerToken = true };
        var plain = new Option<int?>("--dev-plain-port") { Description = Messages.OptDevPlainPort };
        var mtls = new Option<bool>("--require-client-cert") { Description = Messages.OptRequireClientCert };
        var runAs = new Option<string?>("--run-as-user") { Description = Messages.OptRunAsUser };
        var force = new Option<bool>("--force") { Description = Messages.OptForce };
        foreach (var o in new Option[] { outDir, site, nodes, hostUser, tlsPort, bind, names, plain, mtls, runAs, force }) setup.Add(o);

        setup.SetAction(parse =>
        {
            var ctx = globals.Context(parse);
            var serverNames = parse.GetValue(names) is { Length: > 0 } given ? given : ["localhost", "127.0.0.1"];
            var options = new BrokerSetupOptions
            {
                OutputDirectory = parse.GetValue(outDir)!.FullName,
                Site = parse.GetValue(site)!,
                NodeIds = parse.GetValue(nodes) ?? [],
                HostUser = parse.GetValue(hostUser)!,
                TlsPort = parse.GetValue(tlsPort),
                TlsBindAddress = parse.GetValue(bind)!,
                ServerNames = serverNames,
                DevPlainPort = parse.GetValue(plain),
                RequireClientCertificates = parse.GetValue(mtls),
                RunAsUser = parse.GetValue(runAs),
                Overwrite = parse.GetValue(force),
            };
            if (options.NodeIds.Count == 0) return ctx.Fail(ExitCodes.Usage, Messages.ErrNoNodes);
            BrokerSetupResult result;
            try
            {
                result = BrokerSetup.Run(options);
            }
            catch (BrokerSetupException e)
            {
                return e.Error switch
                {
                    BrokerSetupError.InvalidIdentifier => ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrInvalidIdentifier), e.Subject)),
                    BrokerSetupError.DuplicateIdentity => ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrDuplicateIdentity), e.Subject)),
                    BrokerSetupError.WouldOverwrite => ctx.Fail(ExitCodes.FileConflict, Messages.Format(nameof(Messages.ErrWouldOverwrite), e.Subject)),
                    _ => ctx.Fail(ExitCodes.FileConflict, Messages.Format(nameof(Messages.ErrPathHasSpaces), e.Subject)),
                };
            }
            catch (IOException e)
            {
                return ctx.Fail(ExitCodes.FileConflict, e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                return ctx.Fail(ExitCodes.FileConflict, e.Message);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new
                {
                    site = options.Site,
                    config = result.ConfigFile,
                    passwordFile = result.PasswordFile,
                    aclFile = result.AclFile,
                    secretsFile = result.SecretsFile,
                    caCertificate = result.CaCertificate,
                    serverCertificate = result.ServerCertificate,
                    identities = result.Identities,
                    files = result.Files,
                });
            }
            else
            {
                ctx.Success(Messages.Format(nameof(Messages.BrokerSetupDone), options.Site, options.NodeIds.Count, Path.GetDirectoryName(result.ConfigFile)));
                ctx.Info(Messages.Format(nameof(Messages.BrokerSetupSecrets), result.Identities.Count, result.SecretsFile));
                ctx.Info(Messages.Format(nameof(Messages.BrokerSetupStart), result.ConfigFile));
            }
            return ExitCodes.Ok;
        });
        broker.Add(setup);
        return broker;
    }
}
