using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Dsp;

namespace SensorNode.Core.Tests.Dsp
{
    [TestClass]
    public class RealFftTests
    {
        [TestMethod]
        [DataRow(0)]
        [DataRow(128)]
        [DataRow(255)]
        [DataRow(300)]
        [DataRow(1000)]
        [DataRow(16384)]
        [DataRow(-256)]
        public void RejectsSizesThatAreNotPowersOfTwoIn256To8192(int size)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new RealFft(size));
            Assert.IsNotNull(RealFft.CheckSize(size));
        }

        [TestMethod]
        [DataRow(256)]
        [DataRow(512)]
        [DataRow(1024)]
        [DataRow(2048)]
        [DataRow(4096)]
        [DataRow(8192)]
        public void AcceptsEveryPowerOfTwoIn256To8192(int size)
        {
            RealFft fft = new RealFft(size);
            Assert.AreEqual(size, fft.Size);
            Assert.IsNull(RealFft.CheckSize(size));
            Assert.AreEqual(RealFft.TableBytes(size), fft.AllocatedBytes);
        }

        [TestMethod]
        public void MatchesADirectDftOn256Points()
        {
            const int n = 256;
            float[] x = new float[n];
            SignalGenerator.AddNoise(x, n, 1f, 7);
            SignalGenerator.AddSine(x, n, n, 13.3f, 2f, 0.4f);
            float[] data = new float[n];
            Array.Copy(x, data, n);
            new RealFft(n).Forward(data);

            double maxError = 0, maxMagnitude = 0;
            for (int k = 0; k <= n / 2; k++)
            {
                double re = 0, im = 0;
                for (int i = 0; i < n; i++)
                {
                    double a = 2.0 * Math.PI * ((k * i) % n) / n;
                    re += x[i] * Math.Cos(a);
                    im -= x[i] * Math.Sin(a);
                }

                double coreRe = k == 0 ? data[0] : (k == n / 2 ? data[1] : data[2 * k]);
                double coreIm = (k == 0 || k == n / 2) ? 0 : data[2 * k + 1];
                double e = Math.Sqrt((coreRe - re) * (coreRe - re) + (coreIm - im) * (coreIm - im));
                if (e > maxError)
                {
                    maxError = e;
                }

                double m = Math.Sqrt(re * re + im * im);
                if (m > maxMagnitude)
                {
                    maxMagnitude = m;
                }
            }

            Assert.IsTrue(maxError <= 1e-4 * maxMagnitude, "max error " + maxError.ToString("F6") + " vs peak " + maxMagnitude.ToString("F2"));
        }

        [TestMethod]
        public void DcGoesToBinZeroOnly()
        {
            const int n = 512;
            float[] data = new float[n];
            SignalGenerator.Fill(data, 9.80665f);
            new RealFft(n).Forward(data);
            Assert.IsTrue(SignalGenerator.Near(data[0], 9.80665f * n, 1e-2f), "DC bin " + data[0].ToString("F3"));
            Assert.IsTrue(Math.Abs(data[1]) < 1e-2f, "Nyquist bin");
            for (int i = 2; i < n; i++)
            {
                Assert.IsTrue(Math.Abs(data[i]) < 1e-2f, "bin index " + i.ToString());
            }
        }

        [TestMethod]
        public void NyquistToneGoesToTheNyquistSlot()
        {
            const int n = 256;
            float[] data = new float[n];
            for (int i = 0; i < n; i++)
            {
                data[i] = (i & 1) == 0 ? 1f : -1f;
            }

            new RealFft(n).Forward(data);
            Assert.IsTrue(Math.Abs(data[0]) < 1e-4f);
            Assert.IsTrue(SignalGenerator.Near(data[1], n, 1e-3f), "X[N/2] = " + data[1].ToString("F3"));
        }

        [TestMethod]
        [DataRow(1024)]
        [DataRow(8192)]
        public void ParsevalHoldsWithoutAWindow(int n)
        {
            float[] data = new float[n];
            SignalGenerator.AddNoise(data, n, 1.5f, n);
            SignalGenerator.AddSine(data, n, 1000f, 123.4f, 3f, 0f);
            double timeEnergy = 0;
            for (int i = 0; i < n; i++)
            {
                timeEnergy += data[i] * (double)data[i];
            }

            new RealFft(n).Forward(data);

            // Two-sided sum: bins 1 … N/2−1 appear twice.
            double spectrumEnergy = data[0] * (double)data[0] + data[1] * (double)data[1];
            for (int k = 1; k < n / 2; k++)
            {
                spectrumEnergy += 2.0 * (data[2 * k] * (double)data[2 * k] + data[2 * k + 1] * (double)data[2 * k + 1]);
            }

            double ratio = spectrumEnergy / n / timeEnergy;
            Assert.IsTrue(Math.Abs(ratio - 1.0) < 1e-4, "Parseval ratio " + ratio.ToString("F6"));
        }

        [TestMethod]
        public void AllZeroInputGivesAllZeroSpectrum()
        {
            float[] data = new float[2048];
            new RealFft(2048).Forward(data);
            for (int i = 0; i < data.Length; i++)
            {
                Assert.AreEqual(0f, data[i]);
            }
        }

        [TestMethod]
        public void TwiddleLookupsMatchSinAndCos()
        {
            RealFft fft = new RealFft(1024);
            for (int k = 0; k <= 512; k += 7)
            {
                double a = 2.0 * Math.PI * k / 1024;
                Assert.IsTrue(Math.Abs(fft.Cos(k) - Math.Cos(a)) < 1e-6, "cos " + k.ToString());
                Assert.IsTrue(Math.Abs(fft.Sin(k) - Math.Sin(a)) < 1e-6, "sin " + k.ToString());
            }
        }
    }
}
