using BenchmarkDotNet.Running;

namespace SensorNode.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g.
/// <c>dotnet run -c Release --project tests/SensorNode.Benchmarks -- --filter '*' --job short</c>.
/// Every public class with [Benchmark] methods in this assembly is found by the switcher: add a file, not a registration.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
