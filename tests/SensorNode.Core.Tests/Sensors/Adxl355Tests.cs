using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Sensors;

namespace SensorNode.Core.Tests.Sensors
{
    /// <summary>ADXL355 register map, 20-bit decoding and FIFO layout against the datasheet (Rev. A) values.</summary>
    [TestClass]
    public class Adxl355Tests
    {
        [TestMethod]
        [DataRow(2, 256000)]
        [DataRow(4, 128000)]
        [DataRow(8, 64000)]
        [DataRow(16, 0)]
        public void SensitivityPerRange(int rangeG, int lsbPerG)
        {
            Assert.AreEqual(lsbPerG, Adxl355.LsbPerG(rangeG));
        }

        [TestMethod]
        public void ScaleFactorIs3Point9MicroGPerLsbAtTwoG()
        {
            float microGPerLsb = 1e6f / Adxl355.LsbPerG(2);
            Assert.IsTrue(Math.Abs(microGPerLsb - 3.9f) < 0.01f, "3.9 µg/LSB");
        }

        [TestMethod]
        [DataRow(0x7F, 0xFF, 0xF0, 524287)]
        [DataRow(0x80, 0x00, 0x00, -524288)]
        [DataRow(0xFF, 0xFF, 0xF0, -1)]
        [DataRow(0x00, 0x01, 0x00, 16)]
        [DataRow(0x3E, 0x80, 0x00, 256000)]
        [DataRow(0x00, 0x00, 0x13, 1)]
        public void AxisIsTwentyBitTwosComplementIgnoringMarkerBits(int b3, int b2, int b1, int expected)
        {
            var raw = new byte[] { (byte)b3, (byte)b2, (byte)b1 };
            Assert.AreEqual(expected, Adxl355.DecodeAxis(raw, 0));
        }

        [TestMethod]
        public void SpiCommandsShiftTheAddress()
        {
            Assert.AreEqual((byte)0x23, Adxl355.ReadCommand(Adxl355.RegFifoData));
            Assert.AreEqual((byte)0x01, Adxl355.ReadCommand(Adxl355.RegDevIdAd));
            Assert.AreEqual((byte)0x5A, Adxl355.WriteCommand(Adxl355.RegPowerCtl));
        }

        [TestMethod]
        [DataRow(4000, 0)]
        [DataRow(3200, 0)]
        [DataRow(2000, 1)]
        [DataRow(1000, 2)]
        [DataRow(62, 6)]
        [DataRow(1, 10)]
        [DataRow(9000, 0)]
        public void RateCodeIsTheSlowestOdrCoveringTheRequest(int requestedHz, int expectedCode)
        {
            Assert.AreEqual(expectedCode, Adxl355.RateCode(requestedHz));
        }

        [TestMethod]
        public void OdrTableHalvesFrom4kHz()
        {
            Assert.AreEqual(4000f, Adxl355.OutputDataRateHz(0));
            Assert.AreEqual(62.5f, Adxl355.OutputDataRateHz(6));
            Assert.IsTrue(Math.Abs(Adxl355.OutputDataRateHz(10) - 3.906f) < 0.001f);
            Assert.AreEqual(0f, Adxl355.OutputDataRateHz(11));
        }

        [TestMethod]
        public void ConfigurationSequence()
        {
            var pairs = new byte[Adxl355.MaxConfigurationBytes];
            int n = Adxl355.BuildConfiguration(2, 4000, 96, pairs);

            byte[] expected = { 0x2D, 0x01, 0x2C, 0x81, 0x28, 0x00, 0x29, 0x60, 0x2A, 0x00, 0x2D, 0x00 };
            Assert.AreEqual(expected.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(expected[i], pairs[i], "byte " + i.ToString());
            }
        }

        [TestMethod]
        public void ConfigurationRejectsWatermarksOffFrameBoundaries()
        {
            var pairs = new byte[Adxl355.MaxConfigurationBytes];
            Assert.AreEqual(-1, Adxl355.BuildConfiguration(2, 4000, 95, pairs));
            Assert.AreEqual(-1, Adxl355.BuildConfiguration(2, 4000, 0, pairs));
            Assert.AreEqual(-1, Adxl355.BuildConfiguration(2, 4000, 99, pairs));
            Assert.AreEqual(-1, Adxl355.BuildConfiguration(16, 4000, 48, pairs));
            Assert.AreEqual(12, Adxl355.BuildConfiguration(8, 1000, 48, pairs));
            Assert.AreEqual((byte)0x83, pairs[3]);
            Assert.AreEqual((byte)0x02, pairs[5]);
        }

        [TestMethod]
        public void TemperatureIs25CAt1885Lsb()
        {
            // 1885 = 0x75D
            Assert.IsTrue(Math.Abs(Adxl355.TemperatureC(0x07, 0x5D) - 25f) < 1e-4f);
            // 1795 LSB is 90 LSB below: +9.94 °C
            Assert.IsTrue(Math.Abs(Adxl355.TemperatureC(0x07, 0x03) - 34.945f) < 0.01f);
        }

        private static void PutEntry(byte[] raw, int entry, int value, bool xMarker, bool empty)
        {
            int v = value & 0xFFFFF;
            int at = entry * 3;
            raw[at] = (byte)(v >> 12);
            raw[at + 1] = (byte)(v >> 4);
            raw[at + 2] = (byte)(((v & 0x0F) << 4) | (xMarker ? 1 : 0) | (empty ? 2 : 0));
        }

        [TestMethod]
        public void FifoFramesStartAtTheXMarker()
        {
            var raw = new byte[3 * 8];
            PutEntry(raw, 0, 1234, false, false);       // orphan Z of a frame cut by an earlier read
            PutEntry(raw, 1, 256000, true, false);      // x = +1 g
            PutEntry(raw, 2, -256000, false, false);    // y = -1 g
            PutEntry(raw, 3, 128000, false, false);     // z = +0.5 g
            PutEntry(raw, 4, 1, true, false);
            PutEntry(raw, 5, 2, false, false);
            PutEntry(raw, 6, 3, false, false);
            PutEntry(raw, 7, 7, true, false);           // incomplete frame: stays for the next read
            var x = new float[4];
            var y = new float[4];
            var z = new float[4];
            float scale = Gravity.MetresPerSecondSquaredPerLsb(Adxl355.LsbPerG(2));

            int frames = Adxl355.DecodeFifo(raw, 0, 8, scale, x, y, z, 1, 4, out int consumed, out int skipped);

            Assert.AreEqual(2, frames);
            Assert.AreEqual(7, consumed);
            Assert.AreEqual(1, skipped);
            Assert.IsTrue(Math.Abs(x[1] - 9.80665f) < 1e-4f, "x = 1 g");
            Assert.IsTrue(Math.Abs(y[1] + 9.80665f) < 1e-4f, "y = -1 g");
            Assert.IsTrue(Math.Abs(z[1] - 4.903325f) < 1e-4f, "z = 0.5 g");
            Assert.IsTrue(Math.Abs(z[2] - 3 * scale) < 1e-9f, "second frame z");
            Assert.AreEqual(0f, x[0]);
        }

        [TestMethod]
        public void EmptyEntryOrMisplacedMarkerStopsDecoding()
        {
            var raw = new byte[3 * 6];
            PutEntry(raw, 0, 1, true, false);
            PutEntry(raw, 1, 2, false, false);
            PutEntry(raw, 2, 3, false, false);
            PutEntry(raw, 3, 4, true, false);
            PutEntry(raw, 4, 5, true, false);           // a marker where Y belongs: entries were lost
            PutEntry(raw, 5, 6, false, true);
            var x = new float[4];
            var y = new float[4];
            var z = new float[4];

            int frames = Adxl355.DecodeFifo(raw, 0, 6, 1f, x, y, z, 0, 4, out int consumed, out int skipped);
            Assert.AreEqual(1, frames);
            Assert.AreEqual(3, consumed);
            Assert.AreEqual(0, skipped);

            PutEntry(raw, 0, 0, false, true);
            frames = Adxl355.DecodeFifo(raw, 0, 6, 1f, x, y, z, 0, 4, out consumed, out skipped);
            Assert.AreEqual(0, frames);
            Assert.AreEqual(0, consumed);
        }

        [TestMethod]
        public void DecodingStopsAtTheCallersLimit()
        {
            var raw = new byte[3 * 6];
            for (int f = 0; f < 2; f++)
            {
                PutEntry(raw, f * 3, 10, true, false);
                PutEntry(raw, f * 3 + 1, 20, false, false);
                PutEntry(raw, f * 3 + 2, 30, false, false);
            }

            var x = new float[1];
            var y = new float[1];
            var z = new float[1];
            int frames = Adxl355.DecodeFifo(raw, 0, 6, 1f, x, y, z, 0, 1, out int consumed, out int skipped);
            Assert.AreEqual(1, frames);
            Assert.AreEqual(3, consumed);
            Assert.AreEqual(30f, z[0]);
        }

        [TestMethod]
        public void FifoEntriesMasksTheCount()
        {
            Assert.AreEqual(96, Adxl355.FifoEntries(0x60));
            Assert.AreEqual(0x7F, Adxl355.FifoEntries(0xFF));
        }
    }
}
