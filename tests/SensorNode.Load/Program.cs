using System.Globalization;
using SensorNode.Load;

// sensornode load driver (loopback only, bounded):
//   dotnet run --project tests/SensorNode.Load -c Release -- [--mode runtime|wire] [--nodes N] [--seconds S]
//       [--warmup S] [--multiplex M] [--workers W] [--separate-consumer]
//   (internal) consumer <port>: the SDK consumer as a child process, driven over stdin/stdout
if (args.Length == 2 && args[0] == "consumer")
{
    return await InProcessConsumer.ServeAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
}

var o = new LoadOptions();
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
    o = args[i] switch
    {
        "--mode" => o with { Mode = Next() },
        "--nodes" => o with { Nodes = Int() },
        "--seconds" => o with { Seconds = Int() },
        "--warmup" => o with { WarmupSeconds = Int() },
        "--multiplex" => o with { Multiplex = Int() },
        "--workers" => o with { Workers = Int() },
        "--drain" => o with { DrainSeconds = Int() },
        "--separate-consumer" => o with { SeparateConsumer = true },
        _ => throw new ArgumentException($"unknown option {args[i]}"),
    };
}

using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(o.WarmupSeconds + o.Seconds + 300));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var result = await LoadRun.RunAsync(o, Console.Out, cts.Token);
return result.Lost == 0 ? 0 : 1;
