using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;
using SensorNode.Core.Dsp;

namespace SensorNode.Benchmarks;

/// <summary>
/// One forward FFT of N real float samples: the core's RealFft (in place, float32, tables built once) next to
/// MathNet.Numerics 5 on the same input (its real-input transform and its complex transform). Each call first copies
/// the input into the work buffer, because all three transform in place.
/// </summary>
[MemoryDiagnoser]
public class FftBenchmarks
{
    [Params(256, 2048, 8192)]
    public int N;

    private float[] _input = [];
    private float[] _work = [];
    private float[] _mathNetReal = [];
    private Complex32[] _mathNetComplex = [];
    private RealFft _fft = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(N);
        _input = new float[N];
        for (int i = 0; i < N; i++)
            _input[i] = (float)(random.NextDouble() * 2 - 1);
        _work = new float[N];
        _mathNetReal = new float[N + 2];
        _mathNetComplex = new Complex32[N];
        _fft = new RealFft(N);
    }

    [Benchmark(Baseline = true, Description = "core RealFft.Forward (float32)")]
    public float Core()
    {
        Array.Copy(_input, _work, N);
        _fft.Forward(_work);
        return _work[2];
    }

    [Benchmark(Description = "MathNet Fourier.ForwardReal (float)")]
    public float MathNetReal()
    {
        Array.Copy(_input, _mathNetReal, N);
        Fourier.ForwardReal(_mathNetReal, N, FourierOptions.Matlab);
        return _mathNetReal[2];
    }

    [Benchmark(Description = "MathNet Fourier.Forward (Complex32)")]
    public float MathNetComplex()
    {
        for (int i = 0; i < N; i++)
            _mathNetComplex[i] = new Complex32(_input[i], 0f);
        Fourier.Forward(_mathNetComplex, FourierOptions.Matlab);
        return _mathNetComplex[1].Real;
    }
}
