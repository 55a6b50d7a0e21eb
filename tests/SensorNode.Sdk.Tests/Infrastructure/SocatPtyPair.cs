using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>A real pseudo-terminal pair from <c>socat -d -d pty,raw,echo=0 pty,raw,echo=0</c>: bytes written to one
/// end come out of the other, through the kernel's tty layer, as with a USB serial adapter. Killed on dispose.</summary>
public sealed partial class SocatPtyPair : IAsyncDisposable
{
    private readonly Process _process;

    private SocatPtyPair(Process process, string first, string second)
    {
        _process = process;
        HostEnd = first;
        NodeEnd = second;
    }

    /// <summary>Device path the host-side provisioner opens.</summary>
    public string HostEnd { get; }

    /// <summary>Device path the virtual node opens.</summary>
    public string NodeEnd { get; }

    public static async Task<SocatPtyPair> StartAsync(CancellationToken cancellationToken = default)
    {
        string socat = ExternalTool.Require("socat", "socat");
        var start = new ProcessStartInfo(socat) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0" }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start.");
        var ptys = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (ptys.Count < 2)
            {
                string? line = await process.StandardError.ReadLineAsync(timeout.Token);
                if (line == null) throw new InvalidOperationException($"socat exited before reporting two ptys (exit {(process.HasExited ? process.ExitCode : -1)}).");
                var match = PtyLine().Match(line);
                if (match.Success) ptys.Add(match.Groups[1].Value);
            }
        }
        catch
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            throw;
        }
        // Keep draining socat's diagnostics so it never blocks on a full pipe.
        _ = Task.Run(async () => { try { while (await process.StandardError.ReadLineAsync() != null) { } } catch { } });
        return new SocatPtyPair(process, ptys[0], ptys[1]);
    }

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyLine();

    /// <summary>Ends socat, which closes both ends (the provisioner then sees its port fail).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
