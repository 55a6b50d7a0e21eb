using System.Diagnostics;
using SensorNode.Fuzz;

// SensorNode.Fuzz <mode> <harness> [...]
//   fuzz <harness>                      run under afl-fuzz (SharpFuzz persistent loop; input on stdin)
//   replay <harness> <file|dir>...      run each input once, uninstrumented; exit 1 on any finding
//   mutate <harness> <dir> <seconds> [max-execs]
//                                       fallback without AFL: random mutations of the corpus in-process
//                                       (NOT coverage-guided); prints executions and findings
//   seed <corpus-root>                  writes the generated seed inputs (valid messages from the core's encoders)
string[] names = ["config", "command", "provisioning", "decoder"];
if (args.Length < 2)
{
    Console.Error.WriteLine($"usage: SensorNode.Fuzz fuzz|replay|mutate <{string.Join('|', names)}> ... | seed <corpus-root>");
    return 2;
}

if (args[0] == "seed")
{
    Seeds.Write(args[1]);
    return 0;
}

if (!names.Contains(args[1]))
{
    Console.Error.WriteLine($"unknown harness '{args[1]}'; one of {string.Join(", ", names)}");
    return 2;
}

// Built lazily: under afl-fuzz no instrumented (core) code may run before SharpFuzz has attached the shared
// coverage map, and the harness constructors already call into the core.
IHarness Create() => args[1] switch
{
    "config" => new ConfigHarness(),
    "command" => new CommandHarness(),
    "provisioning" => new ProvisioningHarness(),
    _ => new DecoderHarness(),
};

const int MaxInput = 16 * 1024;
switch (args[0])
{
    case "fuzz":
    {
        var buffer = new byte[MaxInput];
        IHarness? target = null;
        SharpFuzz.Fuzzer.Run(stream =>
        {
            target ??= Create();
            int n = 0;
            int read;
            while (n < buffer.Length && (read = stream.Read(buffer, n, buffer.Length - n)) > 0)
            {
                n += read;
            }

            target.Run(buffer, n);
        });
        return 0;
    }

    case "replay":
    {
        IHarness harness = Create();
        int runs = 0, findings = 0;
        foreach (string file in Inputs(args.Skip(2)))
        {
            byte[] data = File.ReadAllBytes(file);
            runs++;
            try
            {
                harness.Run(data, Math.Min(data.Length, MaxInput));
            }
            catch (Exception e)
            {
                findings++;
                Console.Error.WriteLine($"FINDING {harness.Name} {file}: {e.GetType().Name}: {e.Message}");
            }
        }

        Console.WriteLine($"replay {harness.Name}: {runs} inputs, {findings} findings");
        return findings == 0 ? 0 : 1;
    }

    case "mutate":
    {
        IHarness harness = Create();
        double seconds = double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        long maxExecs = args.Length > 4 ? long.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
        byte[][] corpus = Inputs([args[2]]).Select(File.ReadAllBytes).ToArray();
        if (corpus.Length == 0)
        {
            corpus = [[0]];
        }

        var random = new Random(12345);
        var watch = Stopwatch.StartNew();
        long execs = 0, findings = 0;
        var buffer = new byte[MaxInput];
        while (watch.Elapsed.TotalSeconds < seconds && execs < maxExecs)
        {
            int n = Mutator.Next(random, corpus, buffer);
            execs++;
            try
            {
                harness.Run(buffer, n);
            }
            catch (Exception e)
            {
                findings++;
                if (findings <= 5)
                {
                    Console.Error.WriteLine($"FINDING {harness.Name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"mutate {harness.Name}: execs={execs} seconds={watch.Elapsed.TotalSeconds:F0} rate={execs / watch.Elapsed.TotalSeconds:F0}/s findings={findings} peak_rss_mb={self.PeakWorkingSet64 / (1024 * 1024)}");
        return findings == 0 ? 0 : 1;
    }

    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}

static IEnumerable<string> Inputs(IEnumerable<string> paths) =>
    paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal)) : [p]).Order(StringComparer.Ordinal);
