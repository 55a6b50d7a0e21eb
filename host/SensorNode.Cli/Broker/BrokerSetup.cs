using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SensorNode.Cli.Broker;

/// <summary>What <c>sensornode broker setup</c> is asked to produce.</summary>
public sealed record BrokerSetupOptions
{
    public required string OutputDirectory { get; init; }

    public required string Site { get; init; }

    public required IReadOnlyList<string> NodeIds { get; init; }

    /// <summary>The MQTT user name of the host (SDK, CLI, AAS server): the only identity that writes config and commands.</summary>
    public string HostUser { get; init; } = "sensornode-host";

    public int TlsPort { get; init; } = 8883;

    /// <summary>Address the TLS listener binds (all interfaces by default: nodes are on the factory network).</summary>
    public string TlsBindAddress { get; init; } = "0.0.0.0";

    /// <summary>Names and addresses written into the broker certificate (clients check the one they dial).</summary>
    public IReadOnlyList<string> ServerNames { get; init; } = ["localhost", "127.0.0.1"];

    /// <summary>Opt-in plain listener, bound to 127.0.0.1 only, for development on the broker machine itself.</summary>
    public int? DevPlainPort { get; init; }

    /// <summary>Require a client certificate and use its CN as the user name (passwords then unused).</summary>
    public bool RequireClientCertificates { get; init; }

    public bool Overwrite { get; init; }

    /// <summary>System user Mosquitto switches to when started as root (its default is "mosquitto", which cannot read
    /// files that only their owner may read).</summary>
    public string? RunAsUser { get; init; }

    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(3650);

    public TimeSpan LeafLifetime { get; init; } = TimeSpan.FromDays(825);

    public TopicPolicy Topics { get; init; } = new();
}

/// <summary>What was written (paths only: secrets stay in the 0600 secrets file).</summary>
public sealed record BrokerSetupResult(
    string ConfigFile,
    string PasswordFile,
    string AclFile,
    string SecretsFile,
    string CaCertificate,
    string ServerCertificate,
    IReadOnlyList<string> Identities,
    IReadOnlyList<string> Files);

/// <summary>
/// Writes a hardened Mosquitto 2 setup into one folder: a TLS-only listener (optional plain listener on 127.0.0.1),
/// anonymous access off, a site CA with broker and per-identity client certificates, a $7$ password file with a
/// random password per identity, and an ACL giving each node its own subtree only. Secrets go to
/// <c>secrets.json</c> (mode 0600) and are never printed. Private keys are written 0600.
/// </summary>
public static partial class BrokerSetup
{
    public const string ConfigName = "mosquitto.conf";
    public const string PasswordName = "passwd";
    public const string AclName = "acl";
    public const string SecretsName = "secrets.json";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdentifierPattern();

    /// <summary>Node ids, site and user names become topic levels and ACL entries: no wildcards, slashes or spaces.</summary>
    public static bool IsValidIdentifier(string value) => IdentifierPattern().IsMatch(value);

    public static BrokerSetupResult Run(BrokerSetupOptions options)
    {
        // Site and node ids become topic levels: the core's rule. User names only need to be safe in the ACL and passwd files.
        foreach (var id in options.NodeIds.Append(options.Site))
            if (!SensorNode.Core.Protocol.Topics.IsValidSegment(id)) throw new BrokerSetupException(BrokerSetupError.InvalidIdentifier, id);
        foreach (var id in new[] { options.HostUser, options.RunAsUser ?? "root" })
            if (!IsValidIdentifier(id)) throw new BrokerSetupException(BrokerSetupError.InvalidIdentifier, id);
        var duplicates = options.NodeIds.Append(options.HostUser).GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) throw new BrokerSetupException(BrokerSetupError.DuplicateIdentity, duplicates[0]);

        var dir = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "clients"));
        var configPath = Path.Combine(dir, ConfigName);
        if (!options.Overwrite)
        {
            foreach (var name in new[] { ConfigName, PasswordName, AclName, SecretsName, "ca.crt", "ca.key" })
                if (File.Exists(Path.Combine(dir, name))) throw new BrokerSetupException(BrokerSetupError.WouldOverwrite, Path.Combine(dir, name));
        }

        var files = new List<string>();
        void Write(string relative, string content, bool secret)
        {
            var path = Path.Combine(dir, relative);
            WriteFile(path, content, secret);
            files.Add(path);
        }

        using var ca = CertificateAuthority.Create($"SensorNode {options.Site} CA", options.CaLifetime);
        Write("ca.crt", ca.CertificatePem, false);
        Write("ca.key", ca.PrivateKeyPem, true);
        var server = ca.IssueServer(options.ServerNames.FirstOrDefault() ?? "localhost", options.ServerNames, options.LeafLifetime);
        Write("server.crt", server.CertificatePem, false);
        Write("server.key", server.PrivateKeyPem, true);

        var identities = new List<string> { options.HostUser };
        identities.AddRange(options.NodeIds);
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        var passwd = new StringBuilder();
        foreach (var identity in identities)
        {
            var password = MosquittoPasswordFile.NewPassword();
            passwords[identity] = password;
            passwd.Append(MosquittoPasswordFile.Line(identity, password)).Append('\n');
            var client = ca.IssueClient(identity, options.LeafLifetime);
            Write(Path.Combine("clients", identity + ".crt"), client.CertificatePem, false);
            Write(Path.Combine("clients", identity + ".key"), client.PrivateKeyPem, true);
        }

        // Mosquitto reads the password file as its own user: readable by the owner only, never by others.
        Write(PasswordName, passwd.ToString(), true);
        Write(AclName, Acl(options), false);
        Write(SecretsName, Secrets(options, passwords), true);
        Write(ConfigName, Config(options, dir), false);

        return new BrokerSetupResult(configPath, Path.Combine(dir, PasswordName), Path.Combine(dir, AclName), Path.Combine(dir, SecretsName),
            Path.Combine(dir, "ca.crt"), Path.Combine(dir, "server.crt"), identities, files);
    }

    public static string Acl(BrokerSetupOptions options)
    {
        var t = options.Topics;
        var sb = new StringBuilder();
        sb.Append("# Generated by `sensornode broker setup`. Anonymous clients get nothing (no topic lines before the first user).\n\n");
        sb.Append("# The host identity: reads every node, the only one that writes config and commands.\n");
        sb.Append("user ").Append(options.HostUser).Append('\n');
        sb.Append("topic readwrite ").Append(t.Root).Append("/#\n\n");
        foreach (var node in options.NodeIds)
        {
            var subtree = t.NodeSubtree(options.Site, node);
            sb.Append("# Node ").Append(node).Append(": writes its own reports, reads only what the host sends it.\n");
            sb.Append("user ").Append(node).Append('\n');
            foreach (var leaf in t.NodePublishes) sb.Append("topic write ").Append(subtree).Append('/').Append(leaf).Append('\n');
            foreach (var leaf in t.HostToNode) sb.Append("topic read ").Append(subtree).Append('/').Append(leaf).Append('\n');
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Config(BrokerSetupOptions options, string dir)
    {
        string P(string name) => Quote(Path.Combine(dir, name));
        var sb = new StringBuilder();
        sb.Append("# Generated by `sensornode broker setup` for Mosquitto 2.x. Start with: mosquitto -c ").Append(Path.Combine(dir, ConfigName)).Append('\n');
        if (options.RunAsUser is { Length: > 0 } user) sb.Append("user ").Append(user).Append('\n');
        sb.Append("per_listener_settings false\n");
        sb.Append("allow_anonymous false\n");
        sb.Append("password_file ").Append(P(PasswordName)).Append('\n');
        sb.Append("acl_file ").Append(P(AclName)).Append('\n');
        sb.Append("# A client may not pick a client id containing wildcards or use another's id to take over its session.\n");
        sb.Append("allow_zero_length_clientid false\n");
        sb.Append("max_inflight_messages 20\n");
        sb.Append("max_queued_messages 1000\n\n");
        sb.Append("# TLS listener: the only one reachable from the network.\n");
        sb.Append("listener ").Append(options.TlsPort).Append(' ').Append(options.TlsBindAddress).Append('\n');
        sb.Append("protocol mqtt\n");
        sb.Append("cafile ").Append(P("ca.crt")).Append('\n');
        sb.Append("certfile ").Append(P("server.crt")).Append('\n');
        sb.Append("keyfile ").Append(P("server.key")).Append('\n');
        sb.Append("tls_version tlsv1.2\n");
        if (options.RequireClientCertificates)
        {
            sb.Append("require_certificate true\n");
            sb.Append("use_identity_as_username true\n");
        }
        else
        {
            sb.Append("require_certificate false\n");
        }
        if (options.DevPlainPort is { } plain)
        {
            sb.Append("\n# Development only (opted in with --dev-plain-port): plain MQTT on the loopback interface, same users and ACLs.\n");
            sb.Append("listener ").Append(plain).Append(" 127.0.0.1\n");
            sb.Append("protocol mqtt\n");
        }
        return sb.ToString();
    }

    private static string Secrets(BrokerSetupOptions options, Dictionary<string, string> passwords)
    {
        var doc = new
        {
            note = "MQTT passwords generated by sensornode broker setup. Keep this file private (mode 0600); give each node only its own entry at provisioning.",
            site = options.Site,
            hostUser = options.HostUser,
            identities = passwords.Select(p => new { user = p.Key, password = p.Value, certificate = $"clients/{p.Key}.crt", key = $"clients/{p.Key}.key" }),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Mosquitto splits config values at spaces unless the path has none; refuse rather than write a broken config.</summary>
    private static string Quote(string path) => path.Contains(' ')
        ? throw new BrokerSetupException(BrokerSetupError.PathHasSpaces, path)
        : path;

    private static void WriteFile(string path, string content, bool secret)
    {
        if (File.Exists(path)) File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        using var stream = new FileStream(path, options);
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }

    /// <summary>Reads the secrets file back (for tests and for `provision`, which hands a node its own password).</summary>
    public static IReadOnlyDictionary<string, string> ReadPasswords(string secretsFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(secretsFile));
        return doc.RootElement.GetProperty("identities").EnumerateArray()
            .ToDictionary(e => e.GetProperty("user").GetString()!, e => e.GetProperty("password").GetString()!, StringComparer.Ordinal);
    }
}

public enum BrokerSetupError
{
    InvalidIdentifier,
    DuplicateIdentity,
    WouldOverwrite,
    PathHasSpaces,
}

public sealed class BrokerSetupException(BrokerSetupError error, string subject) : Exception($"{error}: {subject}")
{
    public BrokerSetupError Error { get; } = error;

    public string Subject { get; } = subject;
}
