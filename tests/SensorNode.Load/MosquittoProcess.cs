using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SensorNode.Load;

/// <summary>
/// A real Mosquitto broker on a free loopback port, started from a generated config, that a test can stop with
/// SIGTERM, kill with SIGKILL and start again on the same port. Plain MQTT on 127.0.0.1 only: these tests are about
/// process faults, the hardened TLS/ACL set-up is tested with the CLI's `broker setup`.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private Process? _process;

    private MosquittoProcess(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ConfigFile => Path.Combine(Directory, "mosquitto.conf");

    public string LogFile => Path.Combine(Directory, "mosquitto.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Process id of the running broker (for CPU and memory figures).</summary>
    public int? Pid => IsRunning ? _process!.Id : null;

    /// <summary>Starts a broker; fails with a clear message when the `mosquitto` executable is not installed.</summary>
    public static async Task<MosquittoProcess> StartAsync(int maxConnections = -1)
    {
        string exe = Locate();
        var dir = System.IO.Directory.CreateTempSubdirectory("sn-faults-mosquitto-").FullName;
        var broker = new MosquittoProcess(dir, FreePort());
        // Persistence off: a killed broker keeps nothing, which is the harder case for the nodes' queues.
        File.WriteAllText(broker.ConfigFile, string.Join('\n',
            $"listener {broker.Port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            $"log_dest file {broker.LogFile}",
            "log_type error",
            "log_type warning",
            "log_type notice",
            $"max_connections {maxConnections}",
            "max_inflight_messages 100",
            "max_queued_messages 100000",
            "set_tcp_nodelay true",
            ""));
        broker._exe = exe;
        await broker.StartAsync().ConfigureAwait(false);
        return broker;
    }

    private string _exe = "mosquitto";

    /// <summary>(Re)starts the broker on the same port; waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("broker already running");
        var start = new ProcessStartInfo(_exe, ["-c", ConfigFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            while (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                if (await CanConnectAsync().ConfigureAwait(false)) return;
                await Task.Delay(50).ConfigureAwait(false);
            }

            // The port can linger for a moment after a kill; retry until the deadline.
            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"mosquitto did not accept connections on 127.0.0.1:{Port} within 20 s; log:\n{ReadLog()}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM: Mosquitto closes every connection and exits.</summary>
    public Task StopAsync() => SignalAsync(15);

    /// <summary>SIGKILL: the process vanishes, the kernel resets the connections.</summary>
    public Task KillAsync() => SignalAsync(9);

    private async Task SignalAsync(int signal)
    {
        var p = _process ?? throw new InvalidOperationException("broker not started");
        if (p.HasExited) return;
        using (var kill = Process.Start("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await p.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
    }

    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    private async Task<bool> CanConnectAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/local/sbin"]))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, "mosquitto");
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException("These fault-injection tests need a real Mosquitto broker, but the `mosquitto` executable was not found on PATH or in /usr/sbin. Install it (Debian: apt-get install mosquitto).");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsRunning) await KillAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already gone.
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
        }
    }
}
