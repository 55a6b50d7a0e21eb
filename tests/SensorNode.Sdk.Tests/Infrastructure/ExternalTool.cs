namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>Finds the real programs the integration tests start. A missing one fails the test with the install
/// command: these tests never skip silently (CI installs the packages in .ci/run).</summary>
internal static class ExternalTool
{
    public static string Require(string program, string debianPackage)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"]);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"'{program}' was not found on PATH or in /usr/sbin. These integration tests need the real program: " +
            $"install it with 'apt-get install -y {debianPackage}' (.ci/run does this on CI).");
    }

    public static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string NewTempDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string RandomSecret(int bytes = 18) =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');

    /// <summary>Runs a short program to completion; throws with its output when it fails.</summary>
    public static void Run(string file, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(true);
            throw new InvalidOperationException($"'{Path.GetFileName(file)}' did not finish within 30 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{Path.GetFileName(file)}' exited with {process.ExitCode}: {stderr}{stdout}");
    }
}
