using System.Diagnostics;
using System.Net.Sockets;
using SensorNode.Sdk.Mqtt;

namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>
/// A real Eclipse Mosquitto on a free loopback port, started from a generated configuration with anonymous access
/// off, a password file made by mosquitto_passwd (random passwords per run) and an ACL file:
/// the host identity reads and writes the whole tree; each node identity (user name = node id) may write only
/// below its own node subtree and read its own config and command topics. Killed on dispose.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string HostUser = "sn-host";

    private Process _process;
    private readonly Dictionary<string, string> _passwords;

    private MosquittoBroker(Process process, int port, string directory, Dictionary<string, string> passwords)
    {
        _process = process;
        Port = port;
        Directory = directory;
        _passwords = passwords;
    }

    public int Port { get; }

    public string Directory { get; }

    public string LogFile => Path.Combine(Directory, "mosquitto.log");

    /// <summary>Starts a broker knowing the host identity and the given node identities.</summary>
    public static async Task<MosquittoBroker> StartAsync(IEnumerable<string> nodeIds, CancellationToken cancellationToken = default)
    {
        string mosquitto = ExternalTool.Require("mosquitto", "mosquitto");
        string mosquittoPasswd = ExternalTool.Require("mosquitto_passwd", "mosquitto");
        string dir = ExternalTool.NewTempDirectory("sn-mosquitto");
        int port = ExternalTool.FreeLoopbackPort();

        var passwords = new Dictionary<string, string> { [HostUser] = ExternalTool.RandomSecret() };
        foreach (var node in nodeIds) passwords[node] = ExternalTool.RandomSecret();
        string passwordFile = Path.Combine(dir, "passwd");
        bool first = true;
        foreach (var (user, password) in passwords)
        {
            if (first) ExternalTool.Run(mosquittoPasswd, "-b", "-c", passwordFile, user, password);
            else ExternalTool.Run(mosquittoPasswd, "-b", passwordFile, user, password);
            first = false;
        }

        string aclFile = Path.Combine(dir, "acl");
        File.WriteAllText(aclFile, $"""
            # host identity: the whole tree
            user {HostUser}
            topic readwrite sensornode/#

            # every node: write only its own subtree, read only its own config and commands
            pattern write sensornode/v1/+/%u/#
            pattern read sensornode/v1/+/%u/config/desired
            pattern read sensornode/v1/+/%u/cmd

            """);

        string configFile = Path.Combine(dir, "mosquitto.conf");
        string runAs = Environment.UserName;
        File.WriteAllText(configFile, $"""
            per_listener_settings false
            allow_anonymous false
            password_file {passwordFile}
            acl_file {aclFile}
            listener {port} 127.0.0.1
            persistence false
            user {runAs}
            log_dest file {Path.Combine(dir, "mosquitto.log")}
            log_type error
            log_type warning
            log_type notice
            max_queued_messages 0
            """ + "\n");
        foreach (var f in new[] { passwordFile, aclFile, configFile })
            File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var process = Launch(mosquitto, configFile);
        var broker = new MosquittoBroker(process, port, dir, passwords);
        try
        {
            await broker.WaitForPortAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
        return broker;
    }

    private static Process Launch(string mosquitto, string configFile)
    {
        var start = new ProcessStartInfo(mosquitto) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configFile);
        return Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
    }

    /// <summary>Kills the broker with SIGKILL (no clean shutdown) and starts it again on the same port and files.</summary>
    public async Task KillAndRestartAsync(TimeSpan downtime)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        await Task.Delay(downtime);
        _process = Launch(ExternalTool.Require("mosquitto", "mosquitto"), Path.Combine(Directory, "mosquitto.conf"));
        await WaitForPortAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
    }

    private async Task WaitForPortAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                string log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode} before listening on {Port}: {_process.StandardError.ReadToEnd()} {log}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        throw new TimeoutException($"mosquitto did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds} s.");
    }

    public string PasswordOf(string user) => _passwords.TryGetValue(user, out var p)
        ? p : throw new ArgumentException($"The test broker has no user '{user}'.");

    /// <summary>Broker options for the host identity (full tree).</summary>
    public BrokerOptions HostOptions(string? clientId = null) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = HostUser,
        Password = PasswordOf(HostUser),
        ClientId = clientId,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) },
    };

    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
