using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SensorNode.Sdk.Benchmarks.IngestBenchmarks).Assembly).Run(args);
