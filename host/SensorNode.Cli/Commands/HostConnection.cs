using System.CommandLine;
using SensorNode.Cli.Output;
using SensorNode.Cli.Resources;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Registry;
using SensorNode.Simulator.Mqtt;

namespace SensorNode.Cli.Commands;

/// <summary>Options shared by commands that talk to the broker as the host identity or open the registry.</summary>
public sealed class HostConnection
{
    public Option<string> Broker { get; } = new("--broker") { Description = Messages.OptBroker, DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };

    public Option<FileInfo?> Ca { get; } = new("--ca") { Description = Messages.OptCa };

    public Option<string?> User { get; } = new("--user") { Description = Messages.OptUser };

    public Option<FileInfo?> PasswordFile { get; } = new("--password-file") { Description = Messages.OptPasswordFile };

    public Option<FileInfo?> Registry { get; } = new("--registry") { Description = Messages.OptRegistry };

    public Option<string> Site { get; } = new("--site") { Description = Messages.OptSite, DefaultValueFactory = _ => "+" };

    public void AddBrokerOptions(Command command)
    {
        command.Add(Broker);
        command.Add(Ca);
        command.Add(User);
        command.Add(PasswordFile);
    }

    /// <summary>The registry file: --registry, else the per-user data folder (~/.local/share/sensornode on Linux).</summary>
    public string RegistryPath(ParseResult parse)
    {
        if (parse.GetValue(Registry) is { } file) return file.FullName;
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "sensornode");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "registry.db");
    }

    public Task<SqliteNodeRegistry> OpenRegistryAsync(ParseResult parse, CancellationToken cancellationToken) =>
        SqliteNodeRegistry.OpenAsync(RegistryPath(parse), cancellationToken: cancellationToken);

    /// <summary>Broker options for the host identity, or an error message (already localised).</summary>
    public (BrokerOptions? Options, string? Error, int ExitCode) BrokerOptions(ParseResult parse)
    {
        var text = parse.GetValue(Broker)!;
        if (!MqttEndpoint.TryParse(text, out var endpoint)) return (null, Messages.Format(nameof(Messages.ErrBrokerUri), text), ExitCodes.Usage);
        var options = new BrokerOptions { Host = endpoint!.Host, Port = endpoint.Port, UseTls = endpoint.UseTls, ConnectTimeout = TimeSpan.FromSeconds(5) };
        if (parse.GetValue(Ca) is { } ca)
        {
            if (!ca.Exists) return (null, Messages.Format(nameof(Messages.ErrFileNotFound), ca.FullName), ExitCodes.NotFound);
            options.CaCertificateFile = ca.FullName;
        }
        if (parse.GetValue(User) is { } user)
        {
            options.Username = user;
            if (parse.GetValue(PasswordFile) is { } pf)
            {
                if (!pf.Exists) return (null, Messages.Format(nameof(Messages.ErrFileNotFound), pf.FullName), ExitCodes.NotFound);
                options.Password = File.ReadAllText(pf.FullName).Trim();
            }
        }
        return (options, null, ExitCodes.Ok);
    }
}
