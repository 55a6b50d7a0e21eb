using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using SensorNode.Core.Dsp;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Dsp.ReferenceTests;

/// <summary>
/// The core's float32 real FFT against MathNet.Numerics' double-precision complex FFT on seeded random signals.
/// Error measure: max over bins k = 0 … N/2 of |X_core[k] − X_ref[k]| divided by the RMS bin magnitude of the
/// reference, sqrt(Σ|X_ref|² / (N/2 + 1)). Bound: 5e-7 · log2(N) (float32 rounding grows with the stage count);
/// measured values are printed and recorded in docs/dsp.md.
/// </summary>
public sealed class FftReferenceTests(ITestOutputHelper output)
{
    public const double ToleranceFactor = 5e-7;

    public static TheoryData<int> Sizes => new() { 256, 512, 1024, 2048, 4096, 8192 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MatchesMathNetOnRandomSignals(int n)
    {
        var fft = new RealFft(n);
        var data = new float[n];
        var reference = new Complex[n];
        double worst = 0;
        for (int trial = 0; trial < 4; trial++)
        {
            var random = new Random(1000 * n + trial);
            for (int i = 0; i < n; i++)
            {
                // Offset + noise: DC and broadband content in every bin.
                float v = (float)(random.NextDouble() * 2.0 - 1.0 + (trial == 3 ? 9.81 : 0.0));
                data[i] = v;
                reference[i] = new Complex(v, 0);
            }

            fft.Forward(data);
            Fourier.Forward(reference, FourierOptions.Matlab); // unscaled, e^(−2πikn/N)

            double sumSq = 0;
            for (int k = 0; k <= n / 2; k++)
            {
                sumSq += reference[k].Magnitude * reference[k].Magnitude;
            }

            double rmsBin = Math.Sqrt(sumSq / (n / 2 + 1));
            double maxError = 0;
            for (int k = 0; k <= n / 2; k++)
            {
                Complex core = Bin(data, n, k);
                maxError = Math.Max(maxError, (core - reference[k]).Magnitude);
            }

            worst = Math.Max(worst, maxError / rmsBin);
        }

        double bound = ToleranceFactor * Math.Log2(n);
        output.WriteLine($"N = {n}: max relative bin error {worst:E2} (bound {bound:E2})");
        Assert.True(worst <= bound, $"N = {n}: max relative error {worst:E3} exceeds {bound:E3}");
    }

    [Fact]
    public void PureToneLandsInItsBinWithTheRightMagnitude()
    {
        const int n = 1024;
        var fft = new RealFft(n);
        var data = new float[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = (float)(3.0 * Math.Cos(2 * Math.PI * 37 * i / n));
        }

        fft.Forward(data);
        Assert.Equal(3.0 * n / 2, Bin(data, n, 37).Magnitude, 2);
        Assert.True(Bin(data, n, 36).Magnitude < 1e-2);
    }

    private static Complex Bin(float[] packed, int n, int k)
    {
        if (k == 0)
        {
            return new Complex(packed[0], 0);
        }

        if (k == n / 2)
        {
            return new Complex(packed[1], 0);
        }

        return new Complex(packed[2 * k], packed[2 * k + 1]);
    }
}
